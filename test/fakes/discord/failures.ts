import { apiError, type HttpAnswer } from './errors.js';
import type { DiscordRoute } from './routes.js';
import type { InjectedFailure } from './types.js';

/** One-shot failures per route, answered in the order they were queued. */
export class FailureQueue {
  private readonly queued = new Map<DiscordRoute, InjectedFailure[]>();

  push(route: DiscordRoute, failure: InjectedFailure): void {
    this.queued.set(route, [...(this.queued.get(route) ?? []), failure]);
  }

  take(route: DiscordRoute): HttpAnswer | undefined {
    const failure = this.queued.get(route)?.shift();
    return failure === undefined ? undefined : failureAnswer(failure);
  }

  clear(): void {
    this.queued.clear();
  }
}

/** The response Discord sends for this failure, headers included. */
export function failureAnswer(failure: InjectedFailure): HttpAnswer {
  if (failure.status === 429 && !('code' in failure) && !('message' in failure)) return rateLimitAnswer(failure as RateLimitFailure);
  const message = 'message' in failure && failure.message !== undefined ? failure.message : defaultMessage(failure.status);
  const code = 'code' in failure && failure.code !== undefined ? failure.code : 0;
  return apiError(failure.status, code, message, 'errors' in failure ? failure.errors : undefined);
}

type RateLimitFailure = { retryAfter?: number; global?: boolean; scope?: 'user' | 'shared' };

function rateLimitAnswer(failure: RateLimitFailure): HttpAnswer {
  const retryAfter = failure.retryAfter ?? 1;
  // Discord rounds the Retry-After header up to whole seconds; the body and Reset-After keep the fraction.
  const headers: Record<string, string> = { 'retry-after': String(Math.ceil(retryAfter)) };
  const scope = failure.global ? 'global' : (failure.scope ?? 'user');
  headers['x-ratelimit-scope'] = scope;
  if (failure.global) {
    headers['x-ratelimit-global'] = 'true';
  } else {
    const resetAt = Date.now() / 1000 + retryAfter;
    Object.assign(headers, {
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': scope === 'user' ? '0' : '4',
      'x-ratelimit-reset': resetAt.toFixed(3),
      'x-ratelimit-reset-after': retryAfter.toFixed(3),
      'x-ratelimit-bucket': 'fakebucket0000000000000000000000',
    });
  }
  const message = scope === 'shared' ? 'The resource is being rate limited.' : 'You are being rate limited.';
  return { status: 429, headers, body: { message, retry_after: retryAfter, global: Boolean(failure.global) } };
}

function defaultMessage(status: number): string {
  const texts: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' };
  return `${status}: ${texts[status] ?? 'Server Error'}`;
}
