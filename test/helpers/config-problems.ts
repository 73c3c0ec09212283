import { ConfigError, parseConfig } from '../../src/config.js';

/** The problems a configuration is refused with (fails the test if it is accepted). */
export function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}
