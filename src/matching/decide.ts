import type { Candidate, Decision, Thresholds } from './types.js';

/** How many choices a suggestion offers at most. */
export const MAX_SUGGESTIONS = 3;

/**
 * answer: the top score reaches `answer` and leads the runner-up by at least `margin`;
 * suggest: the top score reaches `suggest` (offer every candidate up to 3 that does);
 * otherwise hand off.
 */
export function decide(candidates: readonly Candidate[], thresholds: Thresholds): Decision {
  const [top, second] = candidates;
  if (!top) return { kind: 'handoff', reason: 'no-match' };
  if (isConfident(top.score, second?.score ?? 0, thresholds)) {
    return { kind: 'answer', article: top.article, score: top.score };
  }
  if (top.score >= thresholds.suggest) {
    return { kind: 'suggest', candidates: candidates.slice(0, MAX_SUGGESTIONS).filter((c) => c.score >= thresholds.suggest) };
  }
  return { kind: 'handoff', reason: 'no-match' };
}

/** The answer rule on its own, so eval can replay decisions at other thresholds without matching again. */
export function isConfident(top: number, second: number, thresholds: Thresholds): boolean {
  return top >= thresholds.answer && top - second >= thresholds.margin;
}

/** Config overrides win over the thresholds a matcher derived; each must stay a fraction. */
export function resolveThresholds(base: Thresholds, overrides: Partial<Thresholds> = {}): Thresholds {
  const pick = (key: keyof Thresholds) => {
    const v = overrides[key];
    return v !== undefined && Number.isFinite(v) && v >= 0 && v <= 1 ? v : base[key];
  };
  return { answer: pick('answer'), suggest: pick('suggest'), margin: pick('margin') };
}

/** Thresholds from `MATCH_*` settings (undefined where unset). */
export function thresholdOverrides(config: {
  MATCH_ANSWER_THRESHOLD?: number;
  MATCH_SUGGEST_THRESHOLD?: number;
  MATCH_MARGIN?: number;
}): Partial<Thresholds> {
  const out: Partial<Thresholds> = {};
  if (config.MATCH_ANSWER_THRESHOLD !== undefined) out.answer = config.MATCH_ANSWER_THRESHOLD;
  if (config.MATCH_SUGGEST_THRESHOLD !== undefined) out.suggest = config.MATCH_SUGGEST_THRESHOLD;
  if (config.MATCH_MARGIN !== undefined) out.margin = config.MATCH_MARGIN;
  return out;
}
