import type { PhrasingTable } from './phrasings.js';
import type { Query, Scorer, ScorerBuilder } from './scorer.js';
import { phrasingOffsets, shortlist } from './shortlist.js';

export const DENSE_CHANNELS = ['embed-centroid', 'embed-best'] as const;

/** Cosine of the question's embedding to each article's mean phrasing embedding and to its closest phrasing. */
export const denseScorer: ScorerBuilder = {
  name: 'dense',
  channels: DENSE_CHANNELS,
  needsVectors: true,
  build: (table) => DenseScorer.build(table),
};

/** Row-major matrix of `rows` vectors of `dims` floats. */
export interface Matrix {
  rows: number;
  dims: number;
  data: Float32Array;
}

/** out[r] = row r · v (unrolled by four: this loop is most of a hybrid match at scale). */
export function multiply(m: Matrix, v: ArrayLike<number>, out = new Float64Array(m.rows)): Float64Array {
  const { rows, dims, data } = m;
  const q = Float32Array.from(v);
  const end4 = dims - (dims % 4);
  for (let r = 0; r < rows; r++) {
    const base = r * dims;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let k = 0; k < end4; k += 4) {
      s0 += data[base + k]! * q[k]!;
      s1 += data[base + k + 1]! * q[k + 1]!;
      s2 += data[base + k + 2]! * q[k + 2]!;
      s3 += data[base + k + 3]! * q[k + 3]!;
    }
    for (let k = end4; k < dims; k++) s0 += data[base + k]! * q[k]!;
    out[r] = s0 + s1 + s2 + s3;
  }
  return out;
}

export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k]! * b[k]!;
  return s;
}

export function packRows(vectors: readonly ArrayLike<number>[], dims: number): Matrix {
  const data = new Float32Array(vectors.length * dims);
  vectors.forEach((v, r) => data.set(v, r * dims));
  return { rows: vectors.length, dims, data };
}

class DenseScorer implements Scorer {
  readonly channels = DENSE_CHANNELS;

  private constructor(
    private readonly centroids: Matrix,
    /** The table's own vectors (shared, not copied). */
    private readonly phrasings: readonly Float32Array[],
    private readonly offsets: Int32Array,
  ) {}

  static build(table: PhrasingTable): DenseScorer {
    const vectors = table.vectors;
    if (!vectors) throw new Error('the dense scorer needs phrasing vectors');
    const dims = vectors[0]?.length ?? 0;
    const sums = Array.from({ length: table.articles.length }, () => new Float64Array(dims));
    vectors.forEach((v, i) => {
      const sum = sums[table.owner[i]!]!;
      for (let k = 0; k < dims; k++) sum[k]! += v[k]!;
    });
    for (const sum of sums) {
      const norm = Math.hypot(...sum) || 1;
      for (let k = 0; k < dims; k++) sum[k]! /= norm;
    }
    return new DenseScorer(packRows(sums, dims), vectors, phrasingOffsets(table.owner, table.articles.length));
  }

  score(query: Query): Float64Array[] {
    const n = this.centroids.rows;
    const v = query.vector;
    if (!v) return [new Float64Array(n), new Float64Array(n)];
    const central = multiply(this.centroids, v);
    const best = Float64Array.from(central);
    for (const a of shortlist(central)) {
      let max = -1;
      for (let i = this.offsets[a]!; i < this.offsets[a + 1]!; i++) max = Math.max(max, dot(v, this.phrasings[i]!));
      best[a] = this.offsets[a] === this.offsets[a + 1] ? 0 : max;
    }
    return [central, best];
  }
}
