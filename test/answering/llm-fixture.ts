import { join } from 'node:path';
import { createLlmMode, type LlmMode, type LlmSettings } from '../../src/answering/index.js';
import { parseConfig, type Config } from '../../src/config.js';
import type { Article } from '../../src/knowledge/article.js';
import { createLogger } from '../../src/logger.js';
import { engineFixture, type Fixture } from '../helpers/engine-fixture.js';
import { API_KEY, BASE_URL } from './fake-openai.js';

export const PROMPTS_DIR = join(import.meta.dirname, '../../prompts');

export function llmConfig(env: Record<string, string> = {}): Config {
  return parseConfig({ OPENAI_API_KEY: API_KEY, OPENAI_BASE_URL: BASE_URL, PROMPTS_DIR, LLM_MAX_RETRIES: '2', ...env });
}

export interface LlmTestMode {
  llm: LlmMode;
  /** Every log line LLM mode wrote (at debug level). */
  logLines: string[];
  /** The retry waits asked for, in ms (never actually slept). */
  sleeps: number[];
}

/** LLM mode against the fake API, with a short timeout and instant retry waits so tests stay fast. */
export function llmMode(options: { env?: Record<string, string>; overrides?: Partial<Omit<LlmSettings, 'retry'>> } = {}): LlmTestMode {
  const logLines: string[] = [];
  const sleeps: number[] = [];
  const llm = createLlmMode(llmConfig(options.env), {
    logger: createLogger('debug', (line) => logLines.push(line)),
    overrides: {
      timeoutMs: 250,
      ...options.overrides,
      retry: { baseDelayMs: 1, sleep: async (ms) => void sleeps.push(ms) },
    },
  });
  if (!llm) throw new Error('LLM mode should be on with an API key');
  return { llm, logLines, sleeps };
}

/** The engine fixture (scripted matcher, sample articles, in-memory store) with LLM mode plugged in. */
export async function llmEngine(
  options: { env?: Record<string, string>; articles?: Article[]; rules?: NonNullable<Parameters<typeof engineFixture>[0]>['rules'] } = {},
): Promise<Fixture & LlmTestMode> {
  const mode = llmMode({ env: options.env });
  const fixture = await engineFixture({ answerer: mode.llm.answerer, summarizer: mode.llm.summarizer, articles: options.articles, rules: options.rules });
  mode.llm.calls.attach(fixture.store.events);
  return { ...fixture, ...mode };
}
