import type { Store } from '../store/store.js';
import type { LoggedEvent, SurveyResponse } from '../store/records.js';
import { groupCes, round, summariseCes, type CesSummary } from './ces.js';

export interface Report {
  period: { since: string; until: string };
  ces: CesSummary;
  cesByArticle: Record<string, CesSummary>;
  cesByTeam: Record<string, CesSummary>;
  cesByPlatform: Record<string, CesSummary>;
  /** Conversation rounds started (first questions and reopened threads). */
  conversations: number;
  resolved: number;
  resolvedWithoutPerson: number;
  /** resolvedWithoutPerson / conversations. */
  deflection: number;
  handoffs: number;
  handoffsByReason: Record<string, number>;
  /**
   * How long handed-off customers waited for a person: from the handoff (or transfer) to the claim (or a
   * resolution without one). Still waiting = no agent yet by the end of the period; reminded = teams pinged again.
   */
  timeToClaim: { claimed: number; medianMinutes: number | null; p90Minutes: number | null; stillWaiting: number; reminded: number };
  /** Questions handed off because nothing in the knowledge base matched, most frequent first. */
  gaps: Array<{ question: string; count: number }>;
  llm: Array<{ day: string; calls: number; tokens: number }>;
}

const GAP_REASONS = new Set(['no-match', 'none-fit']);

export async function buildReport(store: Store, period: { since: Date; until: Date }): Promise<Report> {
  const events = await store.events.list(period);
  const responses: SurveyResponse[] = [];
  const since = period.since.toISOString();
  const until = period.until.toISOString();
  for await (const response of store.surveys.all()) if (response.at >= since && response.at < until) responses.push(response);

  const of = (type: LoggedEvent['type']) => events.filter((e) => e.type === type);
  const conversations = of('conversation.opened').length + of('conversation.reopened').length;
  const resolvedEvents = of('conversation.resolved');
  const resolvedWithoutPerson = resolvedEvents.filter((e) => e.data.handedOff === false).length;
  const handoffs = of('handoff');

  return {
    period: { since, until },
    ces: summariseCes(responses),
    cesByArticle: groupCes(responses, (r) => r.articleId, '(no article)'),
    cesByTeam: groupCes(responses, (r) => r.team, '(no team)'),
    cesByPlatform: groupCes(responses, (r) => r.platform, '(unknown)'),
    conversations,
    resolved: resolvedEvents.length,
    resolvedWithoutPerson,
    deflection: conversations ? round(resolvedWithoutPerson / conversations) : 0,
    handoffs: handoffs.length,
    handoffsByReason: countBy(handoffs, (e) => String(e.data.reason)),
    timeToClaim: timeToClaim(events),
    gaps: knowledgeGaps(handoffs.filter((e) => GAP_REASONS.has(String(e.data.reason)))),
    llm: llmUsage(of('llm.call')),
  };
}

const WAIT_STARTS = new Set(['handoff', 'handoff.transferred']);
const WAIT_ENDS = new Set(['handoff.claimed', 'conversation.resolved']);

function timeToClaim(events: LoggedEvent[]): Report['timeToClaim'] {
  const waitingSince = new Map<string, number>();
  const waits: number[] = [];
  for (const event of events) {
    const id = event.conversationId;
    if (!id) continue;
    if (WAIT_STARTS.has(event.type)) waitingSince.set(id, Date.parse(event.at));
    else if (event.type === 'conversation.erased') waitingSince.delete(id); // nobody waits in a deleted conversation
    else if (WAIT_ENDS.has(event.type) && waitingSince.has(id)) {
      waits.push((Date.parse(event.at) - waitingSince.get(id)!) / 60_000);
      waitingSince.delete(id);
    }
  }
  waits.sort((a, b) => a - b);
  const at = (q: number) => (waits.length ? round(waits[Math.min(waits.length - 1, Math.ceil(q * waits.length) - 1)]!) : null);
  return { claimed: waits.length, medianMinutes: at(0.5), p90Minutes: at(0.9), stillWaiting: waitingSince.size, reminded: events.filter((e) => e.type === 'handoff.reminded').length };
}

function knowledgeGaps(handoffs: LoggedEvent[]): Report['gaps'] {
  const byKey = new Map<string, { question: string; count: number }>();
  for (const event of handoffs) {
    const question = String(event.data.question ?? '').trim();
    if (!question) continue;
    const key = question.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    const entry = byKey.get(key) ?? { question, count: 0 };
    entry.count += 1;
    byKey.set(key, entry);
  }
  return [...byKey.values()].sort((a, b) => b.count - a.count || a.question.localeCompare(b.question));
}

function llmUsage(calls: LoggedEvent[]): Report['llm'] {
  const days = new Map<string, { day: string; calls: number; tokens: number }>();
  for (const call of calls) {
    const day = call.at.slice(0, 10);
    const entry = days.get(day) ?? { day, calls: 0, tokens: 0 };
    entry.calls += 1;
    entry.tokens += Number(call.data.totalTokens ?? 0) || 0;
    days.set(day, entry);
  }
  return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}
