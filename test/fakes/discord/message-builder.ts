import {
  MessageType,
  type APIAttachment,
  type APIEmbed,
  type APIMessage,
  type APIMessageInteractionMetadata,
  type APIMessageTopLevelComponent,
  type APIUser,
  type GatewayMessageCreateDispatchData,
} from 'discord.js';
import type { World } from './world.js';

export interface NewMessage {
  /** Defaults to a new snowflake (a forum post's starter message takes the thread's id). */
  id?: string;
  channelId: string;
  author: APIUser;
  content?: string;
  embeds?: APIEmbed[];
  components?: APIMessageTopLevelComponent[];
  flags?: number;
  attachments?: APIAttachment[];
  /** Replying to a message. */
  replyTo?: string;
  /** Extra user ids to list in `mentions` (ids written as `<@id>` in the content are found anyway). */
  mentions?: string[];
  type?: MessageType;
  webhookId?: string;
  applicationId?: string;
  interactionMetadata?: APIMessageInteractionMetadata;
}

/**
 * Makes a message the way Discord stores it (id, timestamp, mentions parsed from the content, rich embeds),
 * saves it and updates the channel's counters. Gateway events are the caller's job.
 */
export function createMessage(world: World, input: NewMessage): APIMessage {
  const channel = world.requireChannel(input.channelId);
  const id = input.id ?? world.ids.next();
  const content = input.content ?? '';
  const referenced = input.replyTo ? world.messages.get(input.replyTo) : undefined;
  const guildId = world.guildIdOf(channel);
  const message: APIMessage = {
    id,
    channel_id: input.channelId,
    type: input.type ?? (referenced ? MessageType.Reply : MessageType.Default),
    author: input.author,
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: /@(everyone|here)\b/.test(content),
    mentions: mentionedUsers(world, content, input.mentions ?? []),
    mention_roles: [...content.matchAll(/<@&(\d+)>/g)].map((match) => match[1] as string),
    attachments: input.attachments ?? [],
    embeds: (input.embeds ?? []).map((embed) => ({ type: 'rich', ...embed }) as APIEmbed),
    components: input.components ?? [],
    pinned: false,
    flags: input.flags ?? 0,
    ...(input.webhookId ? { webhook_id: input.webhookId } : {}),
    ...(input.applicationId ? { application_id: input.applicationId } : {}),
    ...(input.interactionMetadata ? { interaction_metadata: input.interactionMetadata } : {}),
    ...(referenced
      ? {
          message_reference: { type: 0, message_id: referenced.id, channel_id: referenced.channel_id, ...(guildId ? { guild_id: guildId } : {}) },
          referenced_message: referenced,
        }
      : {}),
  };
  if (world.isThread(channel)) {
    message.position = channel.total_message_sent ?? 0;
    channel.total_message_sent = (channel.total_message_sent ?? 0) + 1;
    channel.message_count = (channel.message_count ?? 0) + 1;
  }
  if ('last_message_id' in channel) channel.last_message_id = id;
  return world.messages.add(message);
}

/** MESSAGE_CREATE / MESSAGE_UPDATE data: the message plus guild_id, the author's member and channel_type. */
export function messageEventData(world: World, message: APIMessage): GatewayMessageCreateDispatchData {
  const channel = world.requireChannel(message.channel_id);
  const guildId = world.guildIdOf(channel);
  const data: GatewayMessageCreateDispatchData = { ...message, channel_type: channel.type as GatewayMessageCreateDispatchData['channel_type'] };
  if (!guildId) return data;
  const member = world.member(guildId, message.author.id);
  const mentions = message.mentions.map((user) => {
    const mentioned = world.member(guildId, user.id);
    return mentioned ? { ...user, member: withoutUser(mentioned) } : user;
  });
  return { ...data, guild_id: guildId, mentions, ...(member && !message.webhook_id ? { member: withoutUser(member) } : {}) };
}

function withoutUser<T extends { user?: unknown }>(member: T): Omit<T, 'user'> {
  const { user: _user, ...rest } = member;
  return rest;
}

function mentionedUsers(world: World, content: string, extra: string[]): APIUser[] {
  const ids = new Set([...[...content.matchAll(/<@!?(\d+)>/g)].map((match) => match[1] as string), ...extra]);
  return [...ids].flatMap((id) => world.user(id) ?? []);
}
