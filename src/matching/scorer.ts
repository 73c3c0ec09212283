import type { PhrasingTable } from './phrasings.js';

/** A question as scorers see it: its text and, when an encoder is in use, its normalised embedding. */
export interface Query {
  text: string;
  vector?: Float32Array;
}

/**
 * One way of judging how well a question fits every article (char n-gram centroid, best embedded
 * phrasing, a classifier, …). Scorers are the pluggable parts of a matcher: the matcher fuses their
 * channels, calibrates and decides; callers never see them.
 */
export interface Scorer {
  /** Names of the channels `score` returns, in order, e.g. ["char-centroid", "word-best"]. */
  readonly channels: readonly string[];
  /** One array per channel with a score per article (table order), higher is better. */
  score(query: Query): Float64Array[];
}

/** Builds a scorer from the phrasings it may learn from. */
export interface ScorerBuilder {
  readonly name: string;
  /** The channels its scorers return, in order. */
  readonly channels: readonly string[];
  /** True when the builder reads `table.vectors` (and the query's vector). */
  readonly needsVectors: boolean;
  build(table: PhrasingTable): Scorer;
}
