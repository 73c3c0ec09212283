/** A sparse vector: term indices in ascending order with their weights. Vectors built here are L2-normalised. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

export const emptyVector: SparseVector = { indices: new Int32Array(0), values: new Float32Array(0) };

/** Term index → weight map to a normalised sparse vector (zero-length stays empty). */
export function toSparse(weights: Map<number, number>): SparseVector {
  const indices = Int32Array.from(weights.keys()).sort();
  const values = new Float32Array(indices.length);
  let norm = 0;
  for (const [i, t] of indices.entries()) {
    const w = weights.get(t) ?? 0;
    values[i] = w;
    norm += w * w;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < values.length; i++) values[i]! /= norm;
  return { indices, values };
}

/** Normalised mean of normalised vectors: the "centroid" direction of an article's phrasings. */
export function centroid(vectors: readonly SparseVector[]): SparseVector {
  const sum = new Map<number, number>();
  for (const v of vectors) {
    for (let i = 0; i < v.indices.length; i++) {
      const t = v.indices[i]!;
      sum.set(t, (sum.get(t) ?? 0) + v.values[i]!);
    }
  }
  return toSparse(sum);
}

/** Adds `b` scaled by `weight` into a term → weight map. */
export function addInto(target: Map<number, number>, b: SparseVector, weight: number): void {
  for (let i = 0; i < b.indices.length; i++) {
    const t = b.indices[i]!;
    target.set(t, (target.get(t) ?? 0) + weight * b.values[i]!);
  }
}

/**
 * TF-IDF over a fixed vocabulary: sublinear term frequency (1 + ln tf), smoothed idf, L2 norm.
 * Terms never seen while fitting are ignored at query time (they cannot point at any article).
 */
export class TfidfVectorizer {
  private constructor(
    private readonly vocabulary: Map<string, number>,
    private readonly idf: Float64Array,
    /** Distinct terms summed over the fitted documents: the non-zeros of their transformed vectors. */
    readonly fittedNonZeros: number,
  ) {}

  static fit(documents: readonly string[][]): TfidfVectorizer {
    return TfidfVectorizer.fitEach(documents.length, (i) => documents[i]!);
  }

  /** Fits on `count` documents made one at a time by `tokensOf`, so they never all sit in memory at once. */
  static fitEach(count: number, tokensOf: (i: number) => readonly string[]): TfidfVectorizer {
    const vocabulary = new Map<string, number>();
    const df: number[] = [];
    let nonZeros = 0;
    for (let d = 0; d < count; d++) {
      const terms = new Set(tokensOf(d));
      nonZeros += terms.size;
      for (const term of terms) {
        let index = vocabulary.get(term);
        if (index === undefined) {
          index = vocabulary.size;
          vocabulary.set(term, index);
          df.push(0);
        }
        df[index]!++;
      }
    }
    const idf = Float64Array.from(df, (d) => Math.log((1 + count) / (1 + d)) + 1);
    return new TfidfVectorizer(vocabulary, idf, nonZeros);
  }

  get size(): number {
    return this.vocabulary.size;
  }

  transform(tokens: readonly string[]): SparseVector {
    const counts = new Map<number, number>();
    for (const term of tokens) {
      const index = this.vocabulary.get(term);
      if (index !== undefined) counts.set(index, (counts.get(index) ?? 0) + 1);
    }
    for (const [index, tf] of counts) counts.set(index, (1 + Math.log(tf)) * this.idf[index]!);
    return toSparse(counts);
  }
}
