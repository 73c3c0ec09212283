import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { Logger } from '../logger.js';
import type { Matcher } from '../matching/types.js';
import type { Conversation, Customer, EventType } from '../store/records.js';
import { identityOf } from '../store/customers.js';
import type { Store } from '../store/store.js';
import type { Answerer, Summarizer } from './answering.js';
import type { OpeningHours } from './opening-hours.js';
import { fill, type Texts } from './texts.js';
import type { Destination, Outbox, Person, PostedRef, Reply } from './types.js';

export interface EngineSettings {
  companyName: string;
  defaultTeam: string;
  /** Failed attempts (answers that did not help) before the bot hands off by itself. */
  handoffAfterFailures: number;
  /** Inactive answered/suggesting conversations resolve after this long; 0 turns it off. */
  autoResolveAfterMinutes: number;
  autoResolveSurvey: boolean;
  /** Handoffs nobody has claimed after this long remind their team (once); 0 turns it off. */
  remindUnclaimedAfterMinutes: number;
  /** CES scores at or below this alert the agents. */
  lowScore: number;
  /** When people are at work (SUPPORT_HOURS); a handoff outside them says when they are back. Unset: always. */
  openingHours?: OpeningHours;
}

export interface EngineDeps {
  store: Store;
  matcher: Matcher;
  knowledge: () => KnowledgeBase;
  texts: Texts;
  settings: EngineSettings;
  logger: Logger;
  answerer?: Answerer;
  summarizer?: Summarizer;
  clock?: () => Date;
}

/** One unit of work on one conversation: who acted, where replies go, and when. */
export interface Turn {
  conversation: Conversation;
  customer: Customer;
  actor: Person;
  outbox: Outbox;
  now: Date;
}

/** The person acting is the conversation's customer (on any of their linked identities). */
export const actorIsCustomer = (turn: Turn): boolean => turn.customer.identities.includes(identityOf(turn.actor));

const TRANSCRIPT_LIMIT = 60;

/** What every engine step needs: dependencies plus small helpers for replying, logging and wording. */
export class EngineContext {
  constructor(readonly deps: EngineDeps) {}

  get store(): Store {
    return this.deps.store;
  }
  get texts(): Texts {
    return this.deps.texts;
  }
  get settings(): EngineSettings {
    return this.deps.settings;
  }
  get logger(): Logger {
    return this.deps.logger;
  }

  now(): Date {
    return this.deps.clock?.() ?? new Date();
  }

  /** A sentence from prompts/messages.yml with {company} and the given values filled in. */
  say(template: string, values: Record<string, string | number | undefined> = {}): string {
    return fill(template, { company: this.settings.companyName, ...values });
  }

  /** Delivers a reply; a failed delivery is logged with context and never breaks the turn. */
  async deliver(turn: Turn, destination: Destination, reply: Reply): Promise<PostedRef | undefined> {
    try {
      const ref = await turn.outbox.send(destination, reply);
      // relayed words are in the transcript already, as their speaker's
      if (destination.to === 'thread' && reply.kind !== 'relayed') this.record(turn.conversation, 'bot', describe(reply, this.texts.packet.bot_said), turn.now);
      return ref;
    } catch (error) {
      this.logger.error('failed to deliver a reply', {
        conversation: turn.conversation.id,
        destination: destination.to,
        reply: reply.kind,
        error: error instanceof Error ? error.message : String(error),
      });
      await this.event('error', turn.conversation, { stage: 'deliver', destination: destination.to, reply: reply.kind, error: String(error) });
      return undefined;
    }
  }

  toThread(turn: Turn, reply: Reply) {
    return this.deliver(turn, { to: 'thread', thread: turn.conversation.thread }, reply);
  }

  toActor(turn: Turn, reply: Reply) {
    return this.deliver(turn, { to: 'actor', person: turn.actor, thread: turn.conversation.thread }, reply);
  }

  async update(turn: Turn, ref: PostedRef | undefined, reply: Reply): Promise<void> {
    if (!ref) return;
    try {
      await turn.outbox.update(ref, reply);
    } catch (error) {
      this.logger.warn('failed to update a posted message', { conversation: turn.conversation.id, reply: reply.kind, error: String(error) });
    }
  }

  record(conversation: Conversation, from: 'customer' | 'bot' | 'agent', text: string, at: Date, name?: string): void {
    conversation.transcript.push({ at: at.toISOString(), from, name, text });
    if (conversation.transcript.length > TRANSCRIPT_LIMIT) conversation.transcript.splice(0, conversation.transcript.length - TRANSCRIPT_LIMIT);
  }

  async event(type: EventType, conversation: Conversation | undefined, data: Record<string, unknown> = {}): Promise<void> {
    await this.store.events.append(type, {
      at: this.now(),
      conversationId: conversation?.id,
      platform: conversation?.thread.platform,
      data,
    });
  }

  /** Teams a conversation can be routed to: the knowledge base's teams and the default team. */
  teams(): string[] {
    return [...new Set([...this.deps.knowledge().teams, this.settings.defaultTeam])].sort();
  }
}

/** A one-line version of a reply for the transcript agents read, worded by prompts/messages.yml. */
function describe(reply: Reply, said: Texts['packet']['bot_said']): string {
  switch (reply.kind) {
    case 'answer':
      return fill(reply.citations.length > 1 ? said.answered_more : said.answered, { title: reply.title, more: reply.citations.length - 1 });
    case 'suggestions':
      return fill(said.suggested, { titles: reply.choices.map((c) => `"${c.title}"`).join(', ') });
    case 'handoff-notice':
      return fill(said.handed_off, { team: reply.team });
    case 'survey':
      return said.survey;
    case 'text':
    case 'notice':
      return reply.text;
    default:
      return reply.kind;
  }
}
