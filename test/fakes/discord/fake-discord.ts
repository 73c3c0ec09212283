import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIAttachment, APIDMChannel, APIEmbed, APIMessage, APIThreadChannel } from 'discord.js';
import type { CallPredicate, RouteOrUnknown } from './call-log.js';
import { DEFAULT_IDS, guildFixture, type GuildFixture, type UserFixture } from './fixtures.js';
import { FakeGateway } from './gateway.js';
import { PRIVILEGED_INTENTS } from './intents.js';
import { autocompleteInteraction, componentInteraction, modalSubmitInteraction, slashCommandInteraction, type Actor } from './interaction-payloads.js';
import type { InteractionRecord } from './interaction-store.js';
import { createMessage, messageEventData } from './message-builder.js';
import type { MessageStore } from './message-store.js';
import { permissionBits } from './permissions.js';
import { API_PREFIX, RestApi } from './rest-api.js';
import { userForumPost } from './user-posts.js';
import type { DiscordRoute } from './routes.js';
import type { InjectedFailure, RecordedCall } from './types.js';
import { World } from './world.js';

export interface FakeDiscordOptions {
  /** Default: one `guildFixture()`. */
  guilds?: GuildFixture[];
  /** Default: `{ id: DEFAULT_IDS.bot, username: 'threadline' }`. */
  bot?: UserFixture;
  /** Default: the bot's id (true of every application created since 2021). */
  applicationId?: string;
  /** When set, REST and the gateway accept only this token; by default any non-empty token works. */
  token?: string;
  /** Permissions of the bot's managed role. */
  botPermissions?: bigint;
  /** op 10 Hello's heartbeat_interval (Discord: 41250). */
  heartbeatIntervalMs?: number;
  /** How long the first interaction response may take before 10062 Unknown interaction (Discord: 3000). */
  interactionResponseMs?: number;
  /** Privileged intents enabled "in the developer portal" (default: all); others are closed with 4014. */
  allowedPrivilegedIntents?: number;
}

/** A user id, or a fixture user. */
export type UserRef = string | { id: string };
/** A message id, or any message object (the fake's APIMessage, a discord.js Message). */
export type MessageRef = string | { id: string };
export interface InteractionHandle { id: string; token: string }

export const DEFAULT_BOT_PERMISSIONS = permissionBits(
  'ViewChannel', 'SendMessages', 'SendMessagesInThreads', 'CreatePublicThreads', 'ManageThreads', 'EmbedLinks',
  'AttachFiles', 'ReadMessageHistory', 'AddReactions', 'UseApplicationCommands',
);

const CALLBACK_ROUTE = 'POST /interactions/:id/:token/callback' satisfies DiscordRoute;

/**
 * A local Discord for the real discord.js client: REST at `restApi` (pass as `new Client({ rest: { api } })`) and a
 * gateway on the same port. Tests act as users (`sendMessage`, `pressButton`, `runSlashCommand`…) and assert on
 * the REST calls the bot made (`waitForCall`).
 */
export class FakeDiscord {
  readonly gateway: FakeGateway;
  private readonly world: World;
  private readonly rest: RestApi;

  private constructor(private readonly server: Server, options: FakeDiscordOptions) {
    const bot = options.bot ?? { id: DEFAULT_IDS.bot, username: 'threadline' };
    this.world = new World({
      guilds: options.guilds ?? [guildFixture()],
      bot,
      applicationId: options.applicationId ?? bot.id,
      botPermissions: options.botPermissions ?? DEFAULT_BOT_PERMISSIONS,
    });
    this.gateway = new FakeGateway({
      world: this.world,
      baseWsUrl: () => this.baseUrl.replace(/^http/, 'ws'),
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      token: options.token,
      allowedPrivilegedIntents: options.allowedPrivilegedIntents ?? PRIVILEGED_INTENTS,
    });
    this.rest = new RestApi({
      world: this.world,
      gateway: this.gateway,
      token: options.token,
      settings: { interactionResponseMs: options.interactionResponseMs ?? 3000 },
    });
    server.on('request', (req, res) => void this.rest.handle(req, res));
    server.on('upgrade', (req, socket, head) => {
      if (!this.gateway.handleUpgrade(req, socket, head)) socket.destroy();
    });
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return new FakeDiscord(server, options);
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Pass as `rest: { api }`; discord.js appends `/v10`. */
  get restApi(): string {
    return `${this.baseUrl}${API_PREFIX.replace(/\/v10$/, '')}`;
  }

  get bot() {
    return this.world.bot;
  }

  private uploaded(file: { name: string; size?: number; contentType?: string }): APIAttachment {
    const id = this.world.ids.next();
    const url = `https://cdn.fake-discord.invalid/attachments/${id}/${encodeURIComponent(file.name)}`;
    return { id, filename: file.name, size: file.size ?? 1024, url, proxy_url: url, ...(file.contentType ? { content_type: file.contentType } : {}) };
  }

  /** The managed role Discord gives the bot in a guild (named after it, tagged with its id). */
  botRoleId(guildId: string): string {
    const role = this.world.guilds.get(guildId)?.roles.find((r) => r.tags?.bot_id === this.world.bot.id);
    if (!role) throw new Error(`FakeDiscord: no bot role in guild ${guildId}`);
    return role.id;
  }

  get applicationId(): string {
    return this.world.applicationId;
  }

  /** Every message the fake knows (the bot's, the users', interaction responses). */
  get messages(): MessageStore {
    return this.world.messages;
  }

  get calls(): readonly RecordedCall[] {
    return this.rest.log.calls;
  }

  /** Errors inside the fake (answered 500); should stay empty. */
  get internalErrors(): readonly unknown[] {
    return this.rest.internalErrors;
  }

  callsTo(route: RouteOrUnknown): RecordedCall[] {
    return this.rest.log.callsTo(route);
  }

  /** Requests to routes the fake does not implement (answered 404): a test should expect none. */
  unknownCalls(): RecordedCall[] {
    return this.rest.log.callsTo('UNKNOWN');
  }

  waitForCall(route: RouteOrUnknown, predicate?: CallPredicate, timeoutMs?: number): Promise<RecordedCall> {
    return this.rest.log.waitForCall(route, predicate, timeoutMs);
  }

  waitForCalls(route: RouteOrUnknown, count: number, predicate?: CallPredicate, timeoutMs?: number): Promise<RecordedCall[]> {
    return this.rest.log.waitForCalls(route, count, predicate, timeoutMs);
  }

  /** The bot's first response to an interaction (the callback call; `body.type`, `body.data`). */
  waitForInteractionResponse(interaction: InteractionHandle, timeoutMs?: number): Promise<RecordedCall> {
    return this.waitForCall(CALLBACK_ROUTE, (call) => call.params.id === interaction.id, timeoutMs);
  }

  /** The next call to `route` fails this way (queue several for several calls). */
  failNext(route: DiscordRoute, failure: InjectedFailure): void {
    this.rest.failures.push(route, failure);
  }

  /** Forgets recorded calls, queued failures and gateway records; guilds, channels and messages stay. */
  reset(): void {
    this.rest.log.clear();
    this.rest.failures.clear();
    this.gateway.clearRecords();
  }

  dispatch(event: string, data: unknown): Promise<number> {
    return this.gateway.dispatch(event, data);
  }

  disconnectClient(options?: { code?: number; reason?: string; terminate?: boolean }): Promise<void> {
    return this.gateway.disconnectClient(options);
  }

  /** The DM channel between the bot and a user (what `POST /users/@me/channels` answers). */
  dmChannel(user: UserRef): APIDMChannel {
    return this.world.dmChannel(userId(user));
  }

  /** Channels, threads and DMs by id (threads the bot created included). */
  channel(id: string) {
    return this.world.channels.get(id);
  }

  /** Commands the bot registered (global without a guild id). */
  commands(guildId?: string) {
    return this.world.commands.list(guildId);
  }

  /**
   * A user posts: stores the message (so the bot can start a thread on it) and dispatches MESSAGE_CREATE.
   * `<@id>` in the content becomes a mention, as in Discord. A DM: use `dmChannel(user).id` as channelId.
   * A reply pings the replied-to author unless `ping: false` (Discord's client has the ping on by default): they
   * are listed in `mentions` although their id is not in the content.
   */
  async sendMessage(input: {
    channelId: string; author: UserRef; content: string; mentions?: string[]; guildId?: string;
    messageReference?: { messageId: string; ping?: boolean }; embeds?: APIEmbed[];
    /** Files the user uploads with the message (a screenshot): stored with a CDN URL, as Discord does. */
    files?: Array<{ name: string; size?: number; contentType?: string }>;
  }): Promise<APIMessage> {
    const channel = this.world.requireChannel(input.channelId);
    const guildId = this.world.guildIdOf(channel);
    const authorId = userId(input.author);
    if (input.guildId !== undefined && input.guildId !== guildId) throw new Error(`FakeDiscord: channel ${channel.id} is not in guild ${input.guildId}`);
    if (guildId && !this.world.guilds.get(guildId)?.members.has(authorId)) throw new Error(`FakeDiscord: ${authorId} is not a member of guild ${guildId}`);
    if (!guildId && !('recipients' in channel && channel.recipients?.some((r) => r.id === authorId))) {
      throw new Error(`FakeDiscord: ${authorId} is not in DM channel ${channel.id}`);
    }
    const repliedAuthor = input.messageReference && input.messageReference.ping !== false ? this.world.messages.get(input.messageReference.messageId)?.author.id : undefined;
    const mentions = [...(input.mentions ?? []), ...(repliedAuthor ? [repliedAuthor] : [])];
    const message = createMessage(this.world, {
      channelId: channel.id, author: this.world.requireUser(authorId), content: input.content,
      ...(mentions.length ? { mentions } : {}),
      ...(input.embeds ? { embeds: input.embeds } : {}),
      ...(input.files ? { attachments: input.files.map((file) => this.uploaded(file)) } : {}),
      ...(input.messageReference ? { replyTo: input.messageReference.messageId } : {}),
    });
    await this.gateway.dispatch('MESSAGE_CREATE', messageEventData(this.world, message));
    return message;
  }

  /** A user opens a forum post: THREAD_CREATE, then the starter message (which has the thread's id), as Discord sends them. */
  async createForumPost(input: { forumId: string; author: UserRef; name: string; content: string }): Promise<{ thread: APIThreadChannel; message: APIMessage }> {
    const post = userForumPost(this.world, { forumId: input.forumId, authorId: userId(input.author), name: input.name, content: input.content });
    await this.gateway.dispatch('THREAD_CREATE', { ...post.thread, newly_created: true });
    await this.gateway.dispatch('MESSAGE_CREATE', messageEventData(this.world, post.message));
    return post;
  }

  /** A user presses a button on a message the bot posted (its current version is used). */
  async pressButton(input: { message: MessageRef; customId: string; user: UserRef; roles?: string[] }): Promise<InteractionHandle> {
    const message = this.currentMessage(input.message);
    return this.send(componentInteraction(this.world, { message, customId: input.customId, actor: actor(input) }));
  }

  /** A user picks options of a string select on a message the bot posted. */
  async selectOption(input: { message: MessageRef; customId: string; values: string[]; user: UserRef; roles?: string[] }): Promise<InteractionHandle> {
    const message = this.currentMessage(input.message);
    return this.send(componentInteraction(this.world, { message, customId: input.customId, values: input.values, actor: actor(input) }));
  }

  /** Submits the modal the bot last showed with this custom_id; by default as the user it was shown to. */
  async submitModal(input: { customId: string; fields: Record<string, string>; user?: UserRef; roles?: string[] }): Promise<InteractionHandle> {
    const shownBy = this.world.interactions.lastModal(input.customId);
    if (!shownBy) throw new Error(`FakeDiscord: the bot never showed a modal "${input.customId}"`);
    const who = actor({ user: input.user ?? shownBy.userId, ...(input.roles ? { roles: input.roles } : {}) });
    return this.send(modalSubmitInteraction(this.world, { shownBy, fields: input.fields, actor: who }));
  }

  /** A user runs a slash command the bot registered; options are typed from its registration. */
  async runSlashCommand(input: {
    name: string; options?: Record<string, string | number | boolean>; user: UserRef; roles?: string[]; channelId: string;
  }): Promise<InteractionHandle> {
    return this.send(slashCommandInteraction(this.world, { name: input.name, options: input.options ?? {}, channelId: input.channelId, actor: actor(input) }));
  }

  /** A user types `typed` into an autocomplete option of a registered command; the bot answers with choices (callback type 8). */
  async typeInOption(input: { name: string; option: string; typed: string; user: UserRef; roles?: string[]; channelId: string }): Promise<InteractionHandle> {
    return this.send(autocompleteInteraction(this.world, { name: input.name, option: input.option, typed: input.typed, channelId: input.channelId, actor: actor(input) }));
  }

  /** Stop the discord.js client first (`client.destroy()`), or it will try to reconnect. */
  async close(): Promise<void> {
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  private currentMessage(ref: MessageRef): APIMessage {
    const id = typeof ref === 'string' ? ref : ref.id;
    const message = this.world.messages.get(id);
    if (!message) throw new Error(`FakeDiscord: no message ${id}`);
    return message;
  }

  private async send(built: { record: InteractionRecord; payload: unknown }): Promise<InteractionHandle> {
    this.world.interactions.add(built.record);
    await this.gateway.dispatch('INTERACTION_CREATE', built.payload);
    return { id: built.record.id, token: built.record.token };
  }
}

function userId(user: UserRef): string {
  return typeof user === 'string' ? user : user.id;
}

function actor(input: { user: UserRef; roles?: string[] }): Actor {
  return { userId: userId(input.user), ...(input.roles ? { roles: input.roles } : {}) };
}
