import { describe, expect, it } from 'vitest';
import { random } from '../../src/bench/synthetic.js';
import { confidences, fitCalibration } from '../../src/matching/calibration.js';
import { fitFusionWeights, type FusionExample } from '../../src/matching/fusion-training.js';
import { topK } from '../../src/matching/fusion.js';
import { ldaScorer } from '../../src/matching/lda-scorer.js';
import { cholesky, choleskySolve, ledoitWolfCovariance } from '../../src/matching/linalg.js';
import { phrasingTable } from '../../src/matching/phrasings.js';
import { article } from './knowledge-factory.js';

const gaussian = (next: () => number) => Math.sqrt(-2 * Math.log(next() + 1e-12)) * Math.cos(2 * Math.PI * next());

describe('linear algebra', () => {
  it('solves a symmetric positive definite system through its Cholesky factor', () => {
    const m = Float64Array.from([4, 2, 0, 2, 5, 1, 0, 1, 3]);
    const x = choleskySolve(cholesky(m, 3), 3, [2, 1, 4]);
    const back = [0, 1, 2].map((i) => m[i * 3]! * x[0]! + m[i * 3 + 1]! * x[1]! + m[i * 3 + 2]! * x[2]!);
    back.forEach((v, i) => expect(v).toBeCloseTo([2, 1, 4][i]!, 10));
  });

  it('shrinks the covariance more when there are few rows for many dimensions', () => {
    const next = random(1);
    const rows = (n: number) => Array.from({ length: n }, () => Float64Array.from({ length: 20 }, (_, i) => (i + 1) * gaussian(next)));
    expect(ledoitWolfCovariance(rows(10), 20).shrinkage).toBeGreaterThan(ledoitWolfCovariance(rows(2000), 20).shrinkage);
  });
});

describe('topK', () => {
  it('returns the best indices in order, lower index first on ties', () => {
    expect(topK(Float64Array.from([0.1, 0.9, 0.5, 0.9, 0.3]), 3)).toEqual([1, 3, 2]);
    expect(topK(Float64Array.from([1, 2]), 5)).toEqual([1, 0]);
  });
});

describe('fitFusionWeights', () => {
  it('gives the informative channel the weight and the noise channel almost none', () => {
    const next = random(2);
    const examples: FusionExample[] = Array.from({ length: 300 }, () => {
      const target = Math.floor(next() * 10);
      const signal = Float64Array.from({ length: 10 }, (_, k) => (k === target ? 1 : 0) + 0.5 * gaussian(next));
      const noise = Float64Array.from({ length: 10 }, () => gaussian(next));
      return { channels: [signal, noise], target };
    });
    const w = fitFusionWeights(examples, ['signal', 'noise']);
    expect(w.signal).toBeGreaterThan(1);
    expect(Math.abs(w.noise!)).toBeLessThan(0.3 * w.signal!);
  });

  it('keeps every weight at 0 or above: a channel that only helps as a negative correction gets 0, not a negative weight', () => {
    const next = random(5);
    // "twin" is the signal plus a shared nuisance, "nuisance" is that nuisance alone: unconstrained, the fit would
    // subtract it (a negative weight); similarities must not count against an article
    const examples: FusionExample[] = Array.from({ length: 300 }, () => {
      const target = Math.floor(next() * 10);
      const nuisance = Float64Array.from({ length: 10 }, () => gaussian(next));
      const twin = Float64Array.from({ length: 10 }, (_, k) => (k === target ? 1 : 0) + nuisance[k]!);
      return { channels: [twin, nuisance], target };
    });
    const w = fitFusionWeights(examples, ['twin', 'nuisance']);
    expect(w.twin).toBeGreaterThan(0.5);
    expect(w.nuisance).toBe(0);
  });
});

describe('LDA scorer', () => {
  it('learns which directions separate articles, beating a plain centroid when spread is uneven', () => {
    // two articles differ only along dimension 0; dimension 1 has large within-article spread
    const next = random(3);
    const sample = (mean: number) => Float32Array.from([mean + 0.1 * gaussian(next), 3 * gaussian(next)]);
    const articles = [article({ id: 'a', questions: Array.from({ length: 30 }, (_, i) => `a${i}`) }), article({ id: 'b', questions: Array.from({ length: 30 }, (_, i) => `b${i}`) })];
    const vectors = [Array.from({ length: 31 }, () => sample(0)), Array.from({ length: 31 }, () => sample(1))];
    const lda = ldaScorer.build(phrasingTable(articles, vectors));
    let right = 0;
    for (let i = 0; i < 200; i++) {
      const target = i % 2;
      const [scores] = lda.score({ text: 'q', vector: sample(target) });
      if ((scores![1]! > scores![0]! ? 1 : 0) === target) right++;
    }
    expect(right / 200).toBeGreaterThan(0.95);
  });
});

describe('calibration', () => {
  it('turns fused scores into probabilities that leave room for "none of these"', () => {
    const [p] = confidences(Float64Array.from([0, 0, 0]), [0], 0);
    expect(p).toBeCloseTo(0.25);
    const [high] = confidences(Float64Array.from([10, 0, 0]), [0], 0);
    expect(high).toBeGreaterThan(0.99);
  });

  it('learns thresholds that answer confident held-out questions and hand off pseudo out-of-scope ones', () => {
    const next = random(4);
    // right article scores ~3 above the rest for most questions; runner-ups sit near 0
    const rows = Array.from({ length: 400 }, () => {
      const target = Math.floor(next() * 20);
      const s = Float64Array.from({ length: 20 }, (_, k) => (k === target ? 3 : 0) + 0.7 * gaussian(next));
      return { channels: [s], target };
    });
    const fit = fitCalibration(rows, { s: 1 }, ['s']);
    expect(fit.heldOut.precision).toBeGreaterThanOrEqual(0.9);
    expect(fit.heldOut.answerRate).toBeGreaterThan(0.3);
    expect(fit.thresholds.suggest).toBeLessThanOrEqual(fit.thresholds.answer);
  });
});
