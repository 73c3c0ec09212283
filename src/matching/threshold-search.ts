import type { Thresholds } from './types.js';

/** One question's outcome, enough to replay the answer rule at any thresholds. */
export interface ScoredOutcome {
  /** Confidence of the best and the second-best candidate. */
  first: number;
  second: number;
  /** The question has a right article in the knowledge base. */
  inScope: boolean;
  /** The best candidate is the right article. */
  correct: boolean;
}

const MARGINS = Array.from({ length: 51 }, (_, i) => i / 100);

export interface ThresholdChoice {
  answer: number;
  margin: number;
  /** Answered in-scope questions / in-scope questions. */
  answerRate: number;
  /** Right answers / all answers (answering an out-of-scope question is wrong). */
  precision: number;
}

/**
 * The answer threshold and margin that answer the most in-scope questions while answers stay at
 * least `target` precise. Ties go to the smaller margin, then the higher threshold. Undefined when
 * no setting reaches the target.
 */
export function searchAnswerThresholds(outcomes: readonly ScoredOutcome[], target: number): ThresholdChoice | undefined {
  const inScope = outcomes.filter((o) => o.inScope).length;
  let best: ThresholdChoice | undefined;
  for (const margin of MARGINS) {
    const eligible = outcomes.filter((o) => o.first - o.second >= margin).sort((a, b) => b.first - a.first);
    let right = 0, wrong = 0, answeredIn = 0;
    for (let i = 0; i < eligible.length; i++) {
      const o = eligible[i]!;
      if (o.inScope) answeredIn++;
      if (o.correct) right++;
      else wrong++;
      if (eligible[i + 1]?.first === o.first) continue; // one threshold answers all equal scores
      const precision = right / (right + wrong);
      const answerRate = inScope ? answeredIn / inScope : 0;
      if (precision >= target && (!best || answerRate > best.answerRate)) best = { answer: o.first, margin, answerRate, precision };
    }
  }
  return best;
}

/**
 * The lowest suggest threshold at which, among questions scoring at least that much, the right
 * article is among the three suggestions for at least `target` of them (so suggestions are worth a click).
 */
export function searchSuggestThreshold(outcomes: readonly (ScoredOutcome & { inTop3: boolean })[], target: number, ceiling: number): number {
  const sorted = [...outcomes].sort((a, b) => b.first - a.first);
  let hits = 0;
  let threshold = ceiling;
  sorted.forEach((o, i) => {
    if (o.inTop3) hits++;
    if (sorted[i + 1]?.first === o.first) return;
    if (hits / (i + 1) >= target) threshold = Math.min(threshold, o.first);
  });
  return threshold;
}

export const clampThresholds = (t: Thresholds): Thresholds => ({
  answer: Math.min(1, Math.max(0, t.answer)),
  suggest: Math.min(Math.max(0, t.suggest), t.answer),
  margin: Math.min(1, Math.max(0, t.margin)),
});
