import type { Article } from '../knowledge/article.js';
import type { Candidate, MatchResult } from '../matching/types.js';
import { actorIsCustomer, type EngineContext, type Turn } from './context.js';
import { handOff } from './handoff.js';
import { asksForPerson, choiceNamed, rejectsAnswer, saysThanks, saysYes, soundsFrustrated, typedChoice } from './intents.js';
import { resolve } from './survey.js';
import type { Button, TriedArticle } from './types.js';

const MAX_CHOICES = 3;
/** Below this confidence an article is no lead for the agents either: not listed as considered. */
const CONSIDERED_FLOOR = 0.05;
const LLM_CANDIDATES = 4;

/**
 * A customer's message in an open (not handed-off) conversation: a person on request or on frustration,
 * otherwise the best the knowledge base has — one answer, a few choices, or a handoff.
 */
export async function onCustomerMessage(ctx: EngineContext, turn: Turn, text: string): Promise<void> {
  const conversation = turn.conversation;
  // "thanks" (even "THANKS!!!") after an answer, or after choices whose links they followed; "yes" to choices picks one
  if ((conversation.state === 'answered' || (conversation.state === 'suggesting' && !saysYes(text))) && saysThanks(text)) return solved(ctx, turn);
  if (asksForPerson(text)) return handOff(ctx, turn, 'asked-for-person', { team: await likelyTeam(ctx, turn, text) });
  if (soundsFrustrated(text)) return handOff(ctx, turn, 'frustrated', { team: await likelyTeam(ctx, turn, text) });
  // like the choice buttons, a typed pick is the asking customer's: someone else's "2" in the thread is searched
  const picked = actorIsCustomer(turn) && conversation.state === 'suggesting' ? typedPick(ctx, conversation, text) : undefined;
  if (picked !== undefined) return pickTyped(ctx, turn, picked);
  const rejection = conversation.state === 'answered' || conversation.state === 'suggesting' ? rejectsAnswer(text) : undefined;
  // "still nothing" to the choices is "None of these"; "none of these, I need X" also searches for X, never
  // offering those choices again
  if (rejection && conversation.state === 'suggesting') {
    if (!rejection.details) return noneFit(ctx, turn);
    rejectSuggestions(conversation);
    if (failedTooOften(ctx, conversation)) return handOff(ctx, turn, 'none-fit', { team: offeredTeam(ctx, conversation) });
  }
  if (rejection && conversation.state === 'answered') {
    rejectAnswer(conversation);
    // with nothing more to search with ("that didn't help"), another search would only guess
    if (failedTooOften(ctx, conversation) || !rejection.details) return handOff(ctx, turn, 'not-helped');
  }

  // what is left after the complaint ("didn't work, I'm on the mobile app") is what to search with
  const asked = rejection?.details || text;
  let result = await ctx.deps.matcher.match(asked);
  // A short follow-up ("on the mobile app", "it says my link expired") often only makes sense with the question
  // before it: taken together when alone it matches nothing, or when together they point at the article just
  // sent (a weak match elsewhere is then a guess: the customer is still on the same topic).
  let sameTopic = false;
  if (result.decision.kind !== 'answer' && conversation.state !== 'new' && asked !== conversation.question) {
    const combined = await ctx.deps.matcher.match(`${conversation.question} ${asked}`);
    // with the question before it, the follow-up still points first at the article just sent (even if only as a
    // suggestion: "I can't log in" + "it says my link expired")
    sameTopic = conversation.state === 'answered' && combined.decision.kind !== 'handoff' && combined.candidates[0]?.article.id === conversation.answeredArticleId;
    if (result.decision.kind === 'handoff' ? combined.decision.kind !== 'handoff' : sameTopic) result = combined;
  }
  // asked again and the same article fits: it did not do the job the first time, so sending it again won't
  const askedAgain = result.decision.kind === 'answer' && result.decision.article.id === conversation.answeredArticleId;
  if (!rejection && conversation.state === 'answered' && (sameTopic || askedAgain)) {
    rejectAnswer(conversation);
    if (failedTooOften(ctx, conversation)) return handOff(ctx, turn, 'not-helped');
  }
  await respond(ctx, turn, result);
}

/** Turns a match into a reply, never repeating an article the customer already said did not help. */
async function respond(ctx: EngineContext, turn: Turn, result: MatchResult): Promise<void> {
  const conversation = turn.conversation;
  const rejected = new Set(conversation.tried.filter((t) => t.outcome === 'rejected').map((t) => t.id));
  const fresh = result.candidates.filter((c) => !rejected.has(c.article.id));
  const decision = result.decision;

  if (decision.kind === 'answer' && decision.article.handoff) return requiresPerson(ctx, turn, decision.article, decision.score);
  if (ctx.deps.answerer && fresh.length > 0 && decision.kind !== 'handoff') {
    if (await answerWithLlm(ctx, turn, fresh)) return;
  }
  if (decision.kind === 'answer' && !rejected.has(decision.article.id)) return answer(ctx, turn, decision.article, decision.score);

  // with the answer rejected, the runners-up are offered only if they are worth suggesting on their own
  const runnersUp = fresh.filter((c) => c.score >= ctx.deps.matcher.thresholds.suggest);
  const choices = decision.kind === 'handoff' ? [] : (decision.kind === 'suggest' ? decision.candidates : runnersUp).filter((c) => !rejected.has(c.article.id));
  if (choices.length > 0) return suggest(ctx, turn, choices.slice(0, MAX_CHOICES));

  // the closest articles, for the agents: never shown to the customer, and only those with some chance of fitting
  for (const candidate of result.candidates.slice(0, MAX_CHOICES)) {
    if (candidate.score >= CONSIDERED_FLOOR) remember(conversation.tried, candidate.article, candidate.score, 'considered');
  }
  const topTeam = result.candidates[0]?.article.team;
  return handOff(ctx, turn, conversation.tried.some((t) => t.outcome === 'rejected') ? 'not-helped' : 'no-match', {
    team: topTeam && (result.candidates[0]?.score ?? 0) > 0.3 ? topTeam : undefined,
  });
}

export async function answer(ctx: EngineContext, turn: Turn, article: Article, score: number): Promise<void> {
  if (article.handoff) return requiresPerson(ctx, turn, article, score);
  const conversation = turn.conversation;
  conversation.state = 'answered';
  conversation.answeredArticleId = article.id;
  conversation.team = article.team;
  remember(conversation.tried, article, score, 'answered');
  await ctx.toThread(turn, {
    kind: 'answer',
    intro: ctx.say(ctx.texts.answer.intro),
    title: article.title,
    body: article.body,
    citations: [{ id: article.id, title: article.title, url: article.url }],
    sourceLabel: ctx.texts.answer.source,
    buttons: answerButtons(ctx, conversation.id),
    footer: ctx.say(ctx.texts.answer.footer),
  });
  await ctx.event('answer.sent', conversation, { articleId: article.id, score, question: conversation.question });
}

async function answerWithLlm(ctx: EngineContext, turn: Turn, candidates: Candidate[]): Promise<boolean> {
  const conversation = turn.conversation;
  const grounded = await ctx.deps.answerer!.answer({
    conversationId: conversation.id,
    question: lastCustomerText(turn) ?? conversation.question,
    history: conversation.transcript.slice(-8),
    candidates: candidates.slice(0, LLM_CANDIDATES),
  }).catch(() => undefined);
  const first = grounded?.citations[0];
  if (!grounded || !first) return false;
  if (grounded.citations.some((a) => a.handoff)) {
    const cited = grounded.citations.find((a) => a.handoff)!;
    await requiresPerson(ctx, turn, cited, candidates.find((c) => c.article.id === cited.id)?.score ?? 0);
    return true;
  }
  conversation.state = 'answered';
  conversation.answeredArticleId = first.id;
  conversation.team = first.team;
  for (const article of grounded.citations) remember(conversation.tried, article, candidates.find((c) => c.article.id === article.id)?.score ?? 0, 'answered');
  await ctx.toThread(turn, {
    kind: 'answer',
    intro: ctx.say(ctx.texts.answer.llm_intro),
    title: first.title,
    body: grounded.text,
    citations: grounded.citations.map((a) => ({ id: a.id, title: a.title, url: a.url })),
    sourceLabel: grounded.citations.length > 1 ? ctx.texts.answer.sources : ctx.texts.answer.source,
    buttons: answerButtons(ctx, conversation.id),
    footer: ctx.say(ctx.texts.answer.footer),
  });
  await ctx.event('answer.sent', conversation, { articleId: first.id, cited: grounded.citations.map((a) => a.id), llm: true, question: conversation.question });
  return true;
}

async function suggest(ctx: EngineContext, turn: Turn, choices: Candidate[], intro?: string): Promise<void> {
  const conversation = turn.conversation;
  conversation.state = 'suggesting';
  conversation.offeredIds = choices.map((c) => c.article.id);
  for (const choice of choices) remember(conversation.tried, choice.article, choice.score, 'suggested');
  const buttons: Button[] = choices.map((c) => ({ label: c.article.title, action: 'choose', conversationId: conversation.id, value: c.article.id }));
  buttons.push({ label: ctx.texts.buttons.none_of_these, action: 'none-of-these', conversationId: conversation.id });
  await ctx.toThread(turn, {
    kind: 'suggestions',
    text: intro ?? ctx.say(choices.length === 1 ? ctx.texts.suggest.intro_one : ctx.texts.suggest.intro),
    choices: choices.map((c) => ({ id: c.article.id, title: c.article.title, url: c.article.url, score: c.score })),
    buttons,
  });
  await ctx.event('suggestions.sent', conversation, { articleIds: choices.map((c) => c.article.id), question: conversation.question });
}

/** The customer picked one of the suggestions. */
export async function choose(ctx: EngineContext, turn: Turn, articleId: string | undefined): Promise<void> {
  const article = articleId ? ctx.deps.knowledge().byId.get(articleId) : undefined;
  if (!article) return handOff(ctx, turn, 'none-fit');
  const score = turn.conversation.tried.find((t) => t.id === article.id)?.score ?? 0;
  await answer(ctx, turn, article, score);
}

/**
 * A choice typed rather than pressed: its number, a word of its title ("the refund one"), or "yes" when there
 * was one choice (0 for a "yes" to several: which one?). Undefined when the message is something else.
 */
function typedPick(ctx: EngineContext, conversation: Turn['conversation'], text: string): number | undefined {
  const offered = offeredArticles(ctx, conversation);
  if (offered.length === 0) return undefined; // choices offered before the list was kept: the message is searched
  if (saysYes(text)) return offered.length === 1 ? 1 : 0;
  return typedChoice(text) ?? choiceNamed(text, offered.map((a) => a?.title ?? ''));
}

/**
 * The articles of the choices last offered, at the positions shown (undefined where a knowledge edit has
 * removed one since), so a typed "2" still means the second one listed.
 */
function offeredArticles(ctx: EngineContext, conversation: Turn['conversation']): Array<Article | undefined> {
  const knowledge = ctx.deps.knowledge();
  return (conversation.offeredIds ?? []).map((id) => knowledge.byId.get(id));
}

/**
 * The customer typed a choice's number instead of pressing it: that choice, or, for a number not on the
 * list (0 for a "yes" to several), the same choices again with how to pick one (searching for "4" would only guess).
 */
async function pickTyped(ctx: EngineContext, turn: Turn, position: number): Promise<void> {
  const offered = offeredArticles(ctx, turn.conversation);
  // on the list: that choice (one a knowledge edit has removed since is handed off, as a press of it would be)
  if (position >= 1 && position <= offered.length) return choose(ctx, turn, offered[position - 1]?.id);
  const choices = offered.flatMap((article) => (article ? [{ article, score: turn.conversation.tried.find((t) => t.id === article.id)?.score ?? 0 }] : []));
  if (choices.length === 0) return handOff(ctx, turn, 'none-fit');
  const pick = choices.length === 1 ? ctx.say(ctx.texts.suggest.pick_one) : ctx.say(ctx.texts.suggest.pick, { count: String(choices.length) });
  await suggest(ctx, turn, choices, pick);
}

/** None of the suggestions fit: the bot has nothing better, so a person takes it. */
export async function noneFit(ctx: EngineContext, turn: Turn): Promise<void> {
  rejectSuggestions(turn.conversation);
  await handOff(ctx, turn, 'none-fit', { team: offeredTeam(ctx, turn.conversation) });
}

/** The team every offered choice belongs to, if they agree: the question was most likely that team's business. */
function offeredTeam(ctx: EngineContext, conversation: Turn['conversation']): string | undefined {
  const teams = new Set(offeredArticles(ctx, conversation).map((a) => a?.team));
  const [team] = teams;
  return teams.size === 1 ? team : undefined;
}

/** The customer said the choices offered did not fit: one failure, and none of them is offered again. */
function rejectSuggestions(conversation: Turn['conversation']): void {
  for (const tried of conversation.tried) if (tried.outcome === 'suggested') tried.outcome = 'rejected';
  conversation.failures += 1;
}

/** The answer just given did not help: one failure, and that article is not sent again. */
function rejectAnswer(conversation: Turn['conversation']): void {
  markRejected(conversation.tried, conversation.answeredArticleId);
  conversation.failures += 1;
}

const failedTooOften = (ctx: EngineContext, conversation: Turn['conversation']) => conversation.failures >= ctx.settings.handoffAfterFailures;

/** Customer pressed "Solved". */
export const solved = (ctx: EngineContext, turn: Turn) => resolve(ctx, turn, 'customer');

/** Customer pressed "Talk to a person" (the answer did not help). */
export async function talkToPerson(ctx: EngineContext, turn: Turn): Promise<void> {
  markRejected(turn.conversation.tried, turn.conversation.answeredArticleId);
  await handOff(ctx, turn, turn.conversation.state === 'answered' ? 'not-helped' : 'asked-for-person');
}

async function requiresPerson(ctx: EngineContext, turn: Turn, article: Article, score: number): Promise<void> {
  remember(turn.conversation.tried, article, score, 'handed-off');
  await handOff(ctx, turn, 'article-requires-person', { team: article.team, articleBody: article.body });
}

/**
 * Which team a person-request belongs to: the conversation's team so far, else the team of the article the
 * words point at ("a human about my invoice" → billing), when the match is at least worth suggesting.
 */
async function likelyTeam(ctx: EngineContext, turn: Turn, text: string): Promise<string | undefined> {
  if (turn.conversation.team) return turn.conversation.team;
  const question = turn.conversation.question && turn.conversation.question !== text ? `${turn.conversation.question} ${text}` : text;
  const result = await ctx.deps.matcher.match(question);
  const best = result.candidates[0];
  return best && best.score >= ctx.deps.matcher.thresholds.suggest ? best.article.team : undefined;
}

function answerButtons(ctx: EngineContext, conversationId: string): Button[] {
  return [
    { label: ctx.texts.buttons.solved, action: 'solved', conversationId, style: 'primary' },
    { label: ctx.texts.buttons.talk_to_person, action: 'talk-to-person', conversationId },
  ];
}

function remember(tried: TriedArticle[], article: Article, score: number, outcome: TriedArticle['outcome']): void {
  const existing = tried.find((t) => t.id === article.id);
  if (existing) {
    // what the customer saw (or said) outranks what the bot only considered
    if (existing.outcome !== 'rejected' && outcome !== 'considered') existing.outcome = outcome;
    existing.score = Math.max(existing.score, score);
    return;
  }
  tried.push({ id: article.id, title: article.title, url: article.url, score: round(score), outcome });
}

function markRejected(tried: TriedArticle[], articleId: string | undefined): void {
  const entry = tried.find((t) => t.id === articleId);
  if (entry) entry.outcome = 'rejected';
}

function lastCustomerText(turn: Turn): string | undefined {
  return [...turn.conversation.transcript].reverse().find((l) => l.from === 'customer')?.text;
}

const round = (n: number) => Math.round(n * 1000) / 1000;
