import type { Article } from '../knowledge/article.js';
import { confidences } from './calibration.js';
import { decide } from './decide.js';
import { fuse, topK, type FusionWeights } from './fusion.js';
import type { Query, Scorer } from './scorer.js';
import { normalize } from './text.js';
import { phrasingsOf } from './phrasings.js';
import type { Candidate, Decision, Matcher, MatchResult, Thresholds } from './types.js';

export interface MatcherModel {
  /** "hybrid" or "lexical": what actually runs (hybrid falls back to lexical when the encoder fails). */
  kind: 'hybrid' | 'lexical';
  articles: readonly Article[];
  scorers: readonly Scorer[];
  weights: FusionWeights;
  /** Score of the "none of these" option in the confidence softmax. */
  noneScore: number;
  thresholds: Thresholds;
  /** Embeds a question (hybrid only); undefined when the encoder failed for it (that question is then matched lexically). */
  embed?: (text: string) => Promise<Float32Array | undefined>;
}

const DEFAULT_LIMIT = 5;
/** Matched characters of a question at most (the longest message Discord allows, more than most Slack questions). */
export const MAX_QUESTION_CHARS = 4_000;
const AMBIGUOUS = -1;

/** Normalised phrasing → index of the one article that has it (AMBIGUOUS when several do). */
function ownersByPhrasing(articles: readonly Article[]): Map<string, number> {
  const owners = new Map<string, number>();
  articles.forEach((article, a) => {
    for (const phrasing of phrasingsOf(article)) {
      const key = normalize(phrasing);
      if (!key) continue;
      const seen = owners.get(key);
      owners.set(key, seen === undefined || seen === a ? a : AMBIGUOUS);
    }
  });
  return owners;
}

/** A matcher built from scorers: score every article on every channel, fuse, rank, calibrate, decide. */
export class ScoringMatcher implements Matcher {
  readonly thresholds: Thresholds;
  private readonly channelNames: string[];
  private phrasingOwners?: Map<string, number>;

  constructor(readonly model: MatcherModel) {
    this.thresholds = model.thresholds;
    this.channelNames = model.scorers.flatMap((s) => s.channels);
  }

  get articles(): readonly Article[] {
    return this.model.articles;
  }

  get kind(): 'hybrid' | 'lexical' {
    return this.model.kind;
  }

  async match(asked: string, options: { limit?: number } = {}): Promise<MatchResult> {
    // a question is a few sentences; a pasted log of 200,000 characters held the encoder (and every other
    // conversation) for minutes: its beginning is what is matched
    const question = asked.length > MAX_QUESTION_CHARS ? asked.slice(0, MAX_QUESTION_CHARS) : asked;
    const normalized = normalize(question);
    if (!normalized) return { question: asked, candidates: [], decision: { kind: 'handoff', reason: 'empty-question' } };
    if (this.articles.length === 0) return { question: asked, candidates: [], decision: { kind: 'handoff', reason: 'empty-knowledge' } };
    const fused = await this.fusedScores(question);
    const limit = Math.max(1, options.limit ?? DEFAULT_LIMIT);
    // rank at least three so the decision can always offer up to three suggestions
    let best = topK(fused, Math.max(limit, 3));
    const written = this.writtenFor(normalized);
    if (written !== undefined) best = [written, ...best.filter((i) => i !== written)].slice(0, best.length);
    const confidence = confidences(fused, best, this.model.noneScore);
    const ranked: Candidate[] = best.map((i, r) => ({ article: this.articles[i]!, score: confidence[r]! }));
    // a question the admins wrote into exactly one article is that article's, however close its neighbours score
    const decision: Decision = written !== undefined ? { kind: 'answer', article: ranked[0]!.article, score: ranked[0]!.score, written: true } : decide(ranked, this.thresholds);
    return { question: asked, candidates: ranked.slice(0, limit), decision };
  }

  /** The article whose title or questions include this (normalised) question word for word, if exactly one does. */
  private writtenFor(normalized: string): number | undefined {
    this.phrasingOwners ??= ownersByPhrasing(this.articles);
    const owner = this.phrasingOwners.get(normalized);
    return owner === undefined || owner === AMBIGUOUS ? undefined : owner;
  }

  /** Every article's fused (uncalibrated) score for a question. */
  async fusedScores(question: string): Promise<Float64Array> {
    const query: Query = { text: question, vector: this.model.embed ? await this.model.embed(question) : undefined };
    const channels = this.model.scorers.flatMap((s) => s.score(query));
    return fuse(this.channelNames, channels, this.model.weights, this.articles.length);
  }
}
