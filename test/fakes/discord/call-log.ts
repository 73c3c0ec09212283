import type { DiscordRoute } from './routes.js';
import type { RecordedCall } from './types.js';
import { Waiters } from './waiters.js';

export type CallPredicate = (call: RecordedCall) => boolean;
export type RouteOrUnknown = DiscordRoute | 'UNKNOWN';

/**
 * Every REST request, in order, plus waits for calls that have not arrived yet: discord.js handlers run
 * asynchronously after a gateway event, so tests wait for the call instead of sleeping.
 */
export class CallLog {
  readonly calls: RecordedCall[] = [];
  private readonly waiters = new Waiters();

  record(call: RecordedCall): void {
    this.calls.push(call);
    this.waiters.notify();
  }

  callsTo(route: RouteOrUnknown): RecordedCall[] {
    return this.calls.filter((call) => call.route === route);
  }

  /** The first matching call since the last reset, or the next one to arrive. */
  waitForCall(route: RouteOrUnknown, predicate?: CallPredicate, timeoutMs = 2000): Promise<RecordedCall> {
    const find = () => this.callsTo(route).find((call) => predicate?.(call) ?? true);
    return this.waiters.until(find, timeoutMs, () => this.describe(`a call to ${route}${predicate ? ' matching the predicate' : ''}`));
  }

  /** Resolves once `count` matching calls were recorded, with all of them. */
  waitForCalls(route: RouteOrUnknown, count: number, predicate?: CallPredicate, timeoutMs = 2000): Promise<RecordedCall[]> {
    const find = () => {
      const calls = this.callsTo(route).filter((call) => predicate?.(call) ?? true);
      return calls.length >= count ? calls : undefined;
    };
    return this.waiters.until(find, timeoutMs, () => this.describe(`${count} calls to ${route}`));
  }

  clear(): void {
    this.calls.length = 0;
  }

  private describe(what: string): string {
    const seen = this.calls.map((call) => `${call.method} ${call.path} → ${call.status}`).join('; ') || 'none';
    return `waiting for ${what}; calls so far: ${seen}`;
  }
}
