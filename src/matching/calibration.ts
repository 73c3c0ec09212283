import { fuse, topK, type FusionWeights } from './fusion.js';
import { clampThresholds, searchAnswerThresholds, searchSuggestThreshold, type ScoredOutcome } from './threshold-search.js';
import type { HeldOutRow } from './training.js';
import type { Thresholds } from './types.js';

/**
 * Confidence that article `a` is the right one: a softmax over the fused scores of all articles plus
 * one "none of them" option whose score `noneScore` is learned. That extra option is what lets an
 * out-of-scope question get low confidence everywhere instead of the best of bad matches.
 */
export function confidences(fused: Float64Array, indices: readonly number[], noneScore: number): number[] {
  let max = noneScore;
  for (let i = 0; i < fused.length; i++) if (fused[i]! > max) max = fused[i]!;
  let total = Math.exp(noneScore - max);
  // a score 40 below the best adds < 5e-18 of the total: skipping its exp changes nothing visible, and in
  // a large knowledge base almost every article is that far below (10,000 exps become a handful)
  const floor = max - 40;
  for (let i = 0; i < fused.length; i++) if (fused[i]! > floor) total += Math.exp(fused[i]! - max);
  return indices.map((i) => Math.exp(fused[i]! - max) / total);
}

/**
 * Precision answers must reach on the knowledge base's own held-out questions. Those are a pessimistic
 * view (each article is missing a fifth of its phrasings, and the out-of-scope ones sit right next to
 * covered topics), and every answer still offers "Talk to a person", so the bar is 90% here; eval's
 * --calibrate reports what a 95% bar on real questions needs.
 */
export const ANSWER_PRECISION = 0.9;
/** Share of suggestion lists (on the same half-out-of-scope mix) that must contain the right article. */
const SUGGEST_HIT_RATE = 0.75;
/** Too few held-out questions to learn thresholds from: use these (confidences are still calibrated probabilities). */
export const FALLBACK_THRESHOLDS: Thresholds = { answer: 0.6, suggest: 0.25, margin: 0.1 };
/** Below this many held-out questions a threshold found by search is mostly noise. */
const MIN_ROWS = 100;

export interface CalibrationFit {
  /** Multiplies the fusion weights (temperature scaling: the cross-validated fit is overconfident). */
  scale: number;
  /** In scaled units. */
  noneScore: number;
  thresholds: Thresholds;
  /** How the thresholds do on the held-out questions (for logs and docs). */
  heldOut: { questions: number; answerRate: number; precision: number };
}

/** Weight of a pseudo out-of-scope question against an in-scope one: one in four questions has no answer. */
const OUT_OF_SCOPE_WEIGHT = 1 / 3;
const SCALES = Array.from({ length: 25 }, (_, i) => 2 ** ((i - 16) / 4)); // 1/16 … 4

/**
 * Learns a temperature, the "none" score and the thresholds from held-out questions. Each question
 * is used as itself (its article is in the index) and as an out-of-scope question (its article's
 * column removed, as if the knowledge base did not cover it: the hardest kind, a question next to
 * what the knowledge covers). Temperature and none score maximise the likelihood of both; the answer
 * threshold is the lowest whose answers are ≥ 90% right on a mix where one question in four has no
 * answer, and never above 0.9.
 */
export function fitCalibration(rows: readonly HeldOutRow[], weights: FusionWeights, channelNames: readonly string[]): CalibrationFit {
  const raw = rows.map((r) => fuse(channelNames, r.channels, weights, r.channels[0]?.length ?? 0));
  let best = { scale: 1, noneScore: 0, likelihood: -Infinity };
  for (const scale of rows.length ? SCALES : [1]) {
    const logSums = raw.map((f, r) => [logSumExp(f, -1, scale), logSumExp(f, rows[r]!.target, scale)] as const);
    const noneScore = fitNoneScore(logSums);
    const likelihood = raw.reduce((sum, f, r) => {
      const [all, others] = logSums[r]!;
      return sum + (scale * f[rows[r]!.target]! - logAddExp(noneScore, all)) + OUT_OF_SCOPE_WEIGHT * (noneScore - logAddExp(noneScore, others));
    }, 0);
    if (likelihood > best.likelihood) best = { scale, noneScore, likelihood };
  }
  const { scale, noneScore } = best;
  const fusedRows = raw.map((f) => f.map((x) => x * scale));

  // one pseudo out-of-scope question for every three in-scope ones (every third row)
  const outcomes = fusedRows.flatMap((fused, r) => {
    const target = rows[r]!.target;
    const inScope = outcome(fused, noneScore, target);
    if (r % 3 !== 0) return [inScope];
    const without = Float64Array.from(fused);
    without[target] = -Infinity;
    return [inScope, { ...outcome(without, noneScore, -1), inScope: false }];
  });
  if (rows.length < MIN_ROWS) return { scale, noneScore, thresholds: FALLBACK_THRESHOLDS, heldOut: { questions: rows.length, answerRate: NaN, precision: NaN } };
  // The confidence is itself the estimated chance an answer is right, so a confidence of
  // ANSWER_PRECISION always suffices; held-out questions may show that a lower one does too. (Without
  // this cap, a knowledge base whose held-out precision plateaus just under the target would only
  // answer at confidences of 0.99+, i.e. almost never.)
  const found = searchAnswerThresholds(outcomes, ANSWER_PRECISION);
  const answer = found && found.answer < ANSWER_PRECISION ? found : { ...at(outcomes, ANSWER_PRECISION), answer: ANSWER_PRECISION, margin: 0 };
  const suggest = searchSuggestThreshold(outcomes, SUGGEST_HIT_RATE, answer.answer);
  return {
    scale,
    noneScore,
    thresholds: clampThresholds({ answer: answer.answer, margin: answer.margin, suggest }),
    heldOut: { questions: rows.length, answerRate: answer.answerRate, precision: answer.precision },
  };
}

/** Answer rate and precision on held-out outcomes when answering at confidence ≥ `threshold`. */
function at(outcomes: readonly ScoredOutcome[], threshold: number): { answerRate: number; precision: number } {
  const answered = outcomes.filter((o) => o.first >= threshold);
  const inScope = outcomes.filter((o) => o.inScope).length;
  return {
    answerRate: inScope ? answered.filter((o) => o.inScope).length / inScope : 0,
    precision: answered.length ? answered.filter((o) => o.correct).length / answered.length : NaN,
  };
}

function outcome(fused: Float64Array, noneScore: number, target: number) {
  const top = topK(fused, 3);
  const [first = 0, second = 0] = confidences(fused, top.slice(0, 2), noneScore);
  return { first, second, inScope: true, correct: top[0] === target, inTop3: top.includes(target) };
}

function logSumExp(values: Float64Array, skip = -1, scale = 1): number {
  let max = -Infinity;
  values.forEach((v, i) => {
    if (i !== skip && scale * v > max) max = scale * v;
  });
  if (max === -Infinity) return -Infinity;
  let total = 0;
  values.forEach((v, i) => {
    if (i !== skip) total += Math.exp(scale * v - max);
  });
  return max + Math.log(total);
}

const logAddExp = (a: number, b: number) => (a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b)));

/**
 * Maximum likelihood of the none score θ: in-scope questions want θ small next to their article,
 * the same questions with their article removed want θ large. The log-likelihood is concave in θ,
 * so bisection on its derivative finds the optimum.
 */
function fitNoneScore(logSums: ReadonlyArray<readonly [number, number]>): number {
  const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
  const slope = (theta: number) => {
    let d = 0;
    for (const [all, others] of logSums) d += -sigmoid(theta - all) + OUT_OF_SCOPE_WEIGHT * (1 - sigmoid(theta - others));
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
