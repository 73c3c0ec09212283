import type { SparseVector } from './sparse.js';

/**
 * Many sparse vectors packed in one block (compressed sparse rows): row r's terms and weights are
 * indices/values[offsets[r] … offsets[r + 1]). Three typed arrays however many rows, instead of two
 * small arrays and an object per row: a fraction of the memory, and rows read in order stay in cache.
 */
export class SparseRows {
  constructor(
    readonly offsets: Int32Array,
    readonly indices: Int32Array,
    readonly values: Float32Array,
  ) {}

  get count(): number {
    return this.offsets.length - 1;
  }

  /** Row r as a vector (views, not copies). */
  row(r: number): SparseVector {
    const from = this.offsets[r]!, to = this.offsets[r + 1]!;
    return { indices: this.indices.subarray(from, to), values: this.values.subarray(from, to) };
  }
}

/**
 * Appends rows one at a time. Given the exact number of non-zeros it fills arrays of that size and
 * hands them over as they are; otherwise they grow by doubling and are trimmed at the end.
 */
export class SparseRowsBuilder {
  private offsets: number[] = [0];
  private indices: Int32Array;
  private values: Float32Array;
  private size = 0;

  constructor(nonZeros = 1024) {
    this.indices = new Int32Array(nonZeros);
    this.values = new Float32Array(nonZeros);
  }

  push(row: SparseVector): void {
    const needed = this.size + row.indices.length;
    if (needed > this.indices.length) {
      const capacity = Math.max(needed, this.indices.length * 2);
      const indices = new Int32Array(capacity);
      indices.set(this.indices.subarray(0, this.size));
      const values = new Float32Array(capacity);
      values.set(this.values.subarray(0, this.size));
      this.indices = indices;
      this.values = values;
    }
    this.indices.set(row.indices, this.size);
    this.values.set(row.values, this.size);
    this.size = needed;
    this.offsets.push(needed);
  }

  build(): SparseRows {
    const full = this.size === this.indices.length;
    return new SparseRows(
      Int32Array.from(this.offsets),
      full ? this.indices : this.indices.slice(0, this.size),
      full ? this.values : this.values.slice(0, this.size),
    );
  }
}

/** Packs vectors into one block. */
export function packSparse(vectors: readonly SparseVector[]): SparseRows {
  const builder = new SparseRowsBuilder(vectors.reduce((n, v) => n + v.indices.length, 0));
  for (const v of vectors) builder.push(v);
  return builder.build();
}

/**
 * The normalised mean of each group of consecutive rows (group g is rows groups[g] … groups[g + 1]):
 * the "centroid" direction of an article's phrasings. Same arithmetic as `centroid` in sparse.ts.
 */
export function groupCentroids(rows: SparseRows, groups: Int32Array, dimensions: number): SparseRows {
  const sum = new Float64Array(dimensions);
  const seen = new Uint8Array(dimensions);
  const { offsets, indices, values } = rows;
  // count each group's distinct terms first, so the block is allocated once at its final size
  let nonZeros = 0;
  for (let g = 0; g + 1 < groups.length; g++) {
    const from = offsets[groups[g]!]!, to = offsets[groups[g + 1]!]!;
    for (let k = from; k < to; k++) if (!seen[indices[k]!]) (seen[indices[k]!] = 1), nonZeros++;
    for (let k = from; k < to; k++) seen[indices[k]!] = 0;
  }
  const builder = new SparseRowsBuilder(nonZeros);
  for (let g = 0; g + 1 < groups.length; g++) {
    const touched: number[] = [];
    for (let k = offsets[groups[g]!]!; k < offsets[groups[g + 1]!]!; k++) {
      const t = indices[k]!;
      if (!seen[t]) {
        seen[t] = 1;
        touched.push(t);
      }
      sum[t]! += values[k]!;
    }
    const terms = Int32Array.from(touched).sort();
    const weights = new Float32Array(terms.length);
    let norm = 0;
    terms.forEach((t, i) => {
      const w = sum[t]!;
      weights[i] = w;
      norm += w * w;
      sum[t] = 0;
      seen[t] = 0;
    });
    norm = Math.sqrt(norm);
    if (norm > 0) for (let i = 0; i < weights.length; i++) weights[i]! /= norm;
    builder.push({ indices: terms, values: weights });
  }
  return builder.build();
}
