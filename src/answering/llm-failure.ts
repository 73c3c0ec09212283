/**
 * Why an LLM call failed, as a short fixed word. Logs and the event log carry only these words, the HTTP
 * status and the API's error code, never the provider's message: those can quote the API key
 * ("Incorrect API key provided: sk-…") or the server's address.
 */
export type FailureReason =
  | 'auth'
  | 'quota'
  | 'rate-limit'
  | 'server'
  | 'timeout'
  | 'connection'
  | 'not-found'
  | 'bad-request'
  | 'content-filter'
  | 'truncated'
  | 'malformed-output'
  | 'unknown';

export interface FailureDetail {
  status?: number;
  /** The API's own error code (e.g. "invalid_api_key"), when it is a plain identifier. */
  code?: string;
  /** How long the server asked us to wait (retry-after-ms / retry-after). */
  retryAfterMs?: number;
}

export class LlmFailure extends Error {
  /** How many requests were made before giving up. */
  attempts = 1;

  constructor(
    readonly reason: FailureReason,
    /** Worth trying again after a pause (rate limits, 5xx, dropped connections). */
    readonly retryable: boolean,
    readonly detail: FailureDetail = {},
  ) {
    super(`LLM call failed: ${reason}${detail.status ? ` (HTTP ${detail.status})` : ''}${detail.code ? ` ${detail.code}` : ''}`);
    this.name = 'LlmFailure';
  }
}

const SAFE_CODE = /^[A-Za-z0-9_.-]{1,64}$/;

/** Turns whatever the openai client or langchain threw into an LlmFailure (keeping nothing of its message). */
export function classify(error: unknown): LlmFailure {
  if (error instanceof LlmFailure) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const name = String(e.name ?? '');
  const kind = typeof e.constructor === 'function' ? e.constructor.name : '';
  const status = typeof e.status === 'number' ? e.status : undefined;
  const code = typeof e.code === 'string' && SAFE_CODE.test(e.code) ? e.code : undefined;
  const detail: FailureDetail = { status, code };

  if (name === 'TimeoutError' || kind === 'APIConnectionTimeoutError' || name === 'AbortError') return new LlmFailure('timeout', false, detail);
  if (kind === 'APIConnectionError' || (status === undefined && /ECONN|ENOTFOUND|EAI_AGAIN|socket|fetch failed/i.test(String(e.message)))) {
    return new LlmFailure('connection', true, detail);
  }
  if (kind === 'ContentFilterFinishReasonError') return new LlmFailure('content-filter', false, detail);
  if (kind === 'LengthFinishReasonError') return new LlmFailure('truncated', false, detail);
  // JSON.parse in the client's structured-output step: the model did not reply with JSON
  if (error instanceof SyntaxError) return new LlmFailure('malformed-output', false, detail);
  if (status === undefined) return new LlmFailure('unknown', false, detail);

  if (status === 401 || status === 403) return new LlmFailure('auth', false, detail);
  if (status === 429) {
    // An exhausted quota will not come back by waiting a second.
    if (code === 'insufficient_quota') return new LlmFailure('quota', false, detail);
    return new LlmFailure('rate-limit', true, { ...detail, retryAfterMs: retryAfterMs(e.headers) });
  }
  if (status === 408 || status === 409 || status >= 500) return new LlmFailure('server', true, { ...detail, retryAfterMs: retryAfterMs(e.headers) });
  if (status === 404) return new LlmFailure('not-found', false, detail);
  if (code === 'content_filter' || code === 'content_policy_violation') return new LlmFailure('content-filter', false, detail);
  return new LlmFailure('bad-request', false, detail);
}

/** The wait a 429/503 asks for: `retry-after-ms`, or `retry-after` in seconds or as an HTTP date. */
export function retryAfterMs(headers: unknown, now = Date.now()): number | undefined {
  const get = (name: string): string | undefined => {
    if (!headers || typeof headers !== 'object') return undefined;
    if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
    const value = (headers as Record<string, unknown>)[name];
    return typeof value === 'string' ? value : undefined;
  };
  const ms = Number(get('retry-after-ms'));
  if (get('retry-after-ms') !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  const after = get('retry-after')?.trim();
  if (!after) return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
