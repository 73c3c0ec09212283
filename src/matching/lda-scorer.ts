import { cholesky, ledoitWolfCovariance } from './linalg.js';
import type { PhrasingTable } from './phrasings.js';
import type { Query, Scorer, ScorerBuilder } from './scorer.js';
import { articleVectors } from './simd/storage.js';
import type { VectorRows } from './simd/vector-rows.js';

export const LDA_CHANNELS = ['lda'] as const;

/** Rows used to estimate the covariance: plenty for 512 dimensions, and bounded build time at scale. */
const MAX_COVARIANCE_ROWS = 20_000;

/**
 * The supervised layer: linear discriminant analysis over phrasing embeddings, trained at load on the
 * articles' own phrasings. Each article is a Gaussian around its mean phrasing with one covariance
 * shared by all (Ledoit–Wolf shrunk, so 10 phrasings per article are enough); the score is the
 * log-likelihood (minus half the squared Mahalanobis distance to the article). It learns which directions of the embedding space separate
 * articles and which only vary between phrasings of one. Deterministic, closed form.
 */
export const ldaScorer: ScorerBuilder = {
  name: 'lda',
  channels: LDA_CHANNELS,
  needsVectors: true,
  build: (table) => LdaScorer.build(table),
};

class LdaScorer implements Scorer {
  readonly channels = LDA_CHANNELS;

  private constructor(
    /** Cholesky factor of the shared covariance: whitening is a forward solve with it. */
    private readonly factor: Float64Array,
    private readonly dims: number,
    /** Whitened article means. */
    private readonly means: VectorRows,
    /** −½ |whitened mean|². */
    private readonly bias: Float64Array,
  ) {}

  static build(table: PhrasingTable): LdaScorer {
    const vectors = table.vectors;
    if (!vectors) throw new Error('the LDA scorer needs phrasing vectors');
    const dims = vectors.dims;
    const n = table.articles.length;
    // article means, packed (one block, not one array per article)
    const means = new Float64Array(n * dims);
    const counts = new Int32Array(n);
    for (let i = 0; i < vectors.count; i++) {
      const a = table.owner[i]!;
      counts[a]!++;
      vectors.addTo(i, means.subarray(a * dims, (a + 1) * dims));
    }
    for (let a = 0; a < n; a++) if (counts[a]) for (let k = 0; k < dims; k++) means[a * dims + k]! /= counts[a]!;

    const step = Math.max(1, Math.ceil(vectors.count / MAX_COVARIANCE_ROWS));
    const sampled: number[] = [];
    for (let i = 0; i < vectors.count; i += step) if (counts[table.owner[i]!]! >= 2) sampled.push(i); // a lone phrasing says nothing about spread
    // each centred row is made when the covariance reads it (up to 20,000 rows of 512 doubles: 80 MB if kept)
    const row = new Float32Array(dims);
    const centred = new Float64Array(dims);
    const centredRows = {
      *[Symbol.iterator]() {
        for (const i of sampled) {
          const a = table.owner[i]!;
          vectors.row(i, row);
          for (let k = 0; k < dims; k++) centred[k] = row[k]! - means[a * dims + k]!;
          yield centred;
        }
      },
    };
    const { covariance } = ledoitWolfCovariance(sampled.length ? centredRows : [new Float64Array(dims)], dims);
    const factor = cholesky(covariance, dims);
    const whitened = articleVectors(n, dims);
    const bias = new Float64Array(n);
    for (let a = 0; a < n; a++) {
      const w = whiten(factor, dims, means.subarray(a * dims, (a + 1) * dims));
      bias[a] = -0.5 * w.reduce((s, x) => s + x * x, 0);
      whitened.set(a, w);
    }
    return new LdaScorer(factor, dims, whitened, bias);
  }

  score(query: Query): Float64Array[] {
    const out = new Float64Array(this.means.count);
    if (!query.vector) return [out];
    const q = whiten(this.factor, this.dims, query.vector);
    this.means.dot(q, out);
    // −½ (Mahalanobis distance)²: keeping the question's own −½|q̃|² term makes the score absolute, so a
    // question far from every article scores low everywhere (the calibration's "none" option needs that)
    const own = -0.5 * q.reduce((s, x) => s + x * x, 0);
    for (let a = 0; a < out.length; a++) out[a]! += this.bias[a]! + own;
    return [out];
  }
}

/** L⁻¹·x by forward substitution (so that x̃·ỹ = xᵀ Σ⁻¹ y). */
function whiten(L: Float64Array, d: number, x: ArrayLike<number>): Float64Array {
  const y = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = x[i]!;
    const row = i * d;
    for (let k = 0; k < i; k++) s -= L[row + k]! * y[k]!;
    y[i] = s / L[row + i]!;
  }
  return y;
}
