import type { Thresholds } from '../matching/types.js';
import type { CaseOutcome } from './run-eval.js';

export const TARGET_PRECISION = 0.95;
const MARGINS = Array.from({ length: 51 }, (_, i) => i / 100);

export interface Calibrated {
  thresholds: Thresholds;
  answerRate: number;
  answeredPrecision: number;
}

/**
 * The answer threshold and margin that answer the most in-scope cases while answers stay at least
 * `target` precise (out-of-scope cases answered count as wrong). Ties go to the higher threshold.
 * Undefined when no setting reaches the target. The suggest threshold is kept (capped at the answer one).
 */
export function calibrateThresholds(outcomes: readonly CaseOutcome[], current: Thresholds, target = TARGET_PRECISION): Calibrated | undefined {
  const inScope = outcomes.filter((o) => o.expect !== null).length;
  let best: Calibrated | undefined;
  for (const margin of MARGINS) {
    const eligible = outcomes.filter((o) => o.top.length > 0 && o.first - o.second >= margin).sort((a, b) => b.first - a.first);
    let right = 0, wrong = 0, answeredIn = 0;
    for (let i = 0; i < eligible.length; i++) {
      const o = eligible[i]!;
      if (o.expect !== null) answeredIn++;
      if (o.expect !== null && o.top[0] === o.expect) right++;
      else wrong++;
      const next = eligible[i + 1];
      if (next && next.first === o.first) continue; // one threshold answers all equal scores
      const precision = right / (right + wrong);
      const rate = inScope ? answeredIn / inScope : 0;
      if (precision >= target && (!best || rate > best.answerRate)) {
        best = {
          thresholds: { answer: o.first, suggest: Math.min(current.suggest, o.first), margin },
          answerRate: rate,
          answeredPrecision: precision,
        };
      }
    }
  }
  return best;
}
