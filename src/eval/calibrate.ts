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
 * The answer threshold and margin that answer the most in-scope cases while answers stay at least
 * `target` precise (out-of-scope cases answered count as wrong). Undefined when no setting reaches
 * the target. The suggest threshold is kept (capped at the answer one).
 */
export function calibrateThresholds(outcomes: readonly CaseOutcome[], current: Thresholds, target = TARGET_PRECISION): Calibrated | undefined {
  const scored = outcomes
    .filter((o) => o.top.length > 0)
    .map((o) => ({ first: o.first, second: o.second, inScope: o.expect !== null, correct: o.expect !== null && o.top[0] === o.expect }));
  const choice = searchAnswerThresholds(scored, target);
  if (!choice) return undefined;
  return {
    thresholds: { answer: choice.answer, suggest: Math.min(current.suggest, choice.answer), margin: choice.margin },
    answerRate: choice.answerRate,
    answeredPrecision: choice.precision,
  };
}
