import { FloatRows } from './float-rows.js';
import { Int8Rows } from './int8-rows.js';
import type { VectorRows } from './vector-rows.js';

/**
 * Where vectors are stored as int8 (a quarter of float32's memory and memory traffic, cosines within
 * ~0.002) rather than float32 (exact): only in knowledge bases large enough for it to matter, so small
 * ones score exactly as before.
 */
export const INT8_ABOVE_PHRASINGS = 20_000;
export const INT8_ABOVE_ARTICLES = 2_000;

/** Storage for `count` phrasing embeddings. */
export function phrasingVectors(count: number, dims: number): VectorRows {
  return count > INT8_ABOVE_PHRASINGS ? Int8Rows.create(count, dims) : FloatRows.create(count, dims);
}

/**
 * Storage for one vector per article (centroids, whitened means), read in full for every question:
 * above 2,000 articles int8 keeps them in the CPU cache (10,000 × 512 floats is 20 MB a matrix).
 */
export function articleVectors(count: number, dims: number): VectorRows {
  return count > INT8_ABOVE_ARTICLES ? Int8Rows.create(count, dims) : FloatRows.create(count, dims);
}
