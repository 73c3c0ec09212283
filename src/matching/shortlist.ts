import { topK } from './fusion.js';

/**
 * Articles whose best single phrasing is worth computing exactly: the best by centroid score. With
 * at most this many articles every article is scored exactly; above it, articles outside the
 * shortlist keep their centroid score as their best-phrasing score (they are far from the top
 * anyway), which keeps match time flat as phrasings grow.
 */
export const SHORTLIST = 100;

export function shortlist(centroidScores: Float64Array): number[] {
  if (centroidScores.length <= SHORTLIST) return Array.from(centroidScores.keys());
  return topK(centroidScores, SHORTLIST);
}

/** Start offset of each article's phrasings in a table (they are contiguous, in article order). */
export function phrasingOffsets(owner: Int32Array, articleCount: number): Int32Array {
  const offsets = new Int32Array(articleCount + 1);
  for (const a of owner) offsets[a + 1]!++;
  for (let a = 0; a < articleCount; a++) offsets[a + 1]! += offsets[a]!;
  return offsets;
}
