import { describe, expect, it } from 'vitest';
import { calibrateThresholds } from '../../src/eval/calibrate.js';
import { percentile, quality } from '../../src/eval/metrics.js';
import type { CaseOutcome } from '../../src/eval/run-eval.js';

const o = (expect: string | null, top: string[], first: number, second: number): CaseOutcome => ({ expect, top, first, second });
const t = { answer: 0.5, suggest: 0.2, margin: 0.1 };

describe('quality figures', () => {
  const outcomes = [
    o('a', ['a', 'b', 'c'], 0.9, 0.1), // right, answered
    o('a', ['b', 'a', 'c'], 0.8, 0.2), // wrong top-1 (top-3 right), answered → a wrong answer
    o('b', ['c', 'd', 'b'], 0.4, 0.1), // wrong, top-3 right, not answered (below answer)
    o('c', ['c', 'a', 'b'], 0.7, 0.65), // right, not answered (no margin)
    o(null, ['a', 'b', 'c'], 0.95, 0.1), // out of scope, answered → wrong
    o(null, ['b', 'a', 'c'], 0.3, 0.1), // out of scope, handed off
  ];

  it('counts accuracy, answer rate and answered precision over in-scope cases, OOS recall over OOS cases', () => {
    expect(quality(outcomes, t)).toEqual({
      inScopeAccuracy: 2 / 4,
      top3Accuracy: 4 / 4,
      answerRate: 2 / 4,
      answeredPrecision: 1 / 2,
      allAnswersPrecision: 1 / 3,
      oosRecall: 1 / 2,
    });
  });

  it('counts a question written word for word in its article as answered, as the bot answers it at any thresholds', () => {
    const written: CaseOutcome = { ...o('c', ['c', 'a', 'b'], 0.3, 0.25), written: true };
    expect(quality([written], t)).toMatchObject({ answerRate: 1, answeredPrecision: 1 });
    expect(calibrateThresholds([written, o('a', ['b', 'a', 'c'], 0.4, 0.1)], t)).toMatchObject({ answerRate: 1 / 2, answeredPrecision: 1 });
  });

  it('is all zeros with nothing to count', () => {
    expect(quality([], t)).toEqual({ inScopeAccuracy: 0, top3Accuracy: 0, answerRate: 0, answeredPrecision: 0, allAnswersPrecision: 0, oosRecall: 0 });
  });

  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBe(0);
  });
});

describe('calibrateThresholds', () => {
  it('finds the threshold that answers most while staying ≥ 95% precise', () => {
    // 19 right answers at 0.9 and one wrong at 0.85: answering all 20 is exactly 95% precise;
    // then 10 more right at 0.6 with 5 wrong at 0.55 would drop precision below 95%.
    const outcomes = [
      ...Array.from({ length: 19 }, () => o('a', ['a'], 0.9, 0)),
      o('a', ['b'], 0.85, 0),
      ...Array.from({ length: 10 }, () => o('a', ['a'], 0.6, 0)),
      ...Array.from({ length: 5 }, () => o('a', ['b'], 0.55, 0)),
    ];
    const calibrated = calibrateThresholds(outcomes, t)!;
    expect(calibrated.thresholds.answer).toBe(0.6);
    expect(calibrated.answerRate).toBeCloseTo(30 / 35);
    expect(calibrated.answeredPrecision).toBeCloseTo(29 / 30);
  });

  it('judges precision on in-scope answers by default, and on all answers when asked', () => {
    const outcomes = [...Array.from({ length: 10 }, () => o('a', ['a'], 0.8, 0.2)), o(null, ['a'], 0.9, 0.1)];
    expect(calibrateThresholds(outcomes, t)).toMatchObject({ answerRate: 1, answeredPrecision: 1 });
    // Counting the confidently answered out-of-scope case, no threshold keeps answers 95% right.
    expect(calibrateThresholds(outcomes, t, 0.95, { countOutOfScope: true })).toBeUndefined();
  });

  it('with out-of-scope cases counted, uses the margin to keep those with a close runner-up from being answered', () => {
    const outcomes = [
      ...Array.from({ length: 10 }, () => o('a', ['a'], 0.8, 0.2)),
      ...Array.from({ length: 10 }, () => o(null, ['a'], 0.85, 0.8)),
    ];
    const calibrated = calibrateThresholds(outcomes, t, 0.95, { countOutOfScope: true })!;
    expect(calibrated.answerRate).toBe(1);
    expect(calibrated.answeredPrecision).toBe(1);
    expect(calibrated.thresholds.margin).toBeGreaterThan(0);
    expect(calibrated.thresholds.margin).toBeLessThanOrEqual(0.6);
  });

  it('says so (undefined) when nothing reaches the target', () => {
    expect(calibrateThresholds([o('a', ['b'], 0.9, 0), o(null, ['a'], 0.9, 0)], t)).toBeUndefined();
    expect(calibrateThresholds([o('a', ['a'], 0.9, 0), o(null, ['a'], 0.95, 0)], t, 0.95, { countOutOfScope: true })).toBeUndefined();
  });
});
