import { searchAnswerThresholds } from '../matching/threshold-search.js';
import type { Thresholds } from '../matching/types.js';
import type { CaseOutcome } from './run-eval.js';

export const TARGET_PRECISION = 0.95;

export interface Calibrated {
  thresholds: Thresholds;
  answerRate: number;
  answeredPrecision: number;
}

/**
 * The answer threshold and margin that answer the most in-scope cases while answered precision stays at
 * least `target`. By default precision is over in-scope answers (what `answeredPrecision` reports; how
 * many out-of-scope cases get through shows in the OOS recall at those thresholds); with
 * `countOutOfScope`, an answered out-of-scope case counts as a wrong answer. Undefined when no setting
 * reaches the target. The suggest threshold is kept (capped at the answer one).
 */
export function calibrateThresholds(
  outcomes: readonly CaseOutcome[],
  current: Thresholds,
  target = TARGET_PRECISION,
  { countOutOfScope = false } = {},
): Calibrated | undefined {
  const scored = outcomes
    .filter((o) => o.top.length > 0 && (countOutOfScope || o.expect !== null))
    // a written question is answered at any thresholds: it sits at the top of the scale
    .map((o) => ({ first: o.written ? 1 : o.first, second: o.written ? 0 : o.second, inScope: o.expect !== null, correct: o.expect !== null && o.top[0] === o.expect }));
  const choice = searchAnswerThresholds(scored, target);
  if (!choice) return undefined;
  return {
    thresholds: { answer: choice.answer, suggest: Math.min(current.suggest, choice.answer), margin: choice.margin },
    answerRate: choice.answerRate,
    answeredPrecision: choice.precision,
  };
}
