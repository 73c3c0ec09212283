import type { CesSummary } from './ces.js';
import type { Report } from './build-report.js';
import { counted } from '../plural.js';

const pct = (x: number) => `${Math.round(x * 100)}%`;
const signedPct = (x: number) => `${x > 0 ? '+' : ''}${Math.round(x * 100)}`;
const ces = (c: CesSummary) => (c.count ? `${counted(c.count, 'answer')}, mean ${c.mean.toFixed(2)}, agree ${pct(c.agree)}, net effort ${signedPct(c.net)}` : 'no answers');

/** The period's end is exclusive (midnight after --until): the header names the last day it includes. */
const lastDay = (until: string) => new Date(Date.parse(until) - 1).toISOString().slice(0, 10);

export function formatReport(report: Report): string {
  const lines = [
    `threadline report ${report.period.since.slice(0, 10)} → ${lastDay(report.period.until)} (UTC)`,
    '',
    `CES (1–7, "made it easy for me to handle my issue"): ${ces(report.ces)}`,
    '  agree = share of 5–7; net effort = share of 6–7 minus share of 1–3, in points',
    ...section('by team', report.cesByTeam),
    ...section('by platform', report.cesByPlatform),
    ...section('by article', report.cesByArticle),
    '',
    `Conversations: ${report.conversations}; resolved: ${report.resolved}; resolved without a person: ${report.resolvedWithoutPerson}`,
    `Deflection (resolved without a person / conversations): ${pct(report.deflection)}`,
    `Handoffs: ${report.handoffs}${Object.keys(report.handoffsByReason).length ? ` (${Object.entries(report.handoffsByReason).map(([r, n]) => `${r} ${n}`).join(', ')})` : ''}`,
    `Time to claim a handoff: ${waiting(report.timeToClaim)}`,
    '',
    'Knowledge gaps (handed off because nothing matched or no suggestion fitted), most frequent first:',
    ...(report.gaps.length ? report.gaps.slice(0, 20).map((g) => `  ${String(g.count).padStart(3)} × ${g.question}`) : ['  none']),
  ];
  if (report.llm.length) {
    lines.push('', 'LLM usage per day:', ...report.llm.map((d) => `  ${d.day}: ${counted(d.calls, 'call')}, ${counted(d.tokens, 'token')}`));
  }
  return lines.join('\n');
}

function waiting(t: Report['timeToClaim']): string {
  const minutes = (m: number) => (m < 120 ? `${Math.round(m)} min` : `${(m / 60).toFixed(1)} h`);
  const taken = t.medianMinutes === null || t.p90Minutes === null ? 'none claimed' : `median ${minutes(t.medianMinutes)}, 90% within ${minutes(t.p90Minutes)} (${t.claimed} claimed)`;
  return `${taken}; still waiting: ${t.stillWaiting}; reminders sent: ${t.reminded}`;
}

function section(title: string, groups: Record<string, CesSummary>): string[] {
  const entries = Object.entries(groups);
  if (!entries.length) return [];
  const width = Math.max(...entries.map(([k]) => k.length));
  return [`  ${title}:`, ...entries.map(([k, c]) => `    ${k.padEnd(width)}  ${ces(c)}`)];
}
