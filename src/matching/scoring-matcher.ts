import type { Article } from '../knowledge/article.js';
import { decide } from './decide.js';
import { fuse, topK, type FusionWeights } from './fusion.js';
import type { Scorer } from './scorer.js';
import { normalize } from './text.js';
import type { Candidate, Matcher, MatchResult, Thresholds } from './types.js';

/**
 * Maps the fused scores of the best articles (best first) to confidences in [0, 1], same order.
 * It sees the runner-ups so a close race lowers the leader's confidence.
 */
export type Calibration = (sortedFused: readonly number[]) => number[];

export interface MatcherModel {
  articles: readonly Article[];
  scorers: readonly Scorer[];
  weights: FusionWeights;
  calibrate: Calibration;
  thresholds: Thresholds;
}

const DEFAULT_LIMIT = 5;

/** A matcher built from scorers: score every article on every channel, fuse, rank, calibrate, decide. */
export class ScoringMatcher implements Matcher {
  readonly thresholds: Thresholds;
  private readonly channelNames: string[];

  constructor(readonly model: MatcherModel) {
    this.thresholds = model.thresholds;
    this.channelNames = model.scorers.flatMap((s) => s.channels);
  }

  get articles(): readonly Article[] {
    return this.model.articles;
  }

  async match(question: string, options: { limit?: number } = {}): Promise<MatchResult> {
    if (!normalize(question)) return { question, candidates: [], decision: { kind: 'handoff', reason: 'empty-question' } };
    if (this.articles.length === 0) return { question, candidates: [], decision: { kind: 'handoff', reason: 'empty-knowledge' } };
    const fused = await this.fusedScores(question);
    const limit = Math.max(1, options.limit ?? DEFAULT_LIMIT);
    // rank a few more than asked so the calibration and the decision always see a runner-up
    const best = topK(fused, Math.max(limit, 3) + 1);
    const confidence = this.model.calibrate(best.map((i) => fused[i]!));
    const ranked: Candidate[] = best.map((i, r) => ({ article: this.articles[i]!, score: confidence[r]! }));
    return { question, candidates: ranked.slice(0, limit), decision: decide(ranked, this.thresholds) };
  }

  /** Every article's fused (uncalibrated) score for a question. */
  async fusedScores(question: string): Promise<Float64Array> {
    const channels = (await Promise.all(this.model.scorers.map((s) => s.score(question)))).flat();
    return fuse(this.channelNames, channels, this.model.weights, this.articles.length);
  }
}
