import { ChannelType, type APIChannel, type APIDMChannel, type APIGuildMember, type APIRole, type APIThreadChannel, type APIUser } from 'discord.js';
import { apiGuildChannel, apiMember, apiRole, apiUser, guildCreatePayload } from './api-objects.js';
import { CommandStore } from './commands.js';
import type { GuildFixture, UserFixture } from './fixtures.js';
import { InteractionStore } from './interaction-store.js';
import { MessageStore } from './message-store.js';
import { computePermissions, type Overwrite } from './permissions.js';
import { SnowflakeGenerator } from './snowflake.js';

export interface MemberState {
  userId: string;
  roles: string[];
  nick: string | null;
  joinedAt: string;
}

export interface GuildState {
  id: string;
  name: string;
  ownerId: string;
  roles: APIRole[];
  members: Map<string, MemberState>;
  botJoinedAt: string;
}

export interface WorldOptions {
  guilds: GuildFixture[];
  bot: UserFixture;
  applicationId: string;
  botPermissions: bigint;
}

const THREAD_TYPES: readonly ChannelType[] = [ChannelType.PublicThread, ChannelType.PrivateThread, ChannelType.AnnouncementThread];

/** Everything the fake Discord knows: users, guilds, channels (threads and DMs too), messages, interactions, commands. */
export class World {
  readonly ids = new SnowflakeGenerator();
  readonly bot: APIUser;
  readonly applicationId: string;
  readonly users = new Map<string, APIUser>();
  readonly guilds = new Map<string, GuildState>();
  readonly channels = new Map<string, APIChannel>();
  readonly messages = new MessageStore();
  readonly interactions = new InteractionStore();
  readonly commands = new CommandStore(() => this.ids.next());
  private readonly dmChannelIds = new Map<string, string>();

  constructor(options: WorldOptions) {
    this.bot = { ...apiUser({ ...options.bot, bot: true }), verified: true, mfa_enabled: false };
    this.applicationId = options.applicationId;
    this.users.set(this.bot.id, this.bot);
    for (const guild of options.guilds) this.addGuild(guild, options.botPermissions);
  }

  user(id: string): APIUser | undefined {
    return this.users.get(id);
  }

  /** A user the tests refer to by id must exist: a typo should fail loudly, not post as a ghost. */
  requireUser(id: string): APIUser {
    const user = this.users.get(id);
    if (!user) throw new Error(`FakeDiscord: no user ${id}; known: ${[...this.users.keys()].join(', ')}`);
    return user;
  }

  requireChannel(id: string): APIChannel {
    const channel = this.channels.get(id);
    if (!channel) throw new Error(`FakeDiscord: no channel ${id}; known: ${[...this.channels.keys()].join(', ')}`);
    return channel;
  }

  guildIdOf(channel: APIChannel): string | undefined {
    return 'guild_id' in channel ? channel.guild_id : undefined;
  }

  isThread(channel: APIChannel): channel is APIThreadChannel {
    return THREAD_TYPES.includes(channel.type);
  }

  member(guildId: string, userId: string): APIGuildMember | undefined {
    const state = this.guilds.get(guildId)?.members.get(userId);
    const user = this.users.get(userId);
    return state && user ? apiMember(state, user) : undefined;
  }

  /** Total permissions of a member in a channel (threads use their parent's overwrites), as a decimal string. */
  permissionsIn(channelId: string, userId: string, roleOverride?: readonly string[]): string {
    const channel = this.requireChannel(channelId);
    const guildId = this.guildIdOf(channel);
    const guild = guildId ? this.guilds.get(guildId) : undefined;
    if (!guild) return '0';
    const source = this.isThread(channel) && channel.parent_id ? this.channels.get(channel.parent_id) : channel;
    const overwrites = source && 'permission_overwrites' in source ? (source.permission_overwrites ?? []) : [];
    const bits = computePermissions({
      guildId: guild.id,
      ownerId: guild.ownerId,
      userId,
      memberRoleIds: roleOverride ?? guild.members.get(userId)?.roles ?? [],
      rolePermissions: new Map(guild.roles.map((role) => [role.id, role.permissions])),
      overwrites: overwrites as Overwrite[],
    });
    return bits.toString();
  }

  /** The DM channel between the bot and a user, created on first use (same id afterwards, as on Discord). */
  dmChannel(userId: string): APIDMChannel {
    const recipient = this.requireUser(userId);
    let id = this.dmChannelIds.get(userId);
    if (!id) {
      id = this.ids.next();
      this.dmChannelIds.set(userId, id);
      this.channels.set(id, { id, type: ChannelType.DM, name: null, recipients: [recipient], last_message_id: null });
    }
    return this.channels.get(id) as APIDMChannel;
  }

  /** Threads that are not archived, for GUILD_CREATE. */
  activeThreads(guildId: string): APIThreadChannel[] {
    return [...this.channels.values()].filter(
      (c): c is APIThreadChannel => this.isThread(c) && this.guildIdOf(c) === guildId && !(c as APIThreadChannel).thread_metadata?.archived,
    );
  }

  guildCreate(guildId: string) {
    const guild = this.guilds.get(guildId);
    if (!guild) throw new Error(`FakeDiscord: no guild ${guildId}`);
    const members = [...guild.members.keys()].flatMap((userId) => this.member(guildId, userId) ?? []);
    const channels = [...this.channels.values()].filter((c) => !this.isThread(c) && this.guildIdOf(c) === guildId);
    return guildCreatePayload(guild, members, channels, this.activeThreads(guildId));
  }

  private addGuild(fixture: GuildFixture, botPermissions: bigint): void {
    if (this.guilds.has(fixture.id)) throw new Error(`FakeDiscord: two guilds with id ${fixture.id}`);
    const joinedAt = new Date(Date.now() - 86_400_000).toISOString();
    // Discord gives every bot a managed role named after it, tagged with its id.
    const botRole = apiRole(
      { id: this.ids.next(), name: this.bot.username, permissions: botPermissions, position: 1 },
      { managed: true, tags: { bot_id: this.bot.id } },
    );
    const guild: GuildState = {
      id: fixture.id,
      name: fixture.name,
      ownerId: fixture.ownerId,
      roles: [...fixture.roles.map((role) => apiRole(role)), botRole],
      members: new Map(),
      botJoinedAt: joinedAt,
    };
    for (const member of fixture.members) {
      this.users.set(member.user.id, apiUser(member.user));
      guild.members.set(member.user.id, {
        userId: member.user.id,
        roles: member.roles,
        nick: member.nick ?? null,
        joinedAt: member.joinedAt ?? joinedAt,
      });
    }
    guild.members.set(this.bot.id, { userId: this.bot.id, roles: [botRole.id], nick: null, joinedAt });
    for (const channel of fixture.channels) {
      if (this.channels.has(channel.id)) throw new Error(`FakeDiscord: channel id ${channel.id} is used twice`);
      this.channels.set(channel.id, apiGuildChannel(channel, fixture.id));
    }
    this.guilds.set(fixture.id, guild);
  }
}
