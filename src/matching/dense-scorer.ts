import type { PhrasingTable } from './phrasings.js';
import type { Query, Scorer, ScorerBuilder } from './scorer.js';

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

/** out[r] = row r · v. */
export function multiply(m: Matrix, v: ArrayLike<number>, out = new Float64Array(m.rows)): Float64Array {
  const { rows, dims, data } = m;
  for (let r = 0; r < rows; r++) {
    let s = 0;
    const base = r * dims;
    for (let k = 0; k < dims; k++) s += data[base + k]! * v[k]!;
    out[r] = s;
  }
  return out;
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
    private readonly phrasings: Matrix,
    private readonly owner: Int32Array,
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
    return new DenseScorer(packRows(sums, dims), packRows(vectors, dims), table.owner);
  }

  score(query: Query): Float64Array[] {
    const n = this.centroids.rows;
    if (!query.vector) return [new Float64Array(n), new Float64Array(n)];
    const central = multiply(this.centroids, query.vector);
    const perPhrasing = multiply(this.phrasings, query.vector);
    const best = new Float64Array(n).fill(-1);
    for (let i = 0; i < perPhrasing.length; i++) {
      const a = this.owner[i]!;
      if (perPhrasing[i]! > best[a]!) best[a] = perPhrasing[i]!;
    }
    for (let a = 0; a < n; a++) if (best[a] === -1) best[a] = 0;
    return [central, best];
  }
}
