import type { RecordedCall } from './types.js';

type CallPredicate = (call: RecordedCall) => boolean;

interface Waiter {
  matches: () => boolean;
  settle: () => void;
}

/**
 * Every request the fake received, in order, plus waits for calls that have not arrived yet
 * (Bolt runs listeners after it has answered the HTTP request, so a test must wait, not sleep).
 */
export class CallLog {
  readonly calls: RecordedCall[] = [];
  private readonly waiters = new Set<Waiter>();

  record(call: RecordedCall): void {
    this.calls.push(call);
    for (const waiter of [...this.waiters]) {
      if (waiter.matches()) waiter.settle();
    }
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  lastCall(method: string): RecordedCall | undefined {
    return this.callsTo(method).at(-1);
  }

  /** The first matching call since the last reset, or the next one to arrive. */
  waitForCall(method: string, predicate?: CallPredicate, timeoutMs = 2000): Promise<RecordedCall> {
    const find = () => this.callsTo(method).find((call) => predicate?.(call) ?? true);
    const what = `a call to ${method}${predicate ? ' matching the predicate' : ''}`;
    return this.waitUntil(find, timeoutMs, what);
  }

  /** Resolves once at least `count` calls to `method` were recorded; returns all of them. */
  waitForCalls(method: string, count: number, timeoutMs = 2000): Promise<RecordedCall[]> {
    const find = () => {
      const calls = this.callsTo(method);
      return calls.length >= count ? calls : undefined;
    };
    return this.waitUntil(find, timeoutMs, `${count} calls to ${method}`);
  }

  clear(): void {
    this.calls.length = 0;
  }

  private waitUntil<T>(find: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    const found = find();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        matches: () => find() !== undefined,
        settle: () => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(find() as T);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const seen = this.calls.map((call) => call.method).join(', ') || 'none';
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; calls so far: ${seen}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }
}
