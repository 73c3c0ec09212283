/**
 * Anything that turns texts into vectors: the bundled USE-lite encoder today, a hosted embedding API
 * later. `id` names the model (and version) so cached vectors of one model are never read for another.
 */
export interface EmbeddingProvider {
  readonly id: string;
  embed(texts: readonly string[]): Promise<number[][]>;
}

/** L2-normalised copy as Float32 (cosine similarity becomes a dot product). */
export function normalized(vector: ArrayLike<number>): Float32Array {
  const out = Float32Array.from(vector);
  let norm = 0;
  for (let i = 0; i < out.length; i++) norm += out[i]! * out[i]!;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < out.length; i++) out[i]! /= norm;
  return out;
}
