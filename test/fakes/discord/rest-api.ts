import type { IncomingMessage, ServerResponse } from 'node:http';
import { CallLog } from './call-log.js';
import { DiscordErrors, type HttpAnswer } from './errors.js';
import { FailureQueue } from './failures.js';
import type { FakeGateway } from './gateway.js';
import { matchRoute, type RouteAnswer, type RouteSettings } from './routes.js';
import type { RecordedCall, UploadedFile } from './types.js';
import type { World } from './world.js';

export const API_PREFIX = '/api/v10';

export interface RestApiOptions {
  world: World;
  gateway: FakeGateway;
  settings: RouteSettings;
  /** When set, only `Bot <token>` is accepted; otherwise any `Bot …` is. */
  token: string | undefined;
}

/** Discord's REST API under /api/v10: auth, routing, injected failures, recording, then the response. */
export class RestApi {
  readonly log = new CallLog();
  readonly failures = new FailureQueue();
  /** Errors thrown by the fake itself (a bug here, not in the bot); surfaced so tests do not pass silently. */
  readonly internalErrors: unknown[] = [];

  constructor(private readonly options: RestApiOptions) {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = (req.method ?? 'GET').toUpperCase();
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
    const path = url.pathname.startsWith(`${API_PREFIX}/`) ? url.pathname.slice(API_PREFIX.length) : url.pathname;
    const query = Object.fromEntries(url.searchParams);
    let body: unknown;
    let files: UploadedFile[] = [];
    let answer: RouteAnswer;
    const matched = url.pathname.startsWith(`${API_PREFIX}/`) ? matchRoute(method, path) : undefined;
    try {
      ({ body, files } = await readBody(req));
      answer = matched ? await this.answer(matched, headers, { params: matched.params, query, body, files }) : DiscordErrors.notFound();
    } catch (error) {
      this.internalErrors.push(error);
      answer = { status: 500, body: { message: `FakeDiscord internal error: ${String(error)}`, code: 0 } };
    }
    const call: RecordedCall = {
      method, path, route: matched?.route ?? 'UNKNOWN', params: matched?.params ?? {}, query, body, files, headers, at,
      status: answer.status, response: answer.body,
    };
    // Recorded before answering, so a test awaiting the SDK call always finds it.
    this.log.record(call);
    await send(res, answer);
    await answer.after?.().catch((error: unknown) => this.internalErrors.push(error));
  }

  private async answer(
    matched: NonNullable<ReturnType<typeof matchRoute>>,
    headers: Record<string, string>,
    request: { params: Record<string, string>; query: Record<string, string>; body: unknown; files: UploadedFile[] },
  ): Promise<RouteAnswer> {
    if (matched.needsBotToken && !this.authorized(headers.authorization)) return DiscordErrors.unauthorized();
    const failure = this.failures.take(matched.route);
    if (failure) return failure;
    const { world, gateway, settings } = this.options;
    return matched.handler({
      world, gateway, settings, ...request,
      emit: (event, data) => (gateway.hasSessions ? gateway.dispatch(event, data) : Promise.resolve(0)),
    });
  }

  private authorized(header: string | undefined): boolean {
    const match = /^Bot (\S+)$/.exec(header ?? '');
    if (!match) return false;
    return this.options.token === undefined || match[1] === this.options.token;
  }
}

async function readBody(req: IncomingMessage): Promise<{ body: unknown; files: UploadedFile[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) return { body: undefined, files: [] };
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) return readMultipart(raw, type);
  const text = raw.toString('utf8');
  try {
    return { body: JSON.parse(text) as unknown, files: [] };
  } catch {
    return { body: text, files: [] };
  }
}

/** discord.js sends files as multipart with the JSON in `payload_json` (or as plain fields). */
async function readMultipart(raw: Buffer, contentType: string): Promise<{ body: unknown; files: UploadedFile[] }> {
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  const files: UploadedFile[] = [];
  let body: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === 'string') {
      if (key === 'payload_json') body = { ...body, ...(JSON.parse(value) as Record<string, unknown>) };
      else body[key] = value;
    } else {
      files.push({ key, name: value.name, size: value.size, contentType: value.type });
    }
  }
  return { body, files };
}

function send(res: ServerResponse, answer: HttpAnswer): Promise<void> {
  const headers: Record<string, string> = { ...answer.headers };
  let payload = '';
  if (answer.body !== undefined) {
    payload = JSON.stringify(answer.body);
    headers['content-type'] = 'application/json';
  }
  const status = answer.body === undefined && answer.status === 200 ? 204 : answer.status;
  res.writeHead(status, headers);
  return new Promise((resolve) => res.end(payload, () => resolve()));
}
