import {
  describeChannel,
  fail,
  type FakeSlackConfig,
  type MethodHandler,
  ok,
  resolveChannel,
  stringArg,
} from './fake-state.js';
import type { StoredMessage } from './message-store.js';
import { isBlockList, withBlockIds } from './blocks.js';

const MAX_BLOCKS_PER_MESSAGE = 50;
const MAX_TEXT_LENGTH = 40_000;

interface MessageContent {
  text: string;
  blocks?: unknown[];
  attachments?: unknown;
}

/** A subset of Slack's checks on text, blocks and attachments. */
function readContent(args: Record<string, unknown>, requireSome: boolean): MessageContent | { error: string } {
  const text = typeof args.text === 'string' ? args.text : '';
  if (text.length > MAX_TEXT_LENGTH) return { error: 'msg_too_long' };
  const content: MessageContent = { text };
  if (args.blocks !== undefined) {
    const blocks: unknown = args.blocks;
    if (!Array.isArray(blocks)) return { error: 'invalid_blocks_format' };
    if (blocks.length > MAX_BLOCKS_PER_MESSAGE || !isBlockList(blocks)) return { error: 'invalid_blocks' };
    content.blocks = withBlockIds(blocks);
  }
  if (args.attachments !== undefined) content.attachments = args.attachments;
  const empty = text === '' && !content.blocks?.length && content.attachments === undefined;
  if (requireSome && empty) return { error: 'no_text' };
  return content;
}

function botAuthor(config: FakeSlackConfig): Partial<StoredMessage> {
  return {
    user: config.botUserId,
    bot_id: config.botId,
    app_id: config.appId,
    team: config.teamId,
    bot_profile: {
      id: config.botId,
      app_id: config.appId,
      name: config.botName,
      icons: { image_36: 'https://a.slack-edge.invalid/bot_36.png' },
      deleted: false,
      updated: 1_690_000_000,
      team_id: config.teamId,
    },
  };
}

/** Messages in API answers carry no `channel` field. */
export function publicMessage(message: StoredMessage): Record<string, unknown> {
  const { channel: _channel, ...rest } = message;
  return rest;
}

const postMessage: MethodHandler = (args, state) => {
  const channel = resolveChannel(state.config, args.channel);
  if (channel === undefined) return fail('channel_not_found');
  const content = readContent(args, true);
  if ('error' in content) return fail(content.error);
  const threadTs = stringArg(args, 'thread_ts');
  const message = state.messages.add({
    channel,
    ...botAuthor(state.config),
    ...content,
    ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
    ...(args.metadata === undefined ? {} : { metadata: args.metadata }),
  });
  return ok({ channel, ts: message.ts, message: publicMessage(message) });
};

const update: MethodHandler = (args, state) => {
  const channel = resolveChannel(state.config, args.channel);
  if (channel === undefined) return fail('channel_not_found');
  const ts = stringArg(args, 'ts');
  const message = ts === undefined ? undefined : state.messages.find(channel, ts);
  if (message === undefined) return fail('message_not_found');
  if (message.user !== state.config.botUserId) return fail('cant_update_message');
  const content = readContent(args, false);
  if ('error' in content) return fail(content.error);
  if (args.text !== undefined) message.text = content.text;
  if (content.blocks !== undefined) message.blocks = content.blocks;
  if (content.attachments !== undefined) message.attachments = content.attachments;
  message.edited = { user: state.config.botUserId, ts: state.messages.nextTs() };
  return ok({ channel, ts: message.ts, text: message.text, message: publicMessage(message) });
};

const postEphemeral: MethodHandler = (args, state) => {
  const channel = resolveChannel(state.config, args.channel);
  if (channel === undefined) return fail('channel_not_found');
  const user = stringArg(args, 'user');
  if (user === undefined || !state.config.users.has(user)) return fail('user_not_in_channel');
  const content = readContent(args, true);
  if ('error' in content) return fail(content.error);
  // Ephemeral messages are not part of the conversation history.
  return ok({ message_ts: state.messages.nextTs() });
};

const getPermalink: MethodHandler = (args, state) => {
  const channel = resolveChannel(state.config, args.channel);
  if (channel === undefined) return fail('channel_not_found');
  const ts = stringArg(args, 'message_ts');
  const message = ts === undefined ? undefined : state.messages.find(channel, ts);
  if (message === undefined) return fail('message_not_found');
  const base = `https://${state.config.teamDomain}.slack.com/archives/${channel}/p${message.ts.replace('.', '')}`;
  const isReply = message.thread_ts !== undefined && message.thread_ts !== message.ts;
  const permalink = isReply ? `${base}?thread_ts=${message.thread_ts}&cid=${channel}` : base;
  return ok({ channel, permalink });
};

const reactionsAdd: MethodHandler = (args, state) => {
  const channel = resolveChannel(state.config, args.channel);
  if (channel === undefined) return fail('channel_not_found');
  const ts = stringArg(args, 'timestamp');
  if (ts === undefined) return fail('no_item_specified');
  const name = stringArg(args, 'name');
  if (name === undefined || /[:\s]/.test(name)) return fail('invalid_name');
  const message = state.messages.find(channel, ts);
  if (message === undefined) return fail('message_not_found');
  const reactions = (message.reactions ??= []);
  const existing = reactions.find((reaction) => reaction.name === name);
  if (existing?.users.includes(state.config.botUserId)) return fail('already_reacted');
  if (existing) {
    existing.users.push(state.config.botUserId);
    existing.count += 1;
  } else {
    reactions.push({ name, users: [state.config.botUserId], count: 1 });
  }
  return ok();
};

const conversationsReplies: MethodHandler = (args, state) => {
  const channel = resolveChannel(state.config, args.channel);
  if (channel === undefined) return fail('channel_not_found');
  const ts = stringArg(args, 'ts');
  const thread = ts === undefined ? undefined : state.messages.thread(channel, ts);
  if (thread === undefined) return fail('thread_not_found');
  return ok({ messages: thread.map(publicMessage), has_more: false, response_metadata: { next_cursor: '' } });
};

const conversationsInfo: MethodHandler = (args, state) => {
  const channel = resolveChannel(state.config, args.channel);
  if (channel === undefined) return fail('channel_not_found');
  return ok({ channel: describeChannel(state.config, channel) });
};

export const messageMethods: Record<string, MethodHandler> = {
  'chat.postMessage': postMessage,
  'chat.update': update,
  'chat.postEphemeral': postEphemeral,
  'chat.getPermalink': getPermalink,
  'reactions.add': reactionsAdd,
  'conversations.replies': conversationsReplies,
  'conversations.info': conversationsInfo,
};
