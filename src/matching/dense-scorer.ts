import type { PhrasingTable } from './phrasings.js';
import type { Query, Scorer, ScorerBuilder } from './scorer.js';
import { phrasingOffsets, shortlist } from './shortlist.js';
import { FloatRows } from './simd/float-rows.js';

export const DENSE_CHANNELS = ['embed-centroid', 'embed-best'] as const;

/** Cosine of the question's embedding to each article's mean phrasing embedding and to its closest phrasing. */
export const denseScorer: ScorerBuilder = {
  name: 'dense',
  channels: DENSE_CHANNELS,
  needsVectors: true,
  build: (table) => DenseScorer.build(table),
};

export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k]! * b[k]!;
  return s;
}

class DenseScorer implements Scorer {
  readonly channels = DENSE_CHANNELS;

  private constructor(
    private readonly centroids: FloatRows,
    /** The table's own vectors (shared, not copied). */
    private readonly phrasings: readonly Float32Array[],
    private readonly offsets: Int32Array,
  ) {}

  static build(table: PhrasingTable): DenseScorer {
    const vectors = table.vectors;
    if (!vectors) throw new Error('the dense scorer needs phrasing vectors');
    const dims = vectors[0]?.length ?? 0;
    const n = table.articles.length;
    const offsets = phrasingOffsets(table.owner, n);
    const centroids = new FloatRows(n, dims);
    const sum = new Float64Array(dims);
    for (let a = 0; a < n; a++) {
      sum.fill(0);
      for (let i = offsets[a]!; i < offsets[a + 1]!; i++) {
        const v = vectors[i]!;
        for (let k = 0; k < dims; k++) sum[k]! += v[k]!;
      }
      const norm = Math.hypot(...sum) || 1;
      const row = centroids.row(a);
      for (let k = 0; k < dims; k++) row[k] = sum[k]! / norm;
    }
    return new DenseScorer(centroids, vectors, offsets);
  }

  score(query: Query): Float64Array[] {
    const n = this.centroids.count;
    const v = query.vector;
    if (!v) return [new Float64Array(n), new Float64Array(n)];
    const central = this.centroids.dot(v);
    const best = Float64Array.from(central);
    for (const a of shortlist(central)) {
      let max = -1;
      for (let i = this.offsets[a]!; i < this.offsets[a + 1]!; i++) max = Math.max(max, dot(v, this.phrasings[i]!));
      best[a] = this.offsets[a] === this.offsets[a + 1] ? 0 : max;
    }
    return [central, best];
  }
}
