// FakeDiscord's gateway with a bare WebSocket client: the protocol, close codes, intents and resume.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { DEFAULT_IDS, FakeDiscord, Intent } from './index.js';

const TOKEN = 'gateway-test-token';
const ALL_INTENTS = Intent.Guilds | Intent.GuildMessages | Intent.MessageContent | Intent.DirectMessages;

interface Frame { op: number; t: string | null; s: number | null; d: any }

/** A minimal gateway client: collects frames, lets the test wait for one. */
class RawClient {
  readonly frames: Frame[] = [];
  readonly opened: Promise<void>;
  closeCode: number | undefined;
  private readonly socket: WebSocket;
  private readonly listeners = new Set<() => void>();

  constructor(url: string) {
    this.socket = new WebSocket(url);
    this.opened = new Promise((resolve) => this.socket.once('open', () => resolve()));
    this.socket.on('error', () => undefined); // a refused handshake shows up as closeCode
    this.socket.on('message', (raw) => this.push(JSON.parse(String(raw)) as Frame));
    this.socket.on('close', (code) => {
      this.closeCode = code;
      this.notify();
    });
  }

  send(payload: unknown): void {
    this.socket.send(typeof payload === 'string' ? payload : JSON.stringify(payload));
  }

  frame(match: (frame: Frame) => boolean, timeoutMs = 2000): Promise<Frame> {
    return this.until(() => this.frames.find(match), timeoutMs);
  }

  closed(timeoutMs = 2000): Promise<number> {
    return this.until(() => this.closeCode, timeoutMs);
  }

  close(): void {
    this.socket.terminate();
  }

  private push(frame: Frame): void {
    this.frames.push(frame);
    this.notify();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private until<T>(find: () => T | undefined, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = find();
        if (value === undefined) return;
        this.listeners.delete(check);
        clearTimeout(timer);
        resolve(value);
      };
      const timer = setTimeout(() => reject(new Error(`timed out; frames: ${this.frames.map((f) => f.t ?? f.op).join(', ')}`)), timeoutMs);
      this.listeners.add(check);
      check();
    });
  }
}

describe('FakeDiscord gateway', () => {
  let fake: FakeDiscord;
  const clients: RawClient[] = [];
  const connect = async (path = '/gateway?v=10&encoding=json') => {
    const client = new RawClient(`${fake.baseUrl.replace('http', 'ws')}${path}`);
    clients.push(client);
    await client.opened;
    return client;
  };
  const identify = async (intents = ALL_INTENTS) => {
    const client = await connect();
    await client.frame((f) => f.op === 10);
    client.send({ op: 2, d: { token: TOKEN, intents, properties: { os: 'linux' }, shard: [0, 1] } });
    await client.frame((f) => f.t === 'GUILD_CREATE');
    return client;
  };

  beforeEach(async () => {
    fake = await FakeDiscord.start({ token: TOKEN, allowedPrivilegedIntents: Intent.MessageContent });
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await fake.close();
  });

  it('Hello, Identify, READY with unavailable guilds, then a full GUILD_CREATE; heartbeats are acked', async () => {
    const client = await identify();
    const [hello, ready, guild] = client.frames;
    expect(hello).toMatchObject({ op: 10, d: { heartbeat_interval: 41_250 } });
    expect(ready).toMatchObject({ op: 0, t: 'READY', s: 1, d: { v: 10, user: { id: DEFAULT_IDS.bot, bot: true }, guilds: [{ id: DEFAULT_IDS.guild, unavailable: true }], application: { id: DEFAULT_IDS.bot } } });
    expect(ready?.d.resume_gateway_url).toBe(`${fake.baseUrl.replace('http', 'ws')}/gateway-resume`);
    expect(guild).toMatchObject({ t: 'GUILD_CREATE', s: 2, d: { id: DEFAULT_IDS.guild, features: [], threads: [], member_count: 5 } });
    expect(guild?.d.roles.every((r: { permissions: unknown }) => /^\d+$/.test(String(r.permissions)))).toBe(true);
    expect(guild?.d.members.every((m: { user?: unknown; joined_at?: unknown }) => m.user && m.joined_at)).toBe(true);
    expect(guild?.d.channels.every((c: { permission_overwrites?: unknown; guild_id?: unknown }) => Array.isArray(c.permission_overwrites) && c.guild_id === undefined)).toBe(true);
    expect(fake.gateway.identifies[0]).toMatchObject({ token: TOKEN, intents: ALL_INTENTS, shard: [0, 1] });

    client.send({ op: 1, d: 2 });
    await client.frame((f) => f.op === 11);
    expect(fake.gateway.heartbeats).toBe(1);
  });

  it('closes with Discord close codes', async () => {
    const badToken = await connect();
    await badToken.frame((f) => f.op === 10);
    badToken.send({ op: 2, d: { token: 'wrong', intents: 0, properties: {} } });
    expect(await badToken.closed()).toBe(4004);

    const privileged = await connect();
    await privileged.frame((f) => f.op === 10);
    privileged.send({ op: 2, d: { token: TOKEN, intents: Intent.GuildMembers, properties: {} } });
    expect(await privileged.closed()).toBe(4014);

    const garbage = await connect();
    garbage.send('{nope');
    expect(await garbage.closed()).toBe(4002);

    const early = await connect();
    early.send({ op: 3, d: { status: 'online' } });
    expect(await early.closed()).toBe(4003);

    expect(await (await connect('/gateway?v=9&encoding=json')).closed()).toBe(4012);
  });

  it('filters by intents and blanks content without MESSAGE_CONTENT unless the bot is mentioned', async () => {
    const noContent = await identify(Intent.Guilds | Intent.GuildMessages);
    const noMessages = await identify(Intent.Guilds);
    const plain = await fake.sendMessage({ channelId: DEFAULT_IDS.supportChannel, author: DEFAULT_IDS.customer, content: 'secret' });
    await fake.sendMessage({ channelId: DEFAULT_IDS.supportChannel, author: DEFAULT_IDS.customer, content: `<@${DEFAULT_IDS.bot}> hi` });
    const created = async () => (await noContent.frame((f) => f.t === 'MESSAGE_CREATE' && f.d.id !== plain.id)).d;
    expect((await noContent.frame((f) => f.d?.id === plain.id)).d).toMatchObject({ content: '', guild_id: DEFAULT_IDS.guild, member: { roles: [] } });
    expect(await created()).toMatchObject({ content: `<@${DEFAULT_IDS.bot}> hi`, mentions: [{ id: DEFAULT_IDS.bot }] });
    expect(noMessages.frames.filter((f) => f.t === 'MESSAGE_CREATE')).toEqual([]);
    expect(await fake.dispatch('MESSAGE_CREATE', { id: '1', channel_id: DEFAULT_IDS.supportChannel, guild_id: DEFAULT_IDS.guild, content: 'x', author: { id: '1' }, mentions: [] })).toBe(1);
  });

  it('resumes a session and replays what it missed; an unknown session gets op 9', async () => {
    const first = await identify();
    const ready = first.frames.find((f) => f.t === 'READY');
    first.close();
    await first.closed();
    await fake.sendMessage({ channelId: DEFAULT_IDS.supportChannel, author: DEFAULT_IDS.customer, content: 'while away' });

    const again = await connect('/gateway-resume?v=10&encoding=json');
    await again.frame((f) => f.op === 10);
    again.send({ op: 6, d: { token: TOKEN, session_id: ready?.d.session_id, seq: 2 } });
    const replayed = await again.frame((f) => f.t === 'MESSAGE_CREATE');
    const resumed = await again.frame((f) => f.t === 'RESUMED');
    expect([replayed.s, resumed.s]).toEqual([3, 4]);
    expect(replayed.d.content).toBe('while away');
    expect(fake.gateway.resumes).toEqual([expect.objectContaining({ accepted: true, replayed: 1, seq: 2 })]);

    const stranger = await connect();
    await stranger.frame((f) => f.op === 10);
    stranger.send({ op: 6, d: { token: TOKEN, session_id: 'nope', seq: 1 } });
    expect((await stranger.frame((f) => f.op === 9)).d).toBe(false);
  });

  it('answers a member request with GUILD_MEMBERS_CHUNK', async () => {
    const client = await identify();
    client.send({ op: 8, d: { guild_id: DEFAULT_IDS.guild, user_ids: [DEFAULT_IDS.agent, '42'], limit: 0, nonce: 'n1' } });
    const chunk = await client.frame((f) => f.t === 'GUILD_MEMBERS_CHUNK');
    expect(chunk.d).toMatchObject({ nonce: 'n1', not_found: ['42'], members: [{ user: { id: DEFAULT_IDS.agent } }] });
  });

  it('refuses to act as a user before a client has identified', async () => {
    await expect(fake.sendMessage({ channelId: DEFAULT_IDS.supportChannel, author: DEFAULT_IDS.customer, content: 'hi' })).rejects.toThrow(/no client has identified/);
    await identify();
    await expect(fake.sendMessage({ channelId: DEFAULT_IDS.agentsChannel, author: '999', content: 'hi' })).rejects.toThrow(/not a member/);
  });
});
