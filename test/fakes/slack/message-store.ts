import { createTsCounter } from './defaults.js';

export interface StoredReaction {
  name: string;
  users: string[];
  count: number;
}

/** A message as conversations.replies returns it. */
export interface StoredMessage {
  type: 'message';
  channel: string;
  ts: string;
  text: string;
  user?: string;
  bot_id?: string;
  app_id?: string;
  team?: string;
  blocks?: unknown[];
  thread_ts?: string;
  parent_user_id?: string;
  reply_count?: number;
  reply_users?: string[];
  latest_reply?: string;
  edited?: { user: string; ts: string };
  reactions?: StoredReaction[];
  [key: string]: unknown;
}

/** What addMessage takes: a StoredMessage whose ts may be left to the store. */
export interface NewMessage {
  channel: string;
  text: string;
  ts?: string;
  user?: string;
  thread_ts?: string;
  [key: string]: unknown;
}

/** Conversations and threads as far as the fake has seen them (bot posts plus seeded messages). */
export class MessageStore {
  private readonly byChannel = new Map<string, StoredMessage[]>();

  constructor(readonly nextTs: () => string = createTsCounter()) {}

  add(input: NewMessage): StoredMessage {
    const message: StoredMessage = { type: 'message', ...input, ts: input.ts ?? this.nextTs() };
    const parent = message.thread_ts === undefined ? undefined : this.find(message.channel, message.thread_ts);
    if (parent && parent.ts !== message.ts) {
      message.parent_user_id ??= parent.user;
      this.noteReply(parent, message);
    }
    const list = this.byChannel.get(message.channel) ?? [];
    list.push(message);
    this.byChannel.set(message.channel, list);
    return message;
  }

  find(channel: string, ts: string): StoredMessage | undefined {
    return this.byChannel.get(channel)?.find((message) => message.ts === ts);
  }

  /** The parent followed by its replies, oldest first (Slack's order); a reply's ts gives just the reply. */
  thread(channel: string, ts: string): StoredMessage[] | undefined {
    const root = this.find(channel, ts);
    if (root === undefined) return undefined;
    if (root.thread_ts !== undefined && root.thread_ts !== root.ts) return [root];
    const replies = (this.byChannel.get(channel) ?? []).filter((m) => m.thread_ts === ts && m.ts !== ts);
    return [root, ...replies.sort((a, b) => compareTs(a.ts, b.ts))];
  }

  /** The newest message, optionally of one channel; e.g. the bot's last reply, to press its buttons. */
  latest(channel?: string): StoredMessage | undefined {
    const all = channel === undefined ? [...this.byChannel.values()].flat() : (this.byChannel.get(channel) ?? []);
    return all.sort((a, b) => compareTs(a.ts, b.ts)).at(-1);
  }

  clear(): void {
    this.byChannel.clear();
  }

  private noteReply(parent: StoredMessage, reply: StoredMessage): void {
    parent.thread_ts = parent.ts;
    parent.reply_count = (parent.reply_count ?? 0) + 1;
    const users = new Set(parent.reply_users ?? []);
    if (reply.user !== undefined) users.add(reply.user);
    parent.reply_users = [...users];
    parent.latest_reply = reply.ts;
  }
}

function compareTs(a: string, b: string): number {
  const [aSec = 0, aMicro = 0] = a.split('.').map(Number);
  const [bSec = 0, bMicro = 0] = b.split('.').map(Number);
  return aSec - bSec || aMicro - bMicro;
}
