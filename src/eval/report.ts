import { formatProblem, type KnowledgeProblem } from '../knowledge/problems.js';
import type { Thresholds } from '../matching/types.js';
import type { EvalFigures, QualityFigures } from './metrics.js';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const ms = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(0)} ms`;
const MAX_PROBLEMS_SHOWN = 10;

export const formatThresholds = (t: Thresholds) =>
  `answer ≥ ${t.answer.toFixed(3)}, margin ≥ ${t.margin.toFixed(2)}, suggest ≥ ${t.suggest.toFixed(3)}`;

/** Knowledge problems as warnings: eval measures what is loadable and goes on. */
export function formatWarnings(problems: readonly KnowledgeProblem[], unknownIds: readonly string[]): string[] {
  const lines = problems.slice(0, MAX_PROBLEMS_SHOWN).map((p) => `warning: ${formatProblem(p)}`);
  if (problems.length > MAX_PROBLEMS_SHOWN) lines.push(`warning: … and ${problems.length - MAX_PROBLEMS_SHOWN} more knowledge problems (run "threadline kb check" on the folder)`);
  if (unknownIds.length) lines.push(`warning: cases expect articles that are not loaded (counted as misses): ${unknownIds.join(', ')}`);
  return lines;
}

/** The human-readable figures, one per line; `decisionsOnly` keeps the ones that depend on thresholds. */
export function formatFigures(f: EvalFigures, q: QualityFigures, { decisionsOnly = false } = {}): string[] {
  const oos = f.oosCases ? pct(f.oosRecall) : 'n/a (no out-of-scope cases)';
  const decisions = [
    `  answer rate (in scope)   ${pct(f.answerRate)}`,
    `  answered precision       ${pct(f.answeredPrecision)}${f.oosCases ? ` (over all answers, out-of-scope ones counting as wrong: ${pct(q.allAnswersPrecision)})` : ''}`,
    `  out-of-scope recall      ${oos}`,
  ];
  if (decisionsOnly) return decisions;
  return [
    `  in-scope top-1 accuracy  ${pct(f.inScopeAccuracy)}`,
    `  in-scope top-3 accuracy  ${pct(f.top3Accuracy)}`,
    ...decisions,
    `  load time                ${ms(f.loadMs)}`,
    `  match latency p50 / p99  ${ms(f.p50Ms)} / ${ms(f.p99Ms)}`,
    `  peak RSS                 ${f.peakRssMb.toFixed(0)} MB`,
  ];
}
