import { isConfident } from '../matching/decide.js';
import type { Thresholds } from '../matching/types.js';
import type { CaseOutcome } from './run-eval.js';

/** The figures `threadline eval --json` prints, exactly these keys (fractions 0–1, times in ms). */
export interface EvalFigures {
  articles: number;
  cases: number;
  inScopeCases: number;
  oosCases: number;
  inScopeAccuracy: number;
  top3Accuracy: number;
  answerRate: number;
  answeredPrecision: number;
  oosRecall: number;
  loadMs: number;
  p50Ms: number;
  p99Ms: number;
  peakRssMb: number;
}

/** Decision-dependent figures; every fraction is 0 when it has nothing to count. */
export interface QualityFigures {
  inScopeAccuracy: number;
  top3Accuracy: number;
  /** In-scope cases answered (not suggested, not handed off) / in-scope cases. */
  answerRate: number;
  /** In-scope cases answered with the expected article / in-scope cases answered (issue 3's definition). */
  answeredPrecision: number;
  /** Stricter: right answers / all answers, an answer to an out-of-scope case counting as wrong. */
  allAnswersPrecision: number;
  /** Out-of-scope cases not answered / out-of-scope cases. */
  oosRecall: number;
}

const ratio = (n: number, d: number) => (d === 0 ? 0 : n / d);

export function quality(outcomes: readonly CaseOutcome[], thresholds: Thresholds): QualityFigures {
  let inScope = 0, top1 = 0, top3 = 0, answeredIn = 0, rightAnswers = 0, oos = 0, oosAnswered = 0;
  for (const o of outcomes) {
    const answered = o.top.length > 0 && (o.written === true || isConfident(o.first, o.second, thresholds));
    if (o.expect === null) {
      oos++;
      if (answered) oosAnswered++;
      continue;
    }
    inScope++;
    if (o.top[0] === o.expect) top1++;
    if (o.top.slice(0, 3).includes(o.expect)) top3++;
    if (answered) {
      answeredIn++;
      if (o.top[0] === o.expect) rightAnswers++;
    }
  }
  return {
    inScopeAccuracy: ratio(top1, inScope),
    top3Accuracy: ratio(top3, inScope),
    answerRate: ratio(answeredIn, inScope),
    answeredPrecision: ratio(rightAnswers, answeredIn),
    allAnswersPrecision: ratio(rightAnswers, answeredIn + oosAnswered),
    oosRecall: ratio(oos - oosAnswered, oos),
  };
}

/** Nearest-rank percentile of a list of numbers (0 for an empty list). */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}
