import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CallLog } from './call-log.js';
import { SlackEventSender } from './event-sender.js';
import { FailureQueue, type HttpAnswer } from './failures.js';
import { type FakeSlackConfig, type FakeSlackState, resolveConfig } from './fake-state.js';
import { createSlackFixtures, type SlackFixtures } from './fixtures.js';
import { MessageStore, type NewMessage, type StoredMessage } from './message-store.js';
import { BodyDecodeError, decodeWebApiBody, readBody } from './request-body.js';
import { FakeSocketMode } from './socket-mode-server.js';
import type { FakeSlackOptions, InjectedFailure, RecordedCall } from './types.js';
import { ViewStore } from './view-store.js';
import { answerWebApiCall } from './web-api.js';

const API_PREFIX = '/api/';
const RESPONSE_URL_PREFIX = '/__response/';

/**
 * A local Slack for the real Bolt SDK: Web API on http://127.0.0.1:<port>/api/, response_urls,
 * and Socket Mode. Records every call so tests can assert on what the app did.
 */
export class FakeSlack {
  readonly config: FakeSlackConfig;
  /** Messages the bot posted plus any seeded with addMessage (for conversations.replies, chat.update…). */
  readonly messages = new MessageStore();
  readonly socketMode: FakeSocketMode;
  /** Fixture factories bound to this fake: same ids, unique ts, response_urls that land here. */
  readonly fixtures: SlackFixtures;
  private readonly log = new CallLog();
  private readonly failures = new FailureQueue();
  private readonly views = new ViewStore();
  private readonly usedTriggerIds = new Set<string>();
  private readonly responseUrlIds = new Set<string>();

  private constructor(
    private readonly server: Server,
    options: FakeSlackOptions,
  ) {
    this.config = resolveConfig(options);
    this.socketMode = new FakeSocketMode(this.config.appId, () => this.baseUrl.replace(/^http/, 'ws'));
    this.fixtures = createSlackFixtures({
      teamId: this.config.teamId,
      teamDomain: this.config.teamDomain,
      appId: this.config.appId,
      botUserId: this.config.botUserId,
      botId: this.config.botId,
      nextTs: () => this.messages.nextTs(),
      responseUrl: () => this.newResponseUrl(),
    });
    server.on('request', (req, res) => void this.route(req, res));
    server.on('upgrade', (req, socket, head) => this.socketMode.handleUpgrade(req, socket, head));
  }

  static async start(options: FakeSlackOptions = {}): Promise<FakeSlack> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return new FakeSlack(server, options);
  }

  get baseUrl(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Pass as `clientOptions: { slackApiUrl }`; ends with '/', as the WebClient expects. */
  get apiUrl(): string {
    return `${this.baseUrl}${API_PREFIX}`;
  }

  get calls(): readonly RecordedCall[] {
    return this.log.calls;
  }

  callsTo(method: string): RecordedCall[] {
    return this.log.callsTo(method);
  }

  lastCall(method: string): RecordedCall | undefined {
    return this.log.lastCall(method);
  }

  waitForCall(method: string, predicate?: (call: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall> {
    return this.log.waitForCall(method, predicate, timeoutMs);
  }

  waitForCalls(method: string, count: number, timeoutMs?: number): Promise<RecordedCall[]> {
    return this.log.waitForCalls(method, count, timeoutMs);
  }

  /** The next call to `method` (or 'response_url') fails this way; queue several for several calls. */
  failNext(method: string, failure: InjectedFailure): void {
    this.failures.push(method, failure);
  }

  /** Forget calls, queued failures, messages, views, used trigger_ids and socket records; ts keep increasing. */
  reset(): void {
    this.log.clear();
    this.socketMode.clearRecords();
    this.failures.clear();
    this.messages.clear();
    this.views.clear();
    this.usedTriggerIds.clear();
  }

  /** A response_url that records what is posted to it (method 'response_url'). */
  newResponseUrl(): string {
    const id = randomUUID();
    this.responseUrlIds.add(id);
    return `${this.baseUrl}${RESPONSE_URL_PREFIX}${id}`;
  }

  /** Seeds a message (e.g. the customer's question) so threads and permalinks can find it. */
  addMessage(message: NewMessage): StoredMessage {
    return this.messages.add(message);
  }

  /** A sender that signs requests for the app at `url` and wraps events with this fake's fixtures. */
  httpSender(options: { url: string; signingSecret: string }): SlackEventSender {
    return new SlackEventSender({ ...options, fixtures: this.fixtures });
  }

  /** Stop the Bolt app first: a running Socket Mode client would try to reconnect. */
  async close(): Promise<void> {
    await this.socketMode.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  private get state(): FakeSlackState {
    return {
      config: this.config,
      messages: this.messages,
      views: this.views,
      usedTriggerIds: this.usedTriggerIds,
      issueSocketUrl: () => this.socketMode.issueUrl(),
    };
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const url = new URL(req.url ?? '/', this.baseUrl);
    try {
      const raw = await readBody(req);
      if (url.pathname.startsWith(API_PREFIX)) return send(res, this.webApi(req, url, raw, at));
      if (url.pathname.startsWith(RESPONSE_URL_PREFIX)) return send(res, this.responseUrl(url, raw, at));
      send(res, { status: 404, headers: {}, body: 'not found' });
    } catch (error) {
      send(res, { status: 500, headers: {}, body: `fake slack error: ${String(error)}` });
    }
  }

  private webApi(req: IncomingMessage, url: URL, raw: string, at: number): HttpAnswer {
    const method = decodeURIComponent(url.pathname.slice(API_PREFIX.length));
    const token = bearerToken(req.headers.authorization);
    let args: Record<string, unknown> = Object.fromEntries(url.searchParams);
    let answer: HttpAnswer | undefined;
    try {
      args = { ...args, ...decodeWebApiBody(raw, req.headers['content-type']) };
    } catch (error) {
      if (!(error instanceof BodyDecodeError)) throw error;
      answer = { status: 200, headers: {}, body: { ok: false, error: 'invalid_form_data' } };
    }
    answer ??= this.failures.take(method) ?? answerWebApiCall(method, args, token, this.state);
    // Recorded before answering, so a test awaiting the SDK call always finds it.
    this.log.record({ method, args, token, at, status: answer.status, response: answer.body });
    return answer;
  }

  private responseUrl(url: URL, raw: string, at: number): HttpAnswer {
    const id = url.pathname.slice(RESPONSE_URL_PREFIX.length);
    const args = parseResponseBody(raw);
    const answer =
      this.failures.take('response_url') ??
      (this.responseUrlIds.has(id)
        ? { status: 200, headers: {}, body: { ok: true } }
        : { status: 404, headers: {}, body: 'expired_url' });
    this.log.record({ method: 'response_url', args, token: undefined, at, status: answer.status, response: answer.body, url: url.href });
    return answer;
  }
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}

function parseResponseBody(raw: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : { value: parsed };
  } catch {
    return { raw };
  }
}

function send(res: ServerResponse, answer: HttpAnswer): void {
  const isText = typeof answer.body === 'string';
  const body = isText ? (answer.body as string) : JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
    ...answer.headers,
  });
  res.end(body);
}
