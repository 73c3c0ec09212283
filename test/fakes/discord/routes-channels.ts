import { ChannelType, type APIChannel, type APIEmbed, type APIMessage, type APIThreadChannel, type ThreadChannelType } from 'discord.js';
import { apiError, DiscordErrors, FormErrors } from './errors.js';
import { createMessage, messageEventData } from './message-builder.js';
import type { RouteAnswer, RouteContext, RouteTable } from './routes.js';
import { attachmentsFor, type MessageBody } from './message-body.js';
import { validateMessageBody } from './validate-message.js';
import { Permission } from './permissions.js';

const ok = (body: unknown): RouteAnswer => ({ status: 200, body });
const noContent = (after?: () => Promise<unknown>): RouteAnswer => ({ status: 204, ...(after ? { after } : {}) });
const cannotSendHere = () => apiError(400, 50008, 'Cannot send messages in a non-text channel');
const TEXT_TYPES: readonly ChannelType[] = [
  ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.DM, ChannelType.PublicThread,
  ChannelType.PrivateThread, ChannelType.AnnouncementThread, ChannelType.GuildVoice,
];

/** A message the bot posts (REST), stored and echoed as MESSAGE_CREATE like Discord does for the bot's own posts. */
function postMessage(ctx: RouteContext, channel: APIChannel): RouteAnswer {
  if (!TEXT_TYPES.includes(channel.type)) return cannotSendHere();
  const body = (ctx.body ?? {}) as MessageBody;
  const invalid = validateMessageBody(body as Record<string, unknown>, { isCreate: true, fileCount: ctx.files.length });
  if (invalid) return invalid;
  const replyTo = body.message_reference?.message_id;
  if (replyTo && !ctx.world.messages.get(replyTo)) return DiscordErrors.unknownMessage();
  const message = createMessage(ctx.world, {
    channelId: channel.id,
    author: ctx.world.bot,
    ...messageFields(body),
    attachments: attachmentsFor(ctx),
    ...(replyTo ? { replyTo } : {}),
  });
  return { ...ok(message), after: () => ctx.emit('MESSAGE_CREATE', messageEventData(ctx.world, message)) };
}

export function messageFields(body: MessageBody) {
  return {
    ...(body.content !== undefined ? { content: body.content } : {}),
    ...(body.embeds !== undefined ? { embeds: body.embeds as APIEmbed[] } : {}),
    ...(body.components !== undefined ? { components: body.components as APIMessage['components'] } : {}),
    ...(body.flags !== undefined ? { flags: body.flags } : {}),
  };
}

/** Applies an edit (content, embeds, components, flags) and answers with MESSAGE_UPDATE after the response. */
export function editMessage(ctx: RouteContext, message: APIMessage, body: MessageBody, options: { announce: boolean }): RouteAnswer {
  const invalid = validateMessageBody(body as Record<string, unknown>, { isCreate: false, fileCount: ctx.files.length });
  if (invalid) return invalid;
  const fields = messageFields(body);
  const updated = ctx.world.messages.update(message.id, {
    ...fields,
    ...(fields.embeds ? { embeds: fields.embeds.map((e) => ({ type: 'rich', ...e }) as APIEmbed) } : {}),
    // An edit clears the "loading" flag of a deferred reply.
    flags: ((fields.flags ?? message.flags ?? 0) & ~128) as APIMessage['flags'],
    edited_timestamp: new Date().toISOString(),
  });
  const announce = options.announce && !((updated.flags ?? 0) & 64);
  return { ...ok(updated), ...(announce ? { after: () => ctx.emit('MESSAGE_UPDATE', messageEventData(ctx.world, updated)) } : {}) };
}

function channelOr404(ctx: RouteContext): APIChannel | undefined {
  return ctx.world.channels.get(ctx.params.id ?? '');
}

function messageIn(ctx: RouteContext): APIMessage | undefined {
  const message = ctx.world.messages.get(ctx.params.mid ?? '');
  return message && message.channel_id === ctx.params.id ? message : undefined;
}

function newThread(ctx: RouteContext, parent: APIChannel, id: string, type: ThreadChannelType, name: string): APIThreadChannel {
  const body = (ctx.body ?? {}) as { auto_archive_duration?: number; rate_limit_per_user?: number; applied_tags?: string[] };
  const now = new Date().toISOString();
  const thread = {
    id,
    type,
    guild_id: ctx.world.guildIdOf(parent) ?? '',
    parent_id: parent.id,
    owner_id: ctx.world.bot.id,
    name,
    last_message_id: null,
    rate_limit_per_user: body.rate_limit_per_user ?? 0,
    flags: 0 as APIThreadChannel['flags'],
    thread_metadata: { archived: false, auto_archive_duration: body.auto_archive_duration ?? 4320, archive_timestamp: now, locked: false, create_timestamp: now },
    message_count: 0,
    member_count: 1,
    total_message_sent: 0,
    applied_tags: body.applied_tags ?? [],
    member: { id, user_id: ctx.world.bot.id, join_timestamp: now, flags: 1 },
  } satisfies APIThreadChannel;
  ctx.world.channels.set(id, thread);
  return thread;
}

function threadName(ctx: RouteContext): string | FormErrors {
  const name = (ctx.body as { name?: string } | undefined)?.name;
  const errors = new FormErrors();
  if (errors.required(['name'], name)) errors.length(['name'], name, 1, 100);
  return errors.isEmpty ? (name as string) : errors;
}

/** Channels, messages, threads. */
export const channelRoutes: RouteTable<
  | 'GET /channels/:id' | 'PATCH /channels/:id' | 'POST /channels/:id/messages' | 'GET /channels/:id/messages/:mid' | 'PATCH /channels/:id/messages/:mid'
  | 'DELETE /channels/:id/messages/:mid' | 'POST /channels/:id/messages/:mid/threads' | 'POST /channels/:id/threads'
  | 'PUT /channels/:id/thread-members/@me' | 'POST /channels/:id/typing'
> = {
  'GET /channels/:id': (ctx) => {
    const channel = channelOr404(ctx);
    return channel ? ok(channel) : DiscordErrors.unknownChannel();
  },
  'PATCH /channels/:id': (ctx) => {
    const channel = channelOr404(ctx);
    if (!channel) return DiscordErrors.unknownChannel();
    return ctx.world.isThread(channel) ? renameThread(ctx, channel as APIThreadChannel) : DiscordErrors.missingPermissions();
  },
  'POST /channels/:id/messages': (ctx) => {
    const channel = channelOr404(ctx);
    return channel ? postMessage(ctx, channel) : DiscordErrors.unknownChannel();
  },
  'GET /channels/:id/messages/:mid': (ctx) => {
    if (!channelOr404(ctx)) return DiscordErrors.unknownChannel();
    const message = messageIn(ctx);
    return message ? ok(message) : DiscordErrors.unknownMessage();
  },
  'PATCH /channels/:id/messages/:mid': (ctx) => {
    if (!channelOr404(ctx)) return DiscordErrors.unknownChannel();
    const message = messageIn(ctx);
    if (!message) return DiscordErrors.unknownMessage();
    if (message.author.id !== ctx.world.bot.id) return DiscordErrors.cannotEditOthers();
    return editMessage(ctx, message, (ctx.body ?? {}) as MessageBody, { announce: true });
  },
  'DELETE /channels/:id/messages/:mid': (ctx) => {
    const channel = channelOr404(ctx);
    if (!channel) return DiscordErrors.unknownChannel();
    const message = messageIn(ctx);
    if (!message) return DiscordErrors.unknownMessage();
    ctx.world.messages.delete(message.id);
    const guildId = ctx.world.guildIdOf(channel);
    return noContent(() => ctx.emit('MESSAGE_DELETE', { id: message.id, channel_id: channel.id, ...(guildId ? { guild_id: guildId } : {}) }));
  },
  'POST /channels/:id/messages/:mid/threads': (ctx) => {
    const parent = channelOr404(ctx);
    if (!parent) return DiscordErrors.unknownChannel();
    if (parent.type !== ChannelType.GuildText && parent.type !== ChannelType.GuildAnnouncement) return DiscordErrors.wrongChannelType();
    const message = messageIn(ctx);
    if (!message) return DiscordErrors.unknownMessage();
    if (ctx.world.channels.has(message.id)) return DiscordErrors.threadAlreadyExists();
    const name = threadName(ctx);
    if (typeof name !== 'string') return name.answer() ?? DiscordErrors.notFound();
    // A thread started on a message takes the message's id.
    const type = parent.type === ChannelType.GuildAnnouncement ? ChannelType.AnnouncementThread : ChannelType.PublicThread;
    const thread = newThread(ctx, parent, message.id, type, name);
    ctx.world.messages.update(message.id, { thread, flags: ((message.flags ?? 0) | 32) as APIMessage['flags'] });
    return { ...ok(thread), after: () => ctx.emit('THREAD_CREATE', { ...thread, newly_created: true }) };
  },
  'POST /channels/:id/threads': (ctx) => {
    const parent = channelOr404(ctx);
    if (!parent) return DiscordErrors.unknownChannel();
    const name = threadName(ctx);
    if (typeof name !== 'string') return name.answer() ?? DiscordErrors.notFound();
    if (parent.type === ChannelType.GuildForum) return forumPost(ctx, parent, name);
    if (parent.type !== ChannelType.GuildText && parent.type !== ChannelType.GuildAnnouncement) return DiscordErrors.wrongChannelType();
    const requested = (ctx.body as { type?: ThreadChannelType } | undefined)?.type;
    const thread = newThread(ctx, parent, ctx.world.ids.next(), requested ?? ChannelType.PrivateThread, name);
    return { ...ok(thread), after: () => ctx.emit('THREAD_CREATE', { ...thread, newly_created: true }) };
  },
  'PUT /channels/:id/thread-members/@me': (ctx) => {
    const thread = channelOr404(ctx);
    if (!thread) return DiscordErrors.unknownChannel();
    if (!ctx.world.isThread(thread)) return DiscordErrors.wrongChannelType();
    const member = { id: thread.id, user_id: ctx.world.bot.id, join_timestamp: new Date().toISOString(), flags: 1, guild_id: thread.guild_id };
    return noContent(() => ctx.emit('THREAD_MEMBER_UPDATE', member));
  },
  'POST /channels/:id/typing': (ctx) => (channelOr404(ctx) ? noContent() : DiscordErrors.unknownChannel()),
};

/** A forum post: a thread plus its starter message, which has the thread's id. */
function forumPost(ctx: RouteContext, forum: APIChannel, name: string): RouteAnswer {
  const starter = (ctx.body as { message?: MessageBody } | undefined)?.message;
  if (!starter) {
    const errors = new FormErrors();
    errors.add(['message'], 'BASE_TYPE_REQUIRED', 'This field is required');
    return errors.answer() ?? DiscordErrors.notFound();
  }
  const invalid = validateMessageBody(starter as Record<string, unknown>, { isCreate: true, fileCount: ctx.files.length });
  if (invalid) return invalid;
  const thread = newThread(ctx, forum, ctx.world.ids.next(), ChannelType.PublicThread, name);
  // Discord gives the starter message the thread's id.
  const starterMessage = createMessage(ctx.world, {
    id: thread.id, channelId: thread.id, author: ctx.world.bot, ...messageFields(starter), attachments: attachmentsFor(ctx),
  });
  return {
    ...ok({ ...thread, message: starterMessage }),
    after: async () => {
      await ctx.emit('THREAD_CREATE', { ...thread, newly_created: true });
      await ctx.emit('MESSAGE_CREATE', messageEventData(ctx.world, starterMessage));
    },
  };
}

/**
 * Modify Channel on a thread, name only (all threadline does): Discord asks for Manage Threads; discord.js also
 * lets the thread's creator edit its name, and so does the fake. Fires THREAD_UPDATE.
 */
function renameThread(ctx: RouteContext, thread: APIThreadChannel): RouteAnswer {
  const manages = (BigInt(ctx.world.permissionsIn(thread.id, ctx.world.bot.id)) & Permission.ManageThreads) !== 0n;
  if (thread.owner_id !== ctx.world.bot.id && !manages) return DiscordErrors.missingPermissions();
  const name = threadName(ctx);
  if (typeof name !== 'string') return name.answer() ?? DiscordErrors.notFound();
  const renamed = { ...thread, name };
  ctx.world.channels.set(thread.id, renamed);
  return { ...ok(renamed), after: () => ctx.emit('THREAD_UPDATE', renamed) };
}
