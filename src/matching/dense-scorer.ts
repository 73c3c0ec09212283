import type { PhrasingTable } from './phrasings.js';
import type { Query, Scorer, ScorerBuilder } from './scorer.js';
import { phrasingOffsets, shortlist } from './shortlist.js';
import { articleVectors } from './simd/storage.js';
import type { VectorRows } from './simd/vector-rows.js';

export const DENSE_CHANNELS = ['embed-centroid', 'embed-best'] as const;

/** Cosine of the question's embedding to each article's mean phrasing embedding and to its closest phrasing. */
export const denseScorer: ScorerBuilder = {
  name: 'dense',
  channels: DENSE_CHANNELS,
  needsVectors: true,
  build: (table) => DenseScorer.build(table),
};

class DenseScorer implements Scorer {
  readonly channels = DENSE_CHANNELS;

  private constructor(
    private readonly centroids: VectorRows,
    /** The table's own phrasing vectors (shared, not copied). */
    private readonly phrasings: VectorRows,
    private readonly offsets: Int32Array,
    /** Scratch for one article's phrasing scores. */
    private readonly scratch: Float64Array,
  ) {}

  static build(table: PhrasingTable): DenseScorer {
    const vectors = table.vectors;
    if (!vectors) throw new Error('the dense scorer needs phrasing vectors');
    const dims = vectors.dims;
    const n = table.articles.length;
    const offsets = phrasingOffsets(table.owner, n);
    const centroids = articleVectors(n, dims);
    const sum = new Float64Array(dims);
    let most = 0;
    for (let a = 0; a < n; a++) {
      sum.fill(0);
      for (let i = offsets[a]!; i < offsets[a + 1]!; i++) vectors.addTo(i, sum);
      const norm = Math.hypot(...sum) || 1;
      for (let k = 0; k < dims; k++) sum[k]! /= norm;
      centroids.set(a, sum);
      most = Math.max(most, offsets[a + 1]! - offsets[a]!);
    }
    return new DenseScorer(centroids, vectors, offsets, new Float64Array(most));
  }

  score(query: Query): Float64Array[] {
    const n = this.centroids.count;
    const v = query.vector;
    if (!v) return [new Float64Array(n), new Float64Array(n)];
    const central = this.centroids.dot(v);
    const best = Float64Array.from(central);
    for (const a of shortlist(central)) {
      const from = this.offsets[a]!, to = this.offsets[a + 1]!;
      if (from === to) {
        best[a] = 0;
        continue;
      }
      const scores = this.phrasings.dot(v, this.scratch, from, to);
      let max = -1;
      for (let i = 0; i < to - from; i++) max = Math.max(max, scores[i]!);
      best[a] = max;
    }
    return [central, best];
  }
}
