import { ChannelType, type Client } from 'discord.js';
import type { ThreadRef } from '../../engine/types.js';

/** What a DM conversation's workspace is called in its ThreadRef (a DM belongs to no server). */
export const DIRECT_WORKSPACE = 'dm';

/** A conversation in a server thread: the thread is the conversation, under its channel (text or forum). */
export function guildThread(guildId: string, parentId: string, threadId: string): ThreadRef {
  return { platform: 'discord', workspaceId: guildId, channelId: parentId, threadId, link: `https://discord.com/channels/${guildId}/${threadId}` };
}

/** A conversation in a direct message: the DM channel is the thread. */
export function directThread(channelId: string): ThreadRef {
  return { platform: 'discord', workspaceId: DIRECT_WORKSPACE, channelId, threadId: channelId, isDirect: true };
}

/** Where an interaction happened: a DM, a thread (maybe a conversation) or a plain channel. */
export type Place =
  | { kind: 'dm'; thread: ThreadRef }
  | { kind: 'thread'; thread: ThreadRef }
  | { kind: 'channel'; guildId: string; channelId: string };

/**
 * The place of a channel; a thread missing from the cache (e.g. archived) is fetched once. A channel Discord will
 * not show the bot counts as a plain channel: the engine then says where its commands work.
 */
export async function placeOf(client: Client, channelId: string, guildId: string | null): Promise<Place> {
  if (!guildId) return { kind: 'dm', thread: directThread(channelId) };
  const channel = client.channels.cache.get(channelId) ?? (await client.channels.fetch(channelId).catch(() => null));
  if (channel?.isThread()) return { kind: 'thread', thread: guildThread(guildId, channel.parentId ?? channel.id, channel.id) };
  if (channel?.type === ChannelType.DM) return { kind: 'dm', thread: directThread(channelId) };
  return { kind: 'channel', guildId, channelId };
}
