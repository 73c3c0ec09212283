// The once-a-minute housekeeping every running mode shares (Slack/Discord and the console chat).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { App } from '../../src/app.js';
import type { Outbox, Platform } from '../../src/engine/types.js';
import { silentLogger } from '../../src/logger.js';
import { startHousekeeping } from '../../src/platforms/housekeeping.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('housekeeping', () => {
  it('every minute auto-resolves idle conversations and reminds teams, through the running platforms, until stopped', async () => {
    const outbox = {} as Outbox;
    const outboxFor = (platform: Platform) => (platform === 'console' ? outbox : undefined);
    const sweep = vi.fn(async (_: typeof outboxFor) => 1);
    const remindUnclaimed = vi.fn(async (_: typeof outboxFor) => 0);
    const app = { engine: { sweep, remindUnclaimed }, logger: silentLogger } as unknown as App;

    const housekeeping = startHousekeeping(app, outboxFor);
    await vi.advanceTimersByTimeAsync(59_000);
    expect(sweep).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sweep).toHaveBeenCalledWith(outboxFor);
    expect(remindUnclaimed).toHaveBeenCalledWith(outboxFor);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sweep).toHaveBeenCalledTimes(2);

    housekeeping.stop();
    await vi.advanceTimersByTimeAsync(300_000);
    expect(sweep).toHaveBeenCalledTimes(2);
  });

  it('a failing sweep is logged and the next minute tries again', async () => {
    const errors: string[] = [];
    const logger = { ...silentLogger, error: (message: string) => void errors.push(message) };
    const sweep = vi.fn().mockRejectedValueOnce(new Error('store down')).mockResolvedValue(0);
    const app = { engine: { sweep, remindUnclaimed: vi.fn(async () => 0) }, logger } as unknown as App;
    const housekeeping = startHousekeeping(app, () => undefined);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(errors).toEqual(['inactivity sweep failed']);
    expect(sweep).toHaveBeenCalledTimes(2);
    housekeeping.stop();
  });
});
