import type { Article } from '../knowledge/article.js';

/**
 * One way of judging how well a question fits every article (char n-gram centroid, best embedded
 * phrasing, a classifier, …). Scorers are the pluggable parts of a matcher: the matcher fuses their
 * channels, calibrates and decides; callers never see them.
 */
export interface Scorer {
  /** Names of the channels `score` returns, in order, e.g. ["char-centroid", "word-best"]. */
  readonly channels: readonly string[];
  /** One array per channel with a similarity per article (index order), higher is better, about 0–1. */
  score(question: string): Promise<Float64Array[]>;
}

/** Builds a scorer over a list of articles (the matcher's article order). */
export type ScorerBuilder = (articles: readonly Article[]) => Promise<Scorer>;

/** The texts a matcher learns an article from: its title, then its alternate questions. */
export const phrasingsOf = (article: Article): string[] => [article.title, ...article.questions];
