import type { InjectedFailure } from './types.js';

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  /** Objects are sent as JSON, strings as text. */
  body: unknown;
}

/** One-shot failures per method, answered in the order they were queued. */
export class FailureQueue {
  private readonly queued = new Map<string, InjectedFailure[]>();

  push(method: string, failure: InjectedFailure): void {
    this.queued.set(method, [...(this.queued.get(method) ?? []), failure]);
  }

  take(method: string): HttpAnswer | undefined {
    const failure = this.queued.get(method)?.shift();
    return failure === undefined ? undefined : failureAnswer(failure);
  }

  clear(): void {
    this.queued.clear();
  }
}

function failureAnswer(failure: InjectedFailure): HttpAnswer {
  if ('error' in failure) return { status: 200, headers: {}, body: { ok: false, error: failure.error } };
  if (failure.status === 429) {
    const retryAfter = 'retryAfter' in failure && failure.retryAfter !== undefined ? failure.retryAfter : 1;
    return { status: 429, headers: { 'retry-after': String(retryAfter) }, body: { ok: false, error: 'ratelimited' } };
  }
  const text = 'body' in failure && failure.body !== undefined ? failure.body : `fake failure ${failure.status}`;
  return { status: failure.status, headers: {}, body: text };
}
