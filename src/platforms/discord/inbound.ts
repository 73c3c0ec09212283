import { MessageType, cleanContent, type Client, type Message } from 'discord.js';
import { conversationIdFor } from '../../engine/conversation.js';
import { linkRequest } from '../../engine/intents.js';
import { fill } from '../../engine/texts.js';
import type { InboundMessage, Person, ThreadRef } from '../../engine/types.js';
import type { Store } from '../../store/store.js';
import type { AdminNotices } from './admin-notices.js';
import type { DiscordPeople } from './people.js';
import { OpeningThreads } from '../opening-threads.js';
import { directThread, guildThread } from './places.js';
import { openQuestionThread } from './question-thread.js';
import type { DiscordRouting } from './routing.js';

export interface InboundDeps {
  client: Client;
  store: Store;
  people: DiscordPeople;
  routing: DiscordRouting;
  admin: AdminNotices;
  /** Thread name for a question without words, with {customer} (prompts/messages.yml thread_name). */
  threadName: string;
}

/**
 * Discord messages as the engine's messages. The bot acts on DMs, mentions, new messages in support channels
 * (each gets a thread of its own), new posts in support forums (the post is the thread), anything in a thread
 * that already is a conversation, and messages in the relay thread on a direct-message conversation's packet.
 * Bots (itself included), webhooks and system messages are ignored.
 */
export class DiscordInbound {
  /** The caller runs each message's engine turn in `opening.during`, so follow-ups in a new thread are not lost. */
  readonly opening = new OpeningThreads();

  constructor(private readonly deps: InboundDeps) {}

  async message(message: Message): Promise<InboundMessage | undefined> {
    if (message.author.bot || message.webhookId || message.system) return undefined;
    if (message.type !== MessageType.Default && message.type !== MessageType.Reply) return undefined;
    const botId = this.deps.client.user?.id;
    const mentioned = addressesBot(message, this.deps.client);
    const text = plainTextOf(message, botId);
    const channel = message.channel;
    const from = () => this.deps.people.person(message.author, message.member);

    if (channel.isDMBased() || !message.guildId) return this.inbound(message, directThread(message.channelId), from(), text);

    if (channel.isThread()) {
      const thread = guildThread(message.guildId, channel.parentId ?? channel.id, channel.id);
      const existing = await this.deps.store.conversations.get(conversationIdFor(thread));
      // A forum post's first message has the thread's id: the post is the question.
      const newPost = message.id === channel.id && this.deps.routing.isSupportChannel(channel.parentId);
      if (existing) return this.inbound(message, existing.thread, from(), text);
      if (this.opening.has(conversationIdFor(thread))) return this.inbound(message, thread, from(), text); // its first answer is on its way
      const relayOf = await this.deps.store.relays.conversationFor('discord', thread.channelId, thread.threadId);
      if (relayOf) return { ...this.inbound(message, thread, from(), text), relayOf };
      if (!mentioned && !newPost) return undefined;
      const person = from();
      if (!mentioned && person.isAgent) return undefined; // an agent's own post (a guide, an announcement)
      return this.inbound(message, thread, person, text);
    }

    if (!mentioned && !this.deps.routing.isSupportChannel(message.channelId)) return undefined;
    const person = from();
    if (!mentioned && person.isAgent) return undefined; // an agent's announcement, not a question
    // "link" / "link 123456": the engine answers it privately, so it gets no thread of its own.
    if (linkRequest(text) !== undefined) return this.inbound(message, { platform: 'discord', workspaceId: message.guildId, channelId: message.channelId, threadId: message.channelId }, person, text);
    const threadId = await openQuestionThread(message, text, fill(this.deps.threadName, { customer: person.displayName ?? person.id }), this.deps.admin);
    return threadId ? this.inbound(message, guildThread(message.guildId, message.channelId, threadId), person, text) : undefined;
  }

  private inbound(message: Message, thread: ThreadRef, from: Person, text: string): InboundMessage {
    const files = message.attachments.map((file) => ({ name: file.name, url: file.url }));
    return { kind: 'message', eventId: `message:${message.id}`, thread, from, text, ...(files.length ? { files } : {}) };
  }
}

/**
 * Whether the message calls the bot: its mention typed in the text, or its role's (Discord's @ autocomplete offers
 * the bot's managed role next to the bot). A reply to one of the bot's posts lists the bot in `mentions` too
 * (the reply ping, on by default), but an agent answering a context packet is not asking a question.
 */
export function addressesBot(message: Message, client: Client): boolean {
  const me = client.user;
  if (!me) return false;
  if (message.mentions.has(me, { ignoreRepliedUser: true, ignoreEveryone: true, ignoreRoles: true })) return true;
  const botRole = message.guild?.members.me?.roles.botRole;
  return Boolean(botRole && message.mentions.roles.has(botRole.id));
}

/** What a person typed, as plain words: the bot's mention (or its role's) removed, other mentions as @names and #channels. */
export function plainTextOf(message: Message, botId: string | undefined): string {
  const botRole = message.guild?.members.me?.roles.botRole?.id;
  const bot = [botId ? `<@!?${botId}>` : '', botRole ? `<@&${botRole}>` : ''].filter(Boolean).join('|');
  const withoutBot = bot ? message.content.replace(new RegExp(bot, 'g'), ' ') : message.content;
  return cleanContent(withoutBot, message.channel).replace(/[ \t]+/g, ' ').trim();
}
