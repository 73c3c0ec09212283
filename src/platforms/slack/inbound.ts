import type { webApi } from '@slack/bolt';
import { conversationIdFor } from '../../engine/conversation.js';
import type { InboundAction, InboundMessage, SharedFile, ThreadRef } from '../../engine/types.js';
import type { Logger } from '../../logger.js';
import { identityOf } from '../../store/customers.js';
import type { Store } from '../../store/store.js';
import { OpeningThreads } from '../opening-threads.js';
import { decodeAction } from './action-codec.js';
import { readCommentSubmission } from './comment-modal.js';
import { PERSON_SUBTYPES, type BlockActions, type MessageEvent } from './payloads.js';
import { errorText, type SlackPeople } from './people.js';
import type { SlackRouting } from './routing.js';
import { plainTextOf } from './slack-text.js';
import { TtlCache } from './ttl-cache.js';

const PERMALINK_TTL_MS = 60 * 60_000;
/** States in which the bot waits for the customer's next words (see openIn). */
const WAITING_FOR_CUSTOMER: ReadonlySet<string> = new Set(['new', 'suggesting', 'answered']);
/** How long a DM message outside the thread still counts as the reply the bot waits for (see openIn). */
const DM_REPLY_WINDOW_MS = 60 * 60_000;

export interface InboundDeps {
  client: webApi.WebClient;
  store: Store;
  people: SlackPeople;
  routing: SlackRouting;
  logger: Logger;
}

/** Slack events, clicks and modal submissions as the engine's messages and actions. */
export class SlackInbound {
  /** The caller runs each message's engine turn in `opening.during`, so replies in a new thread are not lost. */
  readonly opening = new OpeningThreads();
  private readonly permalinks = new TtlCache<string | undefined>(PERMALINK_TTL_MS);

  constructor(private readonly deps: InboundDeps) {}

  /**
   * A message the bot should act on, or undefined. It acts on mentions, direct messages, top-level
   * messages in support channels (except agents' own posts there), anything in a thread that already
   * is a conversation, and replies in the relay thread of a direct-message conversation's packet.
   * A message that mentions the bot arrives twice (message and app_mention, same ts): both get the id
   * `team:channel:ts`, so the engine handles it once.
   */
  async message(teamId: string, event: MessageEvent, botUserId: string | undefined): Promise<InboundMessage | undefined> {
    if (!event.user || event.bot_id || event.user === botUserId || !PERSON_SUBTYPES.has(event.subtype)) return undefined;
    // app_mention events carry no channel_type; direct message ids start with D.
    const isIm = event.channel_type === 'im' || event.channel.startsWith('D');
    // A group DM is private too: agents cannot open it, so a handoff there is relayed like a DM's. But people talk
    // to each other there: only a mention is for the bot.
    const isDirect = isIm || event.channel_type === 'mpim';
    const inThread = event.thread_ts !== undefined && event.thread_ts !== event.ts;
    const mentioned = event.type === 'app_mention' || (botUserId !== undefined && event.text.includes(`<@${botUserId}`));
    const thread: ThreadRef = { platform: 'slack', workspaceId: teamId, channelId: event.channel, threadId: event.thread_ts ?? event.ts, isDirect };
    const existing = (await this.deps.store.conversations.get(conversationIdFor(thread))) ?? (isIm && !inThread ? await this.openIn(teamId, event.channel, event.user) : undefined);
    // a reply in a thread whose first message the engine is still answering: part of that conversation
    const opening = !existing && inThread && this.opening.has(conversationIdFor(thread));
    const relayOf = !existing && inThread && !isDirect ? await this.deps.store.relays.conversationFor('slack', event.channel, thread.threadId) : undefined;
    const eventId = `${teamId}:${event.channel}:${event.ts}`;
    const text = plainTextOf(event.text, botUserId);
    const files = sharedFiles(event);
    const shared = files.length ? { files } : {};
    if (relayOf) return { kind: 'message', eventId, thread, from: await this.deps.people.person(teamId, event.user), text, ...shared, relayOf };
    const asked = mentioned || isIm || (!inThread && this.deps.routing.isSupportChannel(event.channel));
    if (!existing && !opening && !asked) return undefined;

    const from = await this.deps.people.person(teamId, event.user);
    if (!existing && !opening && !mentioned && !isDirect && from.isAgent) return undefined; // an agent's announcement, not a question
    return { kind: 'message', eventId, thread: existing?.thread ?? { ...thread, link: await this.permalink(thread) }, from, text, ...shared };
  }

  /**
   * In a DM people rarely reply in a thread: while their latest conversation there is with a person, or the bot
   * asked something within the last hour (the question after "hi", a choice, whether the answer helped), a new
   * message in the DM belongs to it ("2" picks the second choice, "that didn't work" is about the answer, words
   * for the agents reach them) instead of starting a new question. After a resolution, or later, a new message
   * starts a new conversation.
   */
  private async openIn(teamId: string, channel: string, user: string) {
    const { store } = this.deps;
    const handedOffId = await store.relays.handedOffIn('slack', channel);
    const handedOff = handedOffId ? await store.conversations.get(handedOffId) : undefined;
    if (handedOff?.state === 'handed_off') return handedOff;
    const latestId = (await store.customers.findByIdentity(identityOf({ platform: 'slack', workspaceId: teamId, id: user })))?.conversationIds.at(-1);
    const latest = latestId ? await store.conversations.get(latestId) : undefined;
    if (!latest || latest.thread.channelId !== channel) return undefined;
    // with a person it stays theirs; the bot's own question (choices, "did it help?") only for a while: a message
    // a day later is a new question, not a reply
    const waiting = WAITING_FOR_CUSTOMER.has(latest.state) && Date.now() - Date.parse(latest.updatedAt) <= DM_REPLY_WINDOW_MS;
    return latest.state === 'handed_off' || waiting ? latest : undefined;
  }

  /** A press of one of the engine's buttons; the id is stable per press, so a redelivery is handled once. */
  async action(body: BlockActions): Promise<InboundAction | undefined> {
    const pressed = body.actions[0];
    const decoded = pressed && decodeAction(pressed.action_id, pressed.value);
    if (!pressed || !decoded) return undefined;
    const teamId = teamOf(body);
    const channelId = body.container?.channel_id ?? body.channel?.id;
    const threadId = body.container?.thread_ts ?? body.message?.thread_ts ?? body.container?.message_ts ?? body.message?.ts;
    return {
      kind: 'action',
      eventId: `action:${body.user.id}:${pressed.action_ts}:${pressed.action_id}`,
      conversationId: decoded.conversationId,
      from: await this.deps.people.person(teamId, body.user.id),
      action: decoded.action,
      value: decoded.value,
      thread: channelId && threadId ? { platform: 'slack', workspaceId: teamId, channelId, threadId, isDirect: channelId.startsWith('D') } : undefined,
    };
  }

  /** The low-score comment modal, submitted: the engine's `comment` action with "<round>:<text>". */
  async comment(body: { user: { id: string; team_id?: string }; team?: { id: string } | null; view: { id: string } }): Promise<InboundAction | undefined> {
    const submitted = readCommentSubmission(body.view);
    if (!submitted) return undefined;
    return {
      kind: 'action',
      eventId: `view:${body.view.id}`,
      conversationId: submitted.c,
      from: await this.deps.people.person(teamOf(body), body.user.id),
      action: 'comment',
      value: `${submitted.r}:${submitted.text}`,
    };
  }

  /** A link to the thread's first message for the context packet; best effort. */
  private permalink(thread: ThreadRef): Promise<string | undefined> {
    return this.permalinks.get(`${thread.channelId}:${thread.threadId}`, async () => {
      try {
        const { permalink } = await this.deps.client.chat.getPermalink({ channel: thread.channelId, message_ts: thread.threadId });
        return permalink;
      } catch (error) {
        this.deps.logger.debug('slack: no permalink for the thread', { channel: thread.channelId, ts: thread.threadId, error: errorText(error) });
        return undefined;
      }
    });
  }
}

function teamOf(body: { user: { team_id?: string }; team?: { id: string } | null }): string {
  return body.team?.id ?? body.user.team_id ?? 'unknown';
}

/** The files shared with a message that people can open (a file without a permalink, e.g. deleted, is left out). */
function sharedFiles(event: MessageEvent): SharedFile[] {
  return (event.files ?? []).flatMap((file) => (file.permalink ? [{ name: file.name ?? file.title ?? 'file', url: file.permalink }] : []));
}
