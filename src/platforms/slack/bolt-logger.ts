import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger, LogLevel as OurLevel } from '../../logger.js';

const TO_BOLT: Record<OurLevel, LogLevel> = { debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN, error: LogLevel.ERROR };

/**
 * Bolt, its WebClient and the Socket Mode client log through ours, so their lines are redacted and
 * levelled like the rest. Bolt's info chatter (e.g. "Now connected to Slack") is kept at debug.
 */
export function boltLogger(logger: Logger, level: OurLevel = 'info'): BoltLogger {
  const line = (parts: unknown[]) => parts.map((p) => (typeof p === 'string' ? p : p instanceof Error ? p.message : JSON.stringify(p))).join(' ');
  let current = TO_BOLT[level];
  return {
    debug: (...msg: unknown[]) => logger.debug(`slack: ${line(msg)}`),
    info: (...msg: unknown[]) => logger.debug(`slack: ${line(msg)}`),
    warn: (...msg: unknown[]) => logger.warn(`slack: ${line(msg)}`),
    error: (...msg: unknown[]) => logger.error(`slack: ${line(msg)}`),
    setLevel: (next: LogLevel) => void (current = next),
    getLevel: () => current,
    setName: () => undefined,
  };
}
