import { fuse, topK, type FusionWeights } from './fusion.js';
import { clampThresholds, searchAnswerThresholds, searchSuggestThreshold } from './threshold-search.js';
import type { HeldOutRow } from './training.js';
import type { Thresholds } from './types.js';

/**
 * Confidence that article `a` is the right one: a softmax over the fused scores of all articles plus
 * one "none of them" option whose score `noneScore` is learned. That extra option is what lets an
 * out-of-scope question get low confidence everywhere instead of the best of bad matches.
 */
export function confidences(fused: Float64Array, indices: readonly number[], noneScore: number): number[] {
  let max = noneScore;
  for (const s of fused) if (s > max) max = s;
  let total = Math.exp(noneScore - max);
  for (const s of fused) total += Math.exp(s - max);
  return indices.map((i) => Math.exp(fused[i]! - max) / total);
}

/** Precision answers must reach on the knowledge base's own held-out questions. */
export const ANSWER_PRECISION = 0.95;
/** Share of suggestion lists (on the same half-out-of-scope mix) that must contain the right article. */
const SUGGEST_HIT_RATE = 0.75;
/** Too few held-out questions to learn from: use these (confidences are still calibrated probabilities). */
export const FALLBACK_THRESHOLDS: Thresholds = { answer: 0.6, suggest: 0.25, margin: 0.1 };
const MIN_ROWS = 20;

export interface CalibrationFit {
  noneScore: number;
  thresholds: Thresholds;
  /** How the thresholds do on the held-out questions (for logs and docs). */
  heldOut: { questions: number; answerRate: number; precision: number };
}

/**
 * Learns the "none" score and the thresholds from held-out questions. Each question is used twice:
 * as itself (its article is in the index) and as an out-of-scope question (its article's column
 * removed, as if the knowledge base did not cover it), so answers are tuned to be right ≥ 95% of
 * the time on a mix where half the questions have no answer.
 */
export function fitCalibration(rows: readonly HeldOutRow[], weights: FusionWeights, channelNames: readonly string[]): CalibrationFit {
  const articleCount = rows[0]?.channels[0]?.length ?? 0;
  const fusedRows = rows.map((r) => fuse(channelNames, r.channels, weights, articleCount));
  const logSums = fusedRows.map((f, r) => [logSumExp(f), logSumExp(f, rows[r]!.target)] as const);
  const noneScore = fitNoneScore(logSums);

  const outcomes = fusedRows.flatMap((fused, r) => {
    const target = rows[r]!.target;
    const inScope = outcome(fused, noneScore, target);
    const without = Float64Array.from(fused);
    without[target] = -Infinity;
    const outOfScope = { ...outcome(without, noneScore, -1), inScope: false };
    return [inScope, outOfScope];
  });
  const answer = rows.length >= MIN_ROWS ? searchAnswerThresholds(outcomes, ANSWER_PRECISION) : undefined;
  if (!answer) return { noneScore, thresholds: FALLBACK_THRESHOLDS, heldOut: { questions: rows.length, answerRate: NaN, precision: NaN } };
  const suggest = searchSuggestThreshold(outcomes, SUGGEST_HIT_RATE, answer.answer);
  return {
    noneScore,
    thresholds: clampThresholds({ answer: answer.answer, margin: answer.margin, suggest }),
    heldOut: { questions: rows.length, answerRate: answer.answerRate, precision: answer.precision },
  };
}

function outcome(fused: Float64Array, noneScore: number, target: number) {
  const top = topK(fused, 3);
  const [first = 0, second = 0] = confidences(fused, top.slice(0, 2), noneScore);
  return { first, second, inScope: true, correct: top[0] === target, inTop3: top.includes(target) };
}

function logSumExp(values: Float64Array, skip = -1): number {
  let max = -Infinity;
  values.forEach((v, i) => {
    if (i !== skip && v > max) max = v;
  });
  if (max === -Infinity) return -Infinity;
  let total = 0;
  values.forEach((v, i) => {
    if (i !== skip) total += Math.exp(v - max);
  });
  return max + Math.log(total);
}

/**
 * Maximum likelihood of the none score θ: in-scope questions want θ small next to their article,
 * the same questions with their article removed want θ large. The log-likelihood is concave in θ,
 * so bisection on its derivative finds the optimum.
 */
function fitNoneScore(logSums: ReadonlyArray<readonly [number, number]>): number {
  const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
  const slope = (theta: number) => {
    let d = 0;
    for (const [all, others] of logSums) d += -sigmoid(theta - all) + (1 - sigmoid(theta - others));
    return d;
  };
  let low = -50, high = 50;
  for (const [all] of logSums) {
    low = Math.min(low, all - 50);
    high = Math.max(high, all + 50);
  }
  for (let i = 0; i < 100; i++) {
    const mid = (low + high) / 2;
    if (slope(mid) > 0) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}
