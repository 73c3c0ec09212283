import type { Conversation } from '../store/records.js';
import type { EngineContext, Turn } from './context.js';
import type { Button, ContextPacket, HandoffReason, PostedRef } from './types.js';
import { hhmm, isWithinHours, nextOpening } from './opening-hours.js';
import { fill } from './texts.js';

const RECENT_CONVERSATIONS = 5;

/**
 * Hands the conversation to a team: tells the customer in-thread who will take it, and posts the
 * context packet to that team's agents. From here the bot stays quiet in the thread.
 */
export async function handOff(
  ctx: EngineContext,
  turn: Turn,
  reason: HandoffReason,
  options: { team?: string; articleBody?: string } = {},
): Promise<void> {
  const conversation = turn.conversation;
  const team = options.team ?? conversation.team ?? ctx.settings.defaultTeam;
  conversation.state = 'handed_off';
  conversation.team = team;
  conversation.handoff = { reason, at: turn.now.toISOString(), team };

  const texts = ctx.texts.handoff;
  const direct = conversation.thread.isDirect === true;
  const notice = reason === 'article-requires-person' ? (direct ? texts.article_notice_direct : texts.article_notice) : direct ? texts.notice_direct : texts.notice;
  const text = [ctx.say(notice, { team }), afterHours(ctx, turn.now)].filter(Boolean).join(' ');
  await ctx.toThread(turn, { kind: 'handoff-notice', text, team, details: options.articleBody });

  const summary = await summarize(ctx, conversation, reason);
  conversation.handoff.summary = summary;
  const packet = await buildPacket(ctx, turn, { summary });
  conversation.handoff.packetRef = await ctx.deliver(turn, { to: 'agents', team, thread: conversation.thread }, {
    kind: 'context-packet',
    packet,
    buttons: packetButtons(ctx, conversation.id),
  });
  await openRelay(ctx, turn);
  await ctx.event('handoff', conversation, {
    reason,
    team,
    question: conversation.question,
    confidence: packet.confidence,
    tried: conversation.tried.map((t) => t.id),
  });
}

/** Outside SUPPORT_HOURS, when people are back ("… back on Monday at 09:00 (Europe/Berlin) …"); otherwise nothing. */
function afterHours(ctx: EngineContext, now: Date): string | undefined {
  const hours = ctx.settings.openingHours;
  if (!hours || isWithinHours(hours, now)) return undefined;
  const next = nextOpening(hours, now);
  if (!next) return undefined;
  const texts = ctx.texts.handoff;
  const when = { day: texts.weekdays[next.day], time: hhmm(next.minute) };
  // a week ahead is today's weekday again: "on Monday" would read as today
  const back = fill(next.daysAhead === 0 ? texts.back_today : next.daysAhead === 7 ? texts.back_next_week : texts.back_on, when);
  return ctx.say(texts.after_hours, { back, timezone: hours.timeZone });
}

/** An agent takes the conversation: the packet shows who, and the customer hears a person is on it. */
export async function claim(ctx: EngineContext, turn: Turn): Promise<void> {
  const handoff = turn.conversation.handoff;
  if (!handoff) return;
  const previous = handoff.assignee;
  handoff.assignee = { id: turn.actor.id, name: turn.actor.displayName ?? turn.actor.id };
  await ctx.update(turn, handoff.packetRef, {
    kind: 'context-packet',
    packet: await buildPacket(ctx, turn, { status: 'claimed' }),
    buttons: packetButtons(ctx, turn.conversation.id).filter((b) => b.action !== 'claim'),
  });
  await ctx.toThread(turn, { kind: 'text', text: ctx.say(ctx.texts.handoff.claimed, { agent: handoff.assignee.name, team: handoff.team }) });
  // taking over from a colleague is allowed (they may be away), but not without the taker knowing
  if (previous) await ctx.toActor(turn, { kind: 'notice', text: ctx.say(ctx.texts.handoff.taken_over, { agent: previous.name }) });
  await ctx.event('handoff.claimed', turn.conversation, { agent: handoff.assignee.name, team: handoff.team, ...(previous ? { takenOverFrom: previous.name } : {}) });
}

/** An agent passes the conversation to another team: the old packet says so, the new team gets a fresh one. */
export async function transfer(ctx: EngineContext, turn: Turn, team: string): Promise<void> {
  const previous = turn.conversation.handoff;
  if (previous) {
    await ctx.update(turn, previous.packetRef, {
      kind: 'context-packet',
      packet: await buildPacket(ctx, turn, { status: 'transferred', transferredTo: team }),
      buttons: [],
    });
  }
  const from = previous?.team;
  await handOffQuietly(ctx, turn, team);
  await ctx.toThread(turn, { kind: 'text', text: ctx.say(ctx.texts.handoff.transferred, { team }) });
  await ctx.event('handoff.transferred', turn.conversation, { from, to: team, agent: turn.actor.displayName ?? turn.actor.id });
}

async function handOffQuietly(ctx: EngineContext, turn: Turn, team: string): Promise<void> {
  const conversation = turn.conversation;
  const summary = conversation.handoff?.summary;
  conversation.state = 'handed_off';
  conversation.team = team;
  conversation.handoff = { reason: 'transferred', at: turn.now.toISOString(), team, summary };
  conversation.handoff.packetRef = await ctx.deliver(turn, { to: 'agents', team, thread: conversation.thread }, {
    kind: 'context-packet',
    packet: await buildPacket(ctx, turn, { summary }),
    buttons: packetButtons(ctx, conversation.id),
  });
  await openRelay(ctx, turn);
}

/**
 * Direct-message conversations: agents cannot write into someone else's DM with the bot, so on handoff the bot
 * opens a relay in the thread of the context packet and passes messages both ways. Only where the packet went
 * to an agents channel (without one it sits in the DM itself, and there is nothing to relay).
 */
export function relayTarget(turn: Turn): PostedRef | undefined {
  const { thread, handoff } = turn.conversation;
  const packet = handoff?.packetRef;
  if (!thread.isDirect || !packet || packet.channelId === thread.channelId) return undefined;
  return packet;
}

/**
 * Right after the packet: the relay thread says what it is for, and is remembered as this conversation's. The
 * DM remembers it too: where a DM is not one thread (Slack), what the customer writes there next belongs to it.
 */
async function openRelay(ctx: EngineContext, turn: Turn): Promise<void> {
  if (turn.conversation.thread.isDirect) await ctx.store.relays.handedOff(turn.conversation.thread, turn.conversation.id);
  const packet = relayTarget(turn);
  if (!packet) return;
  await ctx.store.relays.open(packet, turn.conversation.id);
  const customer = turn.customer.displayName;
  await ctx.deliver(turn, { to: 'relay', packet, open: ctx.say(ctx.texts.relay.thread_name, { customer }) }, { kind: 'text', text: ctx.say(ctx.texts.relay.intro, { customer }) });
}

/** The reminder quotes the question to jog memories; the packet has all of it (a long one would push the rest out). */
const REMINDER_QUESTION_MAX = 200;

const shortened = (text: string, max: number) => {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1).trimEnd()}…`;
};

/**
 * Nobody has claimed the handoff for a while: its team is pinged again where its packets go, once per handoff,
 * and the customer hears that they are not forgotten.
 */
export async function remindTeam(ctx: EngineContext, turn: Turn): Promise<void> {
  const { conversation } = turn;
  const handoff = conversation.handoff;
  if (!handoff) return;
  handoff.remindedAt = turn.now.toISOString();
  const minutes = Math.round((turn.now.getTime() - Date.parse(handoff.at)) / 60_000);
  const text = ctx.say(ctx.texts.handoff.reminder, { customer: turn.customer.displayName, waited: waitedFor(ctx, minutes), question: shortened(conversation.question, REMINDER_QUESTION_MAX), team: handoff.team, conversation: conversation.id });
  await ctx.deliver(turn, { to: 'agents', team: handoff.team, thread: conversation.thread }, { kind: 'reminder', text, team: handoff.team });
  await ctx.toThread(turn, { kind: 'text', text: ctx.say(ctx.texts.handoff.still_waiting, { team: handoff.team }) });
  await ctx.event('handoff.reminded', conversation, { team: handoff.team, minutes });
}

/** "31 min", "42 hours", "3 days": as long waits are usually said. */
function waitedFor(ctx: EngineContext, minutes: number): string {
  const texts = ctx.texts.handoff;
  if (minutes < 120) return fill(texts.waited_minutes, { n: minutes });
  if (minutes < 48 * 60) return fill(texts.waited_hours, { n: Math.round(minutes / 60) });
  return fill(texts.waited_days, { n: Math.round(minutes / 1440) });
}

export function packetButtons(ctx: EngineContext, conversationId: string): Button[] {
  return [
    { label: ctx.texts.buttons.claim, action: 'claim', conversationId, style: 'primary' },
    { label: ctx.texts.buttons.resolve, action: 'resolve', conversationId },
  ];
}

/** Everything an agent needs to take over without asking the customer to repeat themselves. */
export async function buildPacket(
  ctx: EngineContext,
  turn: Turn,
  overrides: Partial<Pick<ContextPacket, 'status' | 'transferredTo' | 'summary'>> = {},
): Promise<ContextPacket> {
  const packet = await packetContent(ctx, turn, overrides);
  const status = ctx.texts.handoff.status;
  const statusText = {
    waiting: status.waiting,
    claimed: fill(status.claimed, { agent: packet.assignee ?? 'an agent' }),
    transferred: fill(status.transferred, { team: packet.transferredTo ?? packet.team }),
    resolved: status.resolved,
  }[packet.status];
  return { ...packet, statusText, labels: ctx.texts.packet };
}

async function packetContent(
  ctx: EngineContext,
  turn: Turn,
  overrides: Partial<Pick<ContextPacket, 'status' | 'transferredTo' | 'summary'>>,
): Promise<Omit<ContextPacket, 'statusText' | 'labels'>> {
  const { conversation, customer } = turn;
  const handoff = conversation.handoff;
  const reason = handoff?.reason ?? 'no-match';
  const recent = [];
  for (const id of customer.conversationIds.filter((id) => id !== conversation.id).slice(-RECENT_CONVERSATIONS).reverse()) {
    const past = await ctx.store.conversations.get(id);
    if (past) recent.push({ question: past.question, state: past.state, at: past.updatedAt });
  }
  return {
    conversationId: conversation.id,
    team: handoff?.team ?? conversation.team ?? ctx.settings.defaultTeam,
    reason,
    reasonText: ctx.texts.handoff.reasons[reason],
    customer: {
      name: customer.displayName,
      platform: conversation.thread.platform,
      identities: customer.identities,
      conversations: customer.conversationIds.length,
      recent,
      lastCes: customer.lastCes,
    },
    question: conversation.question,
    transcript: conversation.transcript.slice(-20),
    tried: conversation.tried,
    confidence: Math.max(0, ...conversation.tried.map((t) => t.score)),
    summary: handoff?.summary,
    thread: conversation.thread,
    status: handoff?.assignee ? 'claimed' : 'waiting',
    assignee: handoff?.assignee?.name,
    ...overrides,
  };
}

async function summarize(ctx: EngineContext, conversation: Conversation, reason: HandoffReason): Promise<string | undefined> {
  if (!ctx.deps.summarizer) return undefined;
  try {
    return await ctx.deps.summarizer.summarize({
      conversationId: conversation.id,
      question: conversation.question,
      transcript: conversation.transcript,
      tried: conversation.tried,
      reason: ctx.texts.handoff.reasons[reason],
    });
  } catch (error) {
    ctx.logger.warn('handoff summary failed; the packet goes without it', { conversation: conversation.id, error: String(error) });
    return undefined;
  }
}
