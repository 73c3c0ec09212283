import type { ResolvedBy } from '../store/records.js';
import type { EngineContext, Turn } from './context.js';
import { buildPacket } from './handoff.js';
import { readRating } from './rating.js';
import type { Button, Reply } from './types.js';

/**
 * Ends the current round. Customer "Solved" and agent Resolve always ask the CES question once;
 * an inactivity timeout asks only when AUTO_RESOLVE_SURVEY is on.
 */
export async function resolve(ctx: EngineContext, turn: Turn, by: ResolvedBy): Promise<void> {
  const conversation = turn.conversation;
  const byName = by === 'agent' ? (turn.actor.displayName ?? turn.actor.id) : undefined;
  conversation.state = 'resolved';
  conversation.resolution = { at: turn.now.toISOString(), by, byName };

  const handoff = conversation.handoff;
  if (handoff?.packetRef) {
    await ctx.update(turn, handoff.packetRef, { kind: 'context-packet', packet: await buildPacket(ctx, turn, { status: 'resolved' }), buttons: [] });
  }
  const text =
    by === 'customer' ? ctx.texts.resolved.by_customer : by === 'agent' ? ctx.say(ctx.texts.resolved.by_agent, { agent: byName }) : ctx.texts.resolved.by_timeout;
  await ctx.toThread(turn, { kind: 'text', text: ctx.say(text) });
  await ctx.event('conversation.resolved', conversation, { by, team: conversation.team, handedOff: Boolean(handoff), round: conversation.round });

  if (by !== 'timeout' || ctx.settings.autoResolveSurvey) await askSurvey(ctx, turn);
}

/** The CES 2.0 question, once per round, as a 1–7 scale. */
async function askSurvey(ctx: EngineContext, turn: Turn): Promise<void> {
  const conversation = turn.conversation;
  if (conversation.survey?.round === conversation.round) return;
  conversation.survey = { round: conversation.round, askedAt: turn.now.toISOString() };
  conversation.survey.ref = await ctx.toThread(turn, surveyReply(ctx, turn));
  await ctx.event('survey.asked', conversation, { round: conversation.round });
}

export function surveyReply(ctx: EngineContext, turn: Turn): Reply & { kind: 'survey' } {
  const { conversation, customer } = turn;
  const scale = ctx.texts.survey.scale.map((label, i) => ({ value: i + 1, label }));
  const buttons: Button[] = scale.map((point) => ({
    label: String(point.value),
    action: 'rate',
    conversationId: conversation.id,
    value: `${conversation.round}:${point.value}`,
  }));
  return {
    kind: 'survey',
    intro: ctx.say(ctx.texts.survey.intro, { customer: customer.displayName }),
    question: ctx.say(ctx.texts.survey.question),
    scale,
    buttons,
    conversationId: conversation.id,
  };
}

/** A CES answer: only from the conversation's customer, once per round; low scores alert the agents. */
export async function rate(ctx: EngineContext, turn: Turn, value: string | undefined): Promise<void> {
  const { conversation, customer } = turn;
  const [roundText, scoreText] = (value ?? '').split(':');
  const round = Number(roundText);
  const score = Number(scoreText);
  if (!Number.isInteger(score) || score < 1 || score > 7 || !Number.isInteger(round)) {
    await ctx.toActor(turn, { kind: 'notice', text: ctx.texts.refusals.unknown_conversation });
    return;
  }
  if (round !== conversation.round || round !== conversation.survey?.round) {
    await ctx.toActor(turn, { kind: 'notice', text: ctx.texts.survey.expired });
    return;
  }
  if (await ctx.store.surveys.get(conversation.id, round)) {
    await ctx.toActor(turn, { kind: 'notice', text: ctx.texts.survey.already_answered });
    return;
  }
  const label = ctx.texts.survey.scale[score - 1] ?? '';
  const at = turn.now.toISOString();
  await ctx.store.surveys.save({
    conversationId: conversation.id,
    round,
    customerId: customer.id,
    score,
    platform: conversation.thread.platform,
    team: conversation.team,
    articleId: conversation.answeredArticleId,
    resolvedBy: conversation.resolution?.by ?? 'customer',
    at,
  });
  customer.lastCes = { score, at };
  conversation.state = 'surveyed';
  conversation.survey.answeredAt = at;
  await ctx.event('survey.answered', conversation, { round, score, team: conversation.team, articleId: conversation.answeredArticleId });

  const low = score <= ctx.settings.lowScore;
  if (low) {
    // First, so platforms that must open a dialog as the very first response to a click can do so.
    await ctx.toActor(turn, {
      kind: 'comment-request',
      title: ctx.texts.survey.comment_title,
      prompt: ctx.texts.survey.comment_prompt,
      send: ctx.texts.survey.comment_send,
      skip: ctx.texts.survey.comment_skip,
      conversationId: conversation.id,
      value: String(round),
    });
  }
  await ctx.update(turn, conversation.survey.ref, {
    kind: 'notice',
    text: `${ctx.say(ctx.texts.survey.question)}\n${ctx.say(ctx.texts.survey.answered, { customer: customer.displayName, score, label })}`,
  });
  await ctx.toActor(turn, { kind: 'notice', text: ctx.say(low ? ctx.texts.survey.thanks_low : ctx.texts.survey.thanks, { score }) });
  if (low) await alert(ctx, turn, score);
}

/**
 * A message after the CES question that answers it ("seven", "6/7", "Strongly agree") counts as pressing that
 * button; a number off the scale ("8", "10/10") gets the scale again rather than opening a new question.
 * Returns false when the message is no rating, so it is handled as any other message.
 */
export async function rateTyped(ctx: EngineContext, turn: Turn, text: string): Promise<boolean> {
  const { conversation } = turn;
  const rating = conversation.survey?.round === conversation.round ? readRating(text, ctx.texts.survey.scale) : undefined;
  if (rating === undefined) return false;
  if (rating !== 'unclear') await rate(ctx, turn, `${conversation.round}:${rating}`);
  else await ctx.toActor(turn, { kind: 'notice', text: ctx.say(conversation.survey?.answeredAt ? ctx.texts.survey.already_answered : ctx.texts.survey.scale_reminder) });
  return true;
}

async function alert(ctx: EngineContext, turn: Turn, score: number, comment?: string): Promise<void> {
  const conversation = turn.conversation;
  const team = conversation.team ?? ctx.settings.defaultTeam;
  const reply = await alertReply(ctx, turn, score, comment);
  if (conversation.survey?.alertRef) {
    await ctx.update(turn, conversation.survey.alertRef, reply);
    return;
  }
  const ref = await ctx.deliver(turn, { to: 'agents', team, thread: conversation.thread }, reply);
  if (conversation.survey) conversation.survey.alertRef = ref;
  await ctx.event('survey.low_score_alert', conversation, { score, team });
}

async function alertReply(ctx: EngineContext, turn: Turn, score: number, comment?: string): Promise<Reply> {
  const team = turn.conversation.team ?? ctx.settings.defaultTeam;
  const label = ctx.texts.survey.scale[score - 1] ?? '';
  // a round the bot settled alone never reached the team, so "after talking to the team" would mislead;
  // an agent who resolved it (even without a handoff) did talk to the customer
  const people = turn.conversation.handoff || turn.conversation.resolution?.by === 'agent';
  const wording = people ? ctx.texts.survey.alert : ctx.texts.survey.alert_bot_only;
  return {
    kind: 'alert',
    text: ctx.say(wording, { customer: turn.customer.displayName, score, label, team }),
    packet: await buildPacket(ctx, turn, { status: 'resolved' }),
    score,
    comment,
  };
}

/** The optional comment after a low score: stored with the answer and added to the agents' alert. */
export async function comment(ctx: EngineContext, turn: Turn, value: string | undefined): Promise<void> {
  const conversation = turn.conversation;
  const split = (value ?? '').indexOf(':');
  const round = Number((value ?? '').slice(0, split));
  const text = (value ?? '').slice(split + 1).trim().slice(0, 3000);
  const response = split > 0 ? await ctx.store.surveys.get(conversation.id, round) : undefined;
  if (!response) {
    await ctx.toActor(turn, { kind: 'notice', text: ctx.texts.survey.expired });
    return;
  }
  if (!text) return;
  response.comment = text;
  await ctx.store.surveys.save(response);
  await ctx.event('survey.comment', conversation, { round, score: response.score, comment: text });
  if (response.score <= ctx.settings.lowScore) await alert(ctx, turn, response.score, text);
  await ctx.toActor(turn, { kind: 'notice', text: ctx.texts.survey.comment_thanks });
}
