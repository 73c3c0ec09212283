import type { DiscordRoute } from './routes.js';

/** One REST request the fake received, in arrival order. */
export interface RecordedCall {
  method: string;
  /** Path after `/api/v10`, without the query: `/channels/123/messages`. */
  path: string;
  /** The route it matched, `'POST /channels/:id/messages'`, or `'UNKNOWN'` (answered 404). */
  route: DiscordRoute | 'UNKNOWN';
  params: Record<string, string>;
  query: Record<string, string>;
  /** Parsed JSON body (for multipart uploads: the `payload_json` part); undefined when there was none. */
  body: unknown;
  /** Files of a multipart upload. */
  files: UploadedFile[];
  /** Request headers, lower-case names. */
  headers: Record<string, string>;
  at: number;
  status: number;
  response: unknown;
}

export interface UploadedFile {
  key: string;
  name: string;
  size: number;
  contentType: string;
}

/**
 * A one-shot failure for the next call to a route. 429s carry Discord's real headers:
 * `scope: 'user'` (default) sends `X-RateLimit-Remaining: 0` + `X-RateLimit-Reset-After: <retryAfter>`,
 * `'shared'` sends only `Retry-After` (rounded up to whole seconds, as Discord does) and `global: true`
 * adds `X-RateLimit-Global`.
 */
export type InjectedFailure =
  | { status: 429; retryAfter?: number; global?: boolean; scope?: 'user' | 'shared' }
  | { status: number; code?: number; message?: string; errors?: unknown };
