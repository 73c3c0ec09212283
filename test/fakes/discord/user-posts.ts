import { ChannelType, type APIMessage, type APIThreadChannel } from 'discord.js';
import { createMessage } from './message-builder.js';
import type { World } from './world.js';

/**
 * A forum post opened by a user (not the bot): a public thread in the forum owned by the user, and its starter
 * message, which has the thread's id as on Discord. Stored only; the caller dispatches the gateway events.
 */
export function userForumPost(world: World, input: { forumId: string; authorId: string; name: string; content: string }): { thread: APIThreadChannel; message: APIMessage } {
  const forum = world.requireChannel(input.forumId);
  if (forum.type !== ChannelType.GuildForum) throw new Error(`FakeDiscord: channel ${forum.id} is not a forum`);
  const guildId = world.guildIdOf(forum) ?? '';
  if (!world.guilds.get(guildId)?.members.has(input.authorId)) throw new Error(`FakeDiscord: ${input.authorId} is not a member of guild ${guildId}`);
  if (input.name.length < 1 || input.name.length > 100) throw new Error('FakeDiscord: a forum post needs a name of 1–100 characters');
  const id = world.ids.next();
  const now = new Date().toISOString();
  const thread = {
    id,
    type: ChannelType.PublicThread,
    guild_id: guildId,
    parent_id: forum.id,
    owner_id: input.authorId,
    name: input.name,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0 as APIThreadChannel['flags'],
    thread_metadata: { archived: false, auto_archive_duration: 4320, archive_timestamp: now, locked: false, create_timestamp: now },
    message_count: 0,
    member_count: 1,
    total_message_sent: 0,
    applied_tags: [],
  } satisfies APIThreadChannel;
  world.channels.set(id, thread);
  const message = createMessage(world, { id, channelId: id, author: world.requireUser(input.authorId), content: input.content });
  return { thread, message };
}
