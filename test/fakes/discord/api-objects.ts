import {
  ChannelType,
  type APIChannel,
  type APIGuildMember,
  type APIOverwrite,
  type APIRole,
  type APIThreadChannel,
  type APIUser,
  type ChannelFlags,
  type GatewayGuildCreateDispatchData,
  type GuildMemberFlags,
  type RoleFlags,
  type UserFlags,
} from 'discord.js';
import type { ChannelFixture, RoleFixture, UserFixture } from './fixtures.js';
import type { GuildState, MemberState } from './world.js';

/** Shapes the fixtures into the objects Discord sends; kept here so every payload uses the same ones. */
export function apiUser(user: UserFixture): APIUser {
  return {
    id: user.id,
    username: user.username,
    discriminator: '0',
    global_name: user.global_name ?? null,
    avatar: null,
    ...(user.bot ? { bot: true } : {}),
    public_flags: 0 as UserFlags,
    flags: 0 as UserFlags,
    banner: null,
    accent_color: null,
    avatar_decoration_data: null,
    collectibles: null,
    primary_guild: null,
  };
}

export function apiRole(role: RoleFixture, extra: Partial<APIRole> = {}): APIRole {
  const color = role.color ?? 0;
  return {
    id: role.id,
    name: role.name,
    color,
    colors: { primary_color: color, secondary_color: null, tertiary_color: null },
    hoist: role.hoist ?? false,
    icon: null,
    unicode_emoji: null,
    position: role.position ?? 0,
    permissions: String(role.permissions),
    managed: false,
    mentionable: role.mentionable ?? false,
    flags: 0 as RoleFlags,
    ...extra,
  };
}

export function apiGuildChannel(channel: ChannelFixture, guildId: string): APIChannel {
  const common = {
    id: channel.id,
    name: channel.name,
    guild_id: guildId,
    position: channel.position ?? 0,
    parent_id: channel.parentId ?? null,
    nsfw: false,
    flags: 0 as ChannelFlags,
    permission_overwrites: (channel.permissionOverwrites ?? []).map(
      (o): APIOverwrite => ({ id: o.id, type: o.type, allow: String(o.allow), deny: String(o.deny) }),
    ),
  };
  switch (channel.type) {
    case 0:
    case 5:
      return {
        ...common,
        type: channel.type === 0 ? ChannelType.GuildText : ChannelType.GuildAnnouncement,
        topic: channel.topic ?? null,
        last_message_id: null,
        rate_limit_per_user: 0,
        default_auto_archive_duration: 1440,
        last_pin_timestamp: null,
      };
    case 15:
      return {
        ...common,
        type: ChannelType.GuildForum,
        topic: channel.topic ?? null,
        last_message_id: null,
        rate_limit_per_user: 0,
        available_tags: [],
        default_reaction_emoji: null,
        default_sort_order: null,
        default_forum_layout: 0,
        default_thread_rate_limit_per_user: 0,
      };
    case 4:
      return { ...common, type: ChannelType.GuildCategory, parent_id: null };
    case 2:
      return { ...common, type: ChannelType.GuildVoice, bitrate: 64000, user_limit: 0, rtc_region: null };
  }
}

export function apiMember(member: MemberState, user: APIUser): APIGuildMember {
  return {
    user,
    nick: member.nick,
    avatar: null,
    banner: null,
    roles: [...member.roles],
    joined_at: member.joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
    communication_disabled_until: null,
  };
}

/** The full GUILD_CREATE a bot receives after READY (the client waits for one per guild before `ready`). */
export function guildCreatePayload(
  guild: GuildState,
  members: APIGuildMember[],
  channels: Array<APIChannel & { guild_id?: string }>,
  threads: APIThreadChannel[],
): GatewayGuildCreateDispatchData {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    icon_hash: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId,
    region: 'europe',
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: 1,
    default_message_notifications: 1,
    explicit_content_filter: 2,
    roles: guild.roles,
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0 as GatewayGuildCreateDispatchData['system_channel_flags'],
    rules_channel_id: null,
    max_presences: null,
    max_members: 500000,
    vanity_url_code: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: 'en-US' as GatewayGuildCreateDispatchData['preferred_locale'],
    public_updates_channel_id: null,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    hub_type: null,
    safety_alerts_channel_id: null,
    incidents_data: null,
    joined_at: guild.botJoinedAt,
    large: false,
    unavailable: false,
    member_count: members.length,
    voice_states: [],
    // Channels in GUILD_CREATE carry no guild_id (the client fills it in), exactly as Discord sends them.
    members,
    channels: channels.map(({ guild_id: _guildId, ...channel }) => channel) as GatewayGuildCreateDispatchData['channels'],
    threads: threads as GatewayGuildCreateDispatchData['threads'],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}
