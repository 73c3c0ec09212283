/**
 * Platform-neutral messages in and replies out. Adapters (Slack, Discord, console) translate their
 * events into `Inbound` and render `Reply` natively; nothing here knows a platform SDK.
 */

import type { PacketLabels } from './texts.js';

export type Platform = 'slack' | 'discord' | 'console';

/** Someone who wrote to the bot or pressed one of its buttons. */
export interface Person {
  platform: Platform;
  /**
   * Scope of the user id, so platform:workspaceId:id names one person: Slack team id; "users" on Discord
   * (user ids are global, so one profile spans servers and DMs); "local" for the console.
   */
  workspaceId: string;
  /** The platform's user id. */
  id: string;
  displayName?: string;
  email?: string;
  /** Decided by the adapter from the platform's roles / user groups / configured ids. */
  isAgent: boolean;
}

/** Where a conversation lives: one conversation per thread. */
export interface ThreadRef {
  platform: Platform;
  workspaceId: string;
  channelId: string;
  /** Slack: the root message ts; Discord: the thread channel id; console: the session id. */
  threadId: string;
  isDirect?: boolean;
  /** A link people can click to open the thread, when the platform has one. */
  link?: string;
}

/** A file someone shared: its name and where the other side can open it (a Slack permalink, a Discord URL). */
export interface SharedFile {
  name: string;
  url: string;
}

export interface InboundMessage {
  kind: 'message';
  /** The platform's id for this delivery; the same id twice is handled once. */
  eventId: string;
  thread: ThreadRef;
  from: Person;
  text: string;
  /** Files shared with the message (a screenshot): recorded and passed on with it, never searched. */
  files?: SharedFile[];
  /**
   * Set by adapters for a message in the agents' relay thread of a direct-message conversation (the thread of
   * its context packet): the id of that conversation. Agents cannot write into the bot's DM, so the bot passes
   * their words on.
   */
  relayOf?: string;
}

export type ActionName =
  | 'solved'
  | 'talk-to-person'
  | 'choose'
  | 'none-of-these'
  | 'claim'
  | 'resolve'
  | 'rate'
  | 'comment';

/** A button press, select or modal submission. `value` carries the choice (article id, "round:score", comment text). */
export interface InboundAction {
  kind: 'action';
  eventId: string;
  conversationId: string;
  from: Person;
  action: ActionName;
  value?: string;
  /** Where the button was pressed (the thread, or an agents channel), when the platform says. */
  thread?: ThreadRef;
}

export type CommandName = 'resolve' | 'handoff' | 'status' | 'claim' | 'link';

/** A slash command. In a conversation's thread (or naming one), it acts on that conversation. */
export interface InboundCommand {
  kind: 'command';
  eventId: string;
  name: CommandName;
  args: string[];
  from: Person;
  thread?: ThreadRef;
  conversationId?: string;
}

export type Inbound = InboundMessage | InboundAction | InboundCommand;

export interface Button {
  label: string;
  action: ActionName;
  conversationId: string;
  value?: string;
  style?: 'primary' | 'danger';
}

export interface ArticleRef {
  id: string;
  title: string;
  url?: string;
}

export interface TranscriptLine {
  at: string;
  from: 'customer' | 'bot' | 'agent';
  name?: string;
  text: string;
}

export type HandoffReason =
  | 'no-match'
  | 'asked-for-person'
  | 'frustrated'
  | 'not-helped'
  | 'none-fit'
  | 'article-requires-person'
  | 'transferred'
  | 'bot-error';

export interface TriedArticle extends ArticleRef {
  score: number;
  /**
   * handed-off: it matched, but it is a `handoff: true` article, so a person got it instead of an answer.
   * considered: one of the closest articles when nothing fit well enough to show; the customer never saw it.
   */
  outcome: 'answered' | 'suggested' | 'considered' | 'handed-off' | 'rejected';
}

/** Everything an agent needs to take over without asking the customer to repeat themselves. */
export interface ContextPacket {
  conversationId: string;
  team: string;
  reason: HandoffReason;
  reasonText: string;
  customer: {
    name: string;
    platform: Platform;
    identities: string[];
    conversations: number;
    recent: Array<{ question: string; state: string; at: string }>;
    lastCes?: { score: number; at: string };
  };
  question: string;
  transcript: TranscriptLine[];
  tried: TriedArticle[];
  /** The best match score the bot had, 0–1. */
  confidence: number;
  summary?: string;
  thread: ThreadRef;
  status: 'waiting' | 'claimed' | 'resolved' | 'transferred';
  /** The status as agents read it ("Claimed by Alex"), from prompts/messages.yml. */
  statusText: string;
  /** Headings and labels for rendering the packet, from prompts/messages.yml. */
  labels: PacketLabels;
  assignee?: string;
  /** Set when the packet went to another team. */
  transferredTo?: string;
}

export interface SurveyScalePoint {
  value: number;
  label: string;
}

export type Reply =
  | { kind: 'text'; text: string }
  /** An article answer (or an LLM answer grounded in articles), citing its sources after `sourceLabel` ("Source" / "Sources"). */
  | { kind: 'answer'; intro: string; title: string; body: string; citations: ArticleRef[]; sourceLabel: string; buttons: Button[]; footer?: string }
  | { kind: 'suggestions'; text: string; choices: Array<ArticleRef & { score: number }>; buttons: Button[] }
  /** Tells the customer a person will take over; adapters mention the team's group/role. */
  | { kind: 'handoff-notice'; text: string; team: string; details?: string }
  | { kind: 'context-packet'; packet: ContextPacket; buttons: Button[] }
  /** The CES question: `intro` addresses the customer, `question` is the statement they rate 1–7. */
  | { kind: 'survey'; intro: string; question: string; scale: SurveyScalePoint[]; buttons: Button[]; conversationId: string }
  /** Ask the customer for an optional comment: a modal where the platform has one. */
  | { kind: 'comment-request'; title: string; prompt: string; send: string; skip: string; conversationId: string; value: string }
  /** A short confirmation or refusal, shown only to the person who acted where the platform allows. */
  | { kind: 'notice'; text: string }
  /** Low CES score: agents get the context. */
  | { kind: 'alert'; text: string; packet: ContextPacket; score: number; comment?: string }
  /** A handoff nobody has claimed for a while: its team is pinged again, where its packets go. */
  | { kind: 'reminder'; text: string; team: string }
  /** Someone's words passed on between a DM and the agents' relay thread ("Alex: …"), shown as plain text. */
  | { kind: 'relayed'; text: string };

export type Destination =
  | { to: 'thread'; thread: ThreadRef }
  | { to: 'agents'; team: string; thread: ThreadRef }
  /** Only the person who acted sees it (ephemeral / modal). */
  | { to: 'actor'; person: Person; thread?: ThreadRef }
  /** Problems only an admin can fix (a broken knowledge file): the default team's agents channel; nowhere if none. */
  | { to: 'admins' }
  /** The agents' relay thread of a direct-message conversation: the thread of its context packet (opened if need be). */
  | { to: 'relay'; packet: PostedRef; /** Opens the thread with this name where threads are named (Discord). */ open?: string };

/** A message the adapter posted, so the engine can update it later (e.g. the context packet on claim). */
export interface PostedRef {
  platform: Platform;
  channelId: string;
  messageId: string;
}

/** What adapters implement: render and deliver. Failures should be thrown; the engine logs them and carries on. */
export interface Outbox {
  send(destination: Destination, reply: Reply): Promise<PostedRef | undefined>;
  update(ref: PostedRef, reply: Reply): Promise<void>;
  /**
   * The conversation's question arrived after a greeting: where threads have names (Discord), the thread the
   * bot named after "hi" can be named after the question. Best effort: never throws, need not finish.
   */
  nameThread?(thread: ThreadRef, question: string): void;
}
