import type { App } from '../app.js';
import type { Outbox, Platform } from '../engine/types.js';

const EVERY_MS = 60_000;

/**
 * Once a minute: resolves conversations left idle for AUTO_RESOLVE_AFTER_MINUTES and pings teams about handoffs
 * nobody claimed within HANDOFF_REMIND_AFTER_MINUTES, on whichever platforms are running (Slack, Discord, or the
 * console chat, so both can be tried there). Failures are logged; the next minute tries again.
 */
export function startHousekeeping(app: App, outboxFor: (platform: Platform) => Outbox | undefined): { stop: () => void } {
  const timer = setInterval(() => {
    app.engine
      .sweep(outboxFor)
      .then((n) => n && app.logger.info('auto-resolved inactive conversations', { count: n }))
      .catch((error: unknown) => app.logger.error('inactivity sweep failed', { error: String(error) }));
    app.engine
      .remindUnclaimed(outboxFor)
      .then((n) => n && app.logger.info('reminded teams of unclaimed handoffs', { count: n }))
      .catch((error: unknown) => app.logger.error('unclaimed-handoff reminder failed', { error: String(error) }));
  }, EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
