import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { PRIVILEGED_INTENTS, shapeForIntents } from './intents.js';
import { Waiters } from './waiters.js';
import type { World } from './world.js';

export const GATEWAY_PATH = '/gateway';
/** Handed out as `resume_gateway_url`, so tests can see that discord.js resumes there. */
export const RESUME_PATH = '/gateway-resume';

export interface GatewayOptions {
  world: World;
  baseWsUrl: () => string;
  heartbeatIntervalMs: number;
  /** When set, Identify/Resume with another token is closed with 4004. */
  token: string | undefined;
  /** Privileged intents "enabled in the developer portal"; others are refused with 4014. */
  allowedPrivilegedIntents: number;
}

export interface IdentifyRecord { token: string; intents: number; properties: unknown; shard: unknown; sessionId: string; at: number }
export interface ResumeRecord { sessionId: string; seq: number; replayed: number; accepted: boolean; at: number }
export interface SentDispatch { t: string; s: number; d: unknown; sessionId: string; replay: boolean; at: number }
export interface ConnectionRecord { path: string; query: Record<string, string>; at: number; closeCode: number | undefined }

interface Session {
  id: string;
  seq: number;
  intents: number;
  socket: WebSocket | undefined;
  history: Array<{ s: number; frame: string; t: string }>;
}

interface Connection {
  record: ConnectionRecord;
  socket: WebSocket;
  session: Session | undefined;
}

/**
 * The Discord gateway, JSON encoding, no compression: Hello → Identify → READY + one GUILD_CREATE per guild,
 * heartbeats, Resume with replay of the events a session missed, and helpers to drop or reconnect the client.
 */
export class FakeGateway {
  readonly identifies: IdentifyRecord[] = [];
  readonly resumes: ResumeRecord[] = [];
  readonly dispatches: SentDispatch[] = [];
  readonly connections: ConnectionRecord[] = [];
  /** Other client payloads (presence updates, member requests…), in order. */
  readonly received: Array<{ op: number; d: unknown; at: number }> = [];
  heartbeats = 0;
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<string, Session>();
  private readonly live = new Set<Connection>();
  private readonly waiters = new Waiters();

  constructor(private readonly options: GatewayOptions) {}

  /** True once a client has identified (REST handlers only send events then). */
  get hasSessions(): boolean {
    return this.sessions.size > 0;
  }

  get url(): string {
    return `${this.options.baseWsUrl()}${GATEWAY_PATH}`;
  }

  /** Takes over WebSocket upgrades for the gateway paths; answers false for anything else. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'ws://fake');
    if (url.pathname !== GATEWAY_PATH && url.pathname !== RESUME_PATH) return false;
    this.server.handleUpgrade(req, socket, head, (ws) => this.accept(ws, url));
    return true;
  }

  /**
   * Sends an event to every identified session that may receive it (intents decide), buffering it for
   * sessions whose connection is down so a Resume replays it. Resolves with the number of sessions reached.
   */
  async dispatch(event: string, data: unknown): Promise<number> {
    if (this.sessions.size === 0) throw new Error(`FakeDiscord: cannot dispatch ${event}, no client has identified yet`);
    const sends: Array<Promise<void>> = [];
    for (const session of this.sessions.values()) {
      const shaped = shapeForIntents(event, data, session.intents, this.options.world.bot.id);
      if (shaped === undefined) continue;
      sends.push(this.sendDispatch(session, event, shaped));
    }
    await Promise.all(sends);
    return sends.length;
  }

  /** Closes every client connection from the server side (4000 "unknown error" makes discord.js resume). */
  async disconnectClient(options: { code?: number; reason?: string; terminate?: boolean } = {}): Promise<void> {
    const closing = [...this.live].map(
      (connection) =>
        new Promise<void>((resolve) => {
          connection.socket.once('close', () => resolve());
          if (options.terminate) connection.socket.terminate();
          else connection.socket.close(options.code ?? 4000, options.reason ?? 'FakeDiscord disconnect');
        }),
    );
    await Promise.all(closing);
  }

  /** Op 7 Reconnect: discord.js closes and resumes. */
  requestReconnect(): void {
    for (const connection of this.live) send(connection.socket, { op: 7, d: null, s: null, t: null });
  }

  /** Op 9 Invalid Session; `resumable: false` makes the client identify again (a fresh READY). */
  invalidateSessions(resumable: boolean): void {
    for (const connection of this.live) send(connection.socket, { op: 9, d: resumable, s: null, t: null });
  }

  waitForIdentify(count = 1, timeoutMs = 5000): Promise<IdentifyRecord[]> {
    return this.waitForRecords(this.identifies, count, timeoutMs, 'Identify');
  }

  waitForResume(count = 1, timeoutMs = 5000): Promise<ResumeRecord[]> {
    return this.waitForRecords(this.resumes, count, timeoutMs, 'Resume');
  }

  /** The first dispatch of `event` (matching `predicate`) since the last clear, or the next one. */
  waitForDispatch(event: string, predicate?: (dispatch: SentDispatch) => boolean, timeoutMs = 2000): Promise<SentDispatch> {
    const find = () => this.dispatches.find((d) => d.t === event && (predicate?.(d) ?? true));
    return this.waiters.until(find, timeoutMs, () => `waiting for a ${event} dispatch; sent: ${this.dispatches.map((d) => d.t).join(', ')}`);
  }

  /** Forgets records (identifies, resumes, dispatches, connections); sessions stay valid. */
  clearRecords(): void {
    for (const list of [this.identifies, this.resumes, this.dispatches, this.connections, this.received]) list.length = 0;
    this.heartbeats = 0;
  }

  async close(): Promise<void> {
    for (const connection of this.live) connection.socket.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private waitForRecords<T>(list: T[], count: number, timeoutMs: number, what: string): Promise<T[]> {
    const find = () => (list.length >= count ? [...list] : undefined);
    return this.waiters.until(find, timeoutMs, () => `waiting for ${count} ${what}(s), saw ${list.length}`);
  }

  private accept(socket: WebSocket, url: URL): void {
    const record: ConnectionRecord = { path: url.pathname, query: Object.fromEntries(url.searchParams), at: Date.now(), closeCode: undefined };
    const connection: Connection = { record, socket, session: undefined };
    this.connections.push(record);
    this.live.add(connection);
    socket.on('close', (code) => {
      record.closeCode = code;
      this.live.delete(connection);
      if (connection.session?.socket === socket) connection.session.socket = undefined;
      this.waiters.notify();
    });
    socket.on('message', (raw) => this.onPayload(connection, String(raw)));
    if (record.query.v !== '10') return socket.close(4012, 'Invalid API version');
    send(socket, { op: 10, d: { heartbeat_interval: this.options.heartbeatIntervalMs, _trace: ['["fake-gateway",{}]'] }, s: null, t: null });
    this.waiters.notify();
  }

  private onPayload(connection: Connection, raw: string): void {
    let payload: { op?: number; d?: unknown };
    try {
      payload = JSON.parse(raw) as { op?: number; d?: unknown };
    } catch {
      return connection.socket.close(4002, 'Error while decoding payload.');
    }
    const at = Date.now();
    switch (payload.op) {
      case 1:
        this.heartbeats += 1;
        return send(connection.socket, { op: 11, d: null, s: null, t: null });
      case 2:
        return this.identify(connection, payload.d as IdentifyData);
      case 6:
        return this.resume(connection, payload.d as ResumeData);
      case 3:
      case 4:
      case 8:
        if (!connection.session) return connection.socket.close(4003, 'Not authenticated.');
        this.received.push({ op: payload.op, d: payload.d, at });
        if (payload.op === 8) void this.sendMemberChunk(connection.session, payload.d as MemberRequest);
        return;
      default:
        return connection.socket.close(4001, 'Unknown opcode.');
    }
  }

  private identify(connection: Connection, data: IdentifyData): void {
    if (connection.session) return connection.socket.close(4005, 'Already authenticated.');
    if (!this.tokenAccepted(data.token)) return connection.socket.close(4004, 'Authentication failed.');
    const intents = Number(data.intents);
    if (intents & PRIVILEGED_INTENTS & ~this.options.allowedPrivilegedIntents) {
      return connection.socket.close(4014, 'Disallowed intent(s).');
    }
    // A client that identifies again has given up its old session; sessions without a connection are dropped.
    for (const [id, old] of this.sessions) if (!old.socket) this.sessions.delete(id);
    const session: Session = { id: randomBytes(16).toString('hex'), seq: 0, intents, socket: connection.socket, history: [] };
    connection.session = session;
    this.sessions.set(session.id, session);
    this.identifies.push({ token: data.token, intents, properties: data.properties, shard: data.shard, sessionId: session.id, at: Date.now() });
    this.waiters.notify();
    void this.sendReadyAndGuilds(session, data.shard);
  }

  private async sendReadyAndGuilds(session: Session, shard: unknown): Promise<void> {
    const { world } = this.options;
    await this.sendDispatch(session, 'READY', {
      v: 10,
      user: world.bot,
      user_settings: {},
      guilds: [...world.guilds.keys()].map((id) => ({ id, unavailable: true })),
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: `${this.options.baseWsUrl()}${RESUME_PATH}`,
      shard: Array.isArray(shard) ? shard : [0, 1],
      application: { id: world.applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      _trace: ['["fake-gateway",{}]'],
    });
    for (const guildId of world.guilds.keys()) {
      const shaped = shapeForIntents('GUILD_CREATE', world.guildCreate(guildId), session.intents, world.bot.id);
      if (shaped !== undefined) await this.sendDispatch(session, 'GUILD_CREATE', shaped);
    }
  }

  private resume(connection: Connection, data: ResumeData): void {
    if (!this.tokenAccepted(data.token)) return connection.socket.close(4004, 'Authentication failed.');
    const session = this.sessions.get(data.session_id);
    const seq = Number(data.seq);
    if (!session || seq > session.seq) {
      this.resumes.push({ sessionId: data.session_id, seq, replayed: 0, accepted: false, at: Date.now() });
      this.waiters.notify();
      return send(connection.socket, { op: 9, d: false, s: null, t: null });
    }
    connection.session = session;
    session.socket = connection.socket;
    const missed = session.history.filter((entry) => entry.s > seq);
    for (const entry of missed) {
      connection.socket.send(entry.frame);
      const sent = this.dispatches.find((d) => d.sessionId === session.id && d.s === entry.s);
      if (sent) this.dispatches.push({ ...sent, replay: true, at: Date.now() });
    }
    this.resumes.push({ sessionId: session.id, seq, replayed: missed.length, accepted: true, at: Date.now() });
    void this.sendDispatch(session, 'RESUMED', { _trace: ['["fake-gateway",{}]'] });
    this.waiters.notify();
  }

  private async sendMemberChunk(session: Session, request: MemberRequest): Promise<void> {
    const { world } = this.options;
    const guild = world.guilds.get(request.guild_id);
    if (!guild) return;
    const wanted = request.user_ids === undefined ? undefined : [request.user_ids].flat();
    const members = [...guild.members.keys()]
      .filter((id) => wanted === undefined || wanted.includes(id))
      .flatMap((id) => world.member(guild.id, id) ?? [])
      .filter((m) => !request.query || m.user.username.toLowerCase().startsWith(request.query.toLowerCase()));
    const limited = request.limit ? members.slice(0, request.limit) : members;
    const notFound = wanted?.filter((id) => !guild.members.has(id)) ?? [];
    await this.sendDispatch(session, 'GUILD_MEMBERS_CHUNK', {
      guild_id: guild.id, members: limited, chunk_index: 0, chunk_count: 1, not_found: notFound, nonce: request.nonce,
    });
  }

  private async sendDispatch(session: Session, event: string, data: unknown): Promise<void> {
    session.seq += 1;
    const frame = JSON.stringify({ op: 0, t: event, s: session.seq, d: data });
    session.history.push({ s: session.seq, frame, t: event });
    this.dispatches.push({ t: event, s: session.seq, d: data, sessionId: session.id, replay: false, at: Date.now() });
    this.waiters.notify();
    const socket = session.socket;
    if (!socket || socket.readyState !== socket.OPEN) return;
    await new Promise<void>((resolve) => socket.send(frame, () => resolve()));
  }

  private tokenAccepted(token: string | undefined): boolean {
    if (!token) return false;
    return this.options.token === undefined || token === this.options.token;
  }
}

interface IdentifyData { token: string; intents: number; properties: unknown; shard?: unknown }
interface ResumeData { token: string; session_id: string; seq: number }
interface MemberRequest { guild_id: string; query?: string; limit?: number; user_ids?: string | string[]; nonce?: string }

function send(socket: WebSocket, payload: unknown): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(payload));
}
