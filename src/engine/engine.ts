import { conversationIdFor, isOpen, newConversation, reopen } from './conversation.js';
import { actorIsCustomer, EngineContext, type EngineDeps, type Turn } from './context.js';
import { choose, noneFit, onCustomerMessage, solved, talkToPerson } from './customer-turn.js';
import { agentClaim, agentHandoff, agentResolve, link, status } from './commands.js';
import { handOff, remindTeam } from './handoff.js';
import { asksNothingYet, linkRequest, rejectsAnswer, saysThanks } from './intents.js';
import { ConversationLock } from './conversation-lock.js';
import { isWithinHours } from './opening-hours.js';
import { relayToAgents, relayToCustomer } from './relay.js';
import { withFiles } from './shared-files.js';
import { comment, rate, rateTyped, resolve } from './survey.js';
import { identityOf } from '../store/customers.js';
import type { Conversation } from '../store/records.js';
import type { ActionName, Inbound, InboundAction, InboundCommand, InboundMessage, Outbox, Platform } from './types.js';

export type { EngineDeps, EngineSettings } from './context.js';

/** Actions that belong to the conversation's customer, and those that belong to agents. */
const CUSTOMER_ACTIONS = new Set(['solved', 'talk-to-person', 'choose', 'none-of-these', 'rate', 'comment']);
const AGENT_ACTIONS = new Set(['claim', 'resolve']);

/** What each button does once the engine has checked who pressed it. */
const ACTION_STEPS: Record<ActionName, (ctx: EngineContext, turn: Turn, value: string | undefined) => Promise<void>> = {
  solved: (ctx, turn) => solved(ctx, turn),
  'talk-to-person': (ctx, turn) => talkToPerson(ctx, turn),
  choose: (ctx, turn, value) => choose(ctx, turn, value),
  'none-of-these': (ctx, turn) => noneFit(ctx, turn),
  claim: (ctx, turn) => agentClaim(ctx, turn),
  resolve: (ctx, turn) => agentResolve(ctx, turn),
  rate: (ctx, turn, value) => rate(ctx, turn, value),
  comment: (ctx, turn, value) => comment(ctx, turn, value),
};

/**
 * The platform-neutral conversation engine. Adapters call `handle` with what happened and an outbox
 * that renders replies natively. Every message in a conversation is handled one at a time, a platform
 * event seen twice has one effect, and whoever addressed the bot hears back, even when something fails.
 */
export class Engine {
  private readonly ctx: EngineContext;
  private readonly locks: ConversationLock;

  constructor(deps: EngineDeps) {
    this.ctx = new EngineContext(deps);
    this.locks = new ConversationLock(deps.store.claims, deps.logger);
  }

  /** The teams a conversation can be handed to (the knowledge base's teams and the default team), sorted. */
  teams(): string[] {
    return this.ctx.teams();
  }

  async handle(inbound: Inbound, outbox: Outbox): Promise<void> {
    const key = inbound.kind === 'message' ? (inbound.relayOf ?? conversationIdFor(inbound.thread)) : inbound.conversationId ?? (inbound.thread ? conversationIdFor(inbound.thread) : `person:${identityOf(inbound.from)}`);
    await this.locks.run(key, async () => {
      if (!(await this.firstDelivery(inbound))) {
        this.ctx.logger.debug('ignored a repeated delivery', { eventId: inbound.eventId });
        return;
      }
      try {
        if (inbound.kind === 'message') await this.onMessage(inbound, outbox);
        else if (inbound.kind === 'action') await this.onAction(inbound, outbox);
        else await this.onCommand(inbound, outbox);
      } catch (error) {
        await this.recover(inbound, outbox, error);
      }
    });
  }

  /** A store that cannot tell whether the event was seen must not cost a reply: a rare repeat beats silence. */
  private async firstDelivery(inbound: Inbound): Promise<boolean> {
    try {
      return await this.ctx.store.firstDelivery(`${inbound.from.platform}:${inbound.eventId}`);
    } catch (error) {
      this.ctx.logger.warn('could not check the store for a repeated delivery; handling it', { eventId: inbound.eventId, error: error instanceof Error ? error.message : String(error) });
      return true;
    }
  }

  /** Resolves answered/suggesting conversations nobody has touched for AUTO_RESOLVE_AFTER_MINUTES. */
  async sweep(outboxFor: (platform: Platform) => Outbox | undefined): Promise<number> {
    const minutes = this.ctx.settings.autoResolveAfterMinutes;
    if (minutes <= 0) return 0;
    const due = (c: Conversation, now: Date) => ['new', 'answered', 'suggesting'].includes(c.state) && now.getTime() - Date.parse(c.updatedAt) >= minutes * 60_000;
    return this.forEachDue(outboxFor, due, (turn) => resolve(this.ctx, turn, 'timeout'));
  }

  /**
   * Pings the team again for handoffs nobody has claimed within HANDOFF_REMIND_AFTER_MINUTES, once per handoff (a
   * transfer starts a new one), so a customer is not left waiting on a packet everyone scrolled past.
   */
  async remindUnclaimed(outboxFor: (platform: Platform) => Outbox | undefined): Promise<number> {
    const { remindUnclaimedAfterMinutes: minutes, openingHours } = this.ctx.settings;
    // nobody is at work to be pinged: the first sweep after opening reminds them of what waited overnight
    if (minutes <= 0 || (openingHours && !isWithinHours(openingHours, this.ctx.now()))) return 0;
    const due = (c: Conversation, now: Date) =>
      c.state === 'handed_off' && c.handoff !== undefined && !c.handoff.assignee && !c.handoff.remindedAt && now.getTime() - Date.parse(c.handoff.at) >= minutes * 60_000;
    return this.forEachDue(outboxFor, due, (turn) => remindTeam(this.ctx, turn));
  }

  /**
   * Runs `act` on every open conversation that is `due` and whose platform is connected. Only those are locked
   * (each lock is a lease in the store), and each is read again inside its lock, where it may no longer be due.
   */
  private async forEachDue(outboxFor: (platform: Platform) => Outbox | undefined, due: (c: Conversation, now: Date) => boolean, act: (turn: Turn) => Promise<void>): Promise<number> {
    let done = 0;
    for (const candidate of await this.ctx.store.conversations.listOpen()) {
      const outbox = outboxFor(candidate.thread.platform);
      if (!outbox || !due(candidate, this.ctx.now())) continue;
      await this.locks.run(candidate.id, async () => {
        const now = this.ctx.now();
        const conversation = await this.ctx.store.conversations.get(candidate.id);
        if (!conversation || !due(conversation, now)) return;
        const turn = await this.turnFor(conversation, undefined, outbox, now);
        await act(turn);
        await this.save(turn);
        done += 1;
      });
    }
    return done;
  }

  /** Waits for work in progress (before shutdown). */
  idle(): Promise<void> {
    return this.locks.idle();
  }

  private async onMessage(inbound: InboundMessage, outbox: Outbox): Promise<void> {
    if (inbound.relayOf) return this.onRelay(inbound, inbound.relayOf, outbox);
    const now = this.ctx.now();
    const text = inbound.text.trim();
    const linkCode = linkRequest(text);
    if (linkCode !== undefined) {
      await this.notice(outbox, inbound, await link(this.ctx, inbound.from, linkCode || undefined));
      return;
    }
    // Every message refreshes the sender's profile (display name, email), not just the first.
    if (!inbound.from.isAgent) await this.ctx.store.customers.upsert(inbound.from, now);
    const { conversation, fresh } = await this.openConversation(inbound, now);
    const turn = await this.turnFor(conversation, inbound.from, outbox, now);
    const fromCustomer = actorIsCustomer(turn);
    const fromAgent = inbound.from.isAgent && !fromCustomer;
    const said = withFiles(text, inbound.files);
    this.ctx.record(conversation, fromAgent ? 'agent' : 'customer', said, now, inbound.from.displayName);
    await this.ctx.event('message.received', conversation, { fromAgent, state: conversation.state });
    if (fresh) await this.ctx.event('conversation.opened', conversation, { question: text });

    if ((!text || asksNothingYet(text) || rejectsAnswer(text)?.details === '') && conversation.state === 'new') {
      // A bare mention (or only "hi" / "I have a question" / "thanks" / "how are you?", or "none of these" with
      // nothing offered yet): ask for the question and keep the thread open for it; an agent paged for "hi" would
      // find nothing to do.
      await this.ctx.toThread(turn, { kind: 'text', text: this.ctx.say(this.ctx.texts.greeting, { customer: turn.customer.displayName }) });
    } else if (conversation.state === 'handed_off' || (fromAgent && !fresh)) {
      // A person has this (or an agent is talking in the thread): the bot stays quiet, except to pass the
      // customer's words on to the agents when they cannot write where the customer is (a DM).
      if (conversation.state === 'handed_off' && !fromAgent) await relayToAgents(this.ctx, turn, said);
    } else if (['resolved', 'surveyed'].includes(conversation.state) && fromCustomer && (await rateTyped(this.ctx, turn, text))) {
      // the CES answer typed in the thread ("seven", "6/7") rather than pressed: taken, or the scale asked again
    } else if (conversation.state === 'resolved' || conversation.state === 'surveyed') {
      if (saysThanks(text) || !text) {
        await this.ctx.toThread(turn, { kind: 'text', text: this.ctx.texts.resolved.welcome });
      } else if (asksNothingYet(text)) {
        // the question that reopens the conversation is probably on its way
        await this.ctx.toThread(turn, { kind: 'text', text: this.ctx.say(this.ctx.texts.greeting, { customer: turn.customer.displayName }) });
      } else {
        reopen(conversation, text, now);
        await this.ctx.event('conversation.reopened', conversation, { round: conversation.round, question: text });
        await onCustomerMessage(this.ctx, turn, text);
      }
    } else {
      if (conversation.state === 'new' && !fresh) {
        // the question after a greeting ("hi", then this): it is what the conversation is about
        conversation.question = text;
        outbox.nameThread?.(conversation.thread, text);
      }
      await onCustomerMessage(this.ctx, turn, text);
    }
    if (!fromAgent) conversation.lastCustomerAt = now.toISOString();
    await this.save(turn);
  }

  /** An agent wrote in the relay thread of a direct-message conversation: pass it on to the customer. */
  private async onRelay(inbound: InboundMessage, conversationId: string, outbox: Outbox): Promise<void> {
    const conversation = await this.ctx.store.conversations.get(conversationId);
    if (!conversation) {
      // erased on request (customers forget): the agent learns their words went nowhere
      await this.notice(outbox, inbound, this.ctx.texts.refusals.unknown_conversation);
      return;
    }
    const turn = await this.turnFor(conversation, inbound.from, outbox, this.ctx.now());
    if (!inbound.from.isAgent) {
      // someone not (yet) set up as an agent must not believe the customer got their words
      await this.ctx.deliver(turn, { to: 'actor', person: inbound.from, thread: inbound.thread }, { kind: 'notice', text: this.ctx.say(this.ctx.texts.refusals.agents_only) });
      return;
    }
    const relayThread = { platform: inbound.thread.platform, channelId: inbound.thread.channelId, messageId: inbound.thread.threadId };
    await relayToCustomer(this.ctx, turn, withFiles(inbound.text.trim(), inbound.files), relayThread);
    await this.save(turn);
  }

  /** The thread's conversation, started (and added to the customer's profile) on first contact. */
  private async openConversation(inbound: InboundMessage, now: Date): Promise<{ conversation: Conversation; fresh: boolean }> {
    const existing = await this.ctx.store.conversations.get(conversationIdFor(inbound.thread));
    if (existing) return { conversation: existing, fresh: false };
    const person = await this.ctx.store.customers.upsert(inbound.from, now);
    const conversation = newConversation(inbound.thread, person, inbound.text.trim(), now);
    person.conversationIds.push(conversation.id);
    await this.ctx.store.customers.save(person);
    return { conversation, fresh: true };
  }

  private async onAction(inbound: InboundAction, outbox: Outbox): Promise<void> {
    // whether the conversation exists is no business of someone who may not act on it anyway
    if (AGENT_ACTIONS.has(inbound.action) && !inbound.from.isAgent) return this.notice(outbox, inbound, this.ctx.say(this.ctx.texts.refusals.agents_only));
    const conversation = await this.ctx.store.conversations.get(inbound.conversationId);
    if (!conversation) {
      await this.notice(outbox, inbound, this.ctx.texts.refusals.unknown_conversation);
      return;
    }
    const turn = await this.turnFor(conversation, inbound.from, outbox, this.ctx.now());
    const isCustomer = actorIsCustomer(turn);
    if (CUSTOMER_ACTIONS.has(inbound.action) && !isCustomer) {
      const refusal = inbound.action === 'rate' || inbound.action === 'comment' ? this.ctx.texts.survey.not_yours : this.ctx.texts.refusals.customer_only;
      return void (await this.ctx.toActor(turn, { kind: 'notice', text: refusal }));
    }
    const customerStep = ['solved', 'talk-to-person', 'choose', 'none-of-these'].includes(inbound.action);
    if (customerStep && !['answered', 'suggesting'].includes(conversation.state)) {
      await this.ctx.toActor(turn, { kind: 'notice', text: this.stateNotice(conversation) });
      return;
    }
    await ACTION_STEPS[inbound.action](this.ctx, turn, inbound.value);
    await this.save(turn);
  }

  private async onCommand(inbound: InboundCommand, outbox: Outbox): Promise<void> {
    if (inbound.name === 'link') {
      await this.notice(outbox, inbound, await link(this.ctx, inbound.from, inbound.args[0]));
      return;
    }
    if (inbound.name !== 'status' && !inbound.from.isAgent) return this.notice(outbox, inbound, this.ctx.say(this.ctx.texts.refusals.agents_only));
    const id = inbound.conversationId ?? (inbound.thread ? conversationIdFor(inbound.thread) : undefined);
    const conversation = id ? await this.ctx.store.conversations.get(id) : undefined;
    if (!conversation) {
      await this.notice(outbox, inbound, this.ctx.texts.refusals.no_conversation);
      return;
    }
    const turn = await this.turnFor(conversation, inbound.from, outbox, this.ctx.now());
    if (inbound.name === 'status') {
      await status(this.ctx, turn);
      return;
    }
    if (inbound.name === 'resolve') await agentResolve(this.ctx, turn);
    else if (inbound.name === 'claim') await agentClaim(this.ctx, turn);
    else await agentHandoff(this.ctx, turn, inbound.args[0]);
    await this.save(turn);
  }

  /** Something broke mid-turn: the person still hears back, and a customer's question goes to a person. */
  private async recover(inbound: Inbound, outbox: Outbox, error: unknown): Promise<void> {
    this.ctx.logger.error('engine failed to handle an event', {
      kind: inbound.kind,
      eventId: inbound.eventId,
      platform: inbound.from.platform,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    await this.ctx.store.events.append('error', { data: { stage: 'handle', kind: inbound.kind, error: String(error) } }).catch(() => undefined);
    const sorry = this.ctx.texts.errors.internal;
    try {
      if (inbound.kind !== 'message') return await this.notice(outbox, inbound, sorry);
      const now = this.ctx.now();
      const { conversation } = await this.openConversation(inbound, now);
      if (conversation.state === 'handed_off') return; // a person already has it; the bot stays quiet
      const turn = await this.turnFor(conversation, inbound.from, outbox, now);
      const said = withFiles(inbound.text.trim(), inbound.files);
      if (conversation.transcript.at(-1)?.text !== said) this.ctx.record(conversation, 'customer', said, now, inbound.from.displayName);
      await this.ctx.toThread(turn, { kind: 'text', text: sorry });
      await handOff(this.ctx, turn, 'bot-error');
      await this.save(turn);
    } catch (secondError) {
      this.ctx.logger.error('could not tell the person about the failure', { eventId: inbound.eventId, error: String(secondError) });
      if (inbound.thread) await outbox.send({ to: 'thread', thread: inbound.thread }, { kind: 'text', text: sorry }).catch(() => undefined);
    }
  }

  private async notice(outbox: Outbox, inbound: Inbound, text: string): Promise<void> {
    await outbox.send({ to: 'actor', person: inbound.from, thread: inbound.thread }, { kind: 'notice', text });
  }

  private stateNotice(conversation: Conversation): string {
    if (conversation.state === 'handed_off') return this.ctx.say(this.ctx.texts.handoff.waiting, { team: conversation.team });
    return this.ctx.texts.refusals.not_open;
  }

  private async turnFor(conversation: Conversation, actor: Turn['actor'] | undefined, outbox: Outbox, now: Date): Promise<Turn> {
    const customer = (await this.ctx.store.customers.get(conversation.customerId)) ?? (await this.ctx.store.customers.upsert(actor!, now));
    return { conversation, customer, actor: actor ?? customerAsPerson(conversation), outbox, now };
  }

  private async save(turn: Turn): Promise<void> {
    turn.conversation.updatedAt = turn.now.toISOString();
    turn.conversation.customerName = turn.customer.displayName;
    await this.ctx.store.conversations.save(turn.conversation);
    await this.ctx.store.customers.save(turn.customer);
  }
}

function customerAsPerson(conversation: Conversation) {
  const { platform, workspaceId } = conversation.thread;
  return { platform, workspaceId, id: conversation.customerId, displayName: conversation.customerName, isAgent: false };
}
