import type Keyv from 'keyv';
import { z } from 'zod';
import type { Article } from '../../knowledge/article.js';
import { phrasingsOf } from '../phrasings.js';
import { normalized, type EmbeddingProvider } from './provider.js';

/** One article's phrasing vectors as stored: base64 Float32 per phrasing (compact in any Keyv backend). */
const storedSchema = z.object({ texts: z.array(z.string()), vectors: z.array(z.string()) });

const KEY_PREFIX = 'matching:vectors';
const EMBED_CHUNK = 256;
/** Articles whose vectors stay in memory between rebuilds, so a hot reload embeds only what changed. */
const MEMORY_LIMIT = 200_000;

export interface EmbedStats {
  fromMemory: number;
  fromStore: number;
  embedded: number;
}

/**
 * Embeds articles' phrasings through a provider, keyed by the article's content hash: in memory
 * first, then in the Keyv store, and only then by the encoder. A stored entry that fails validation
 * or does not match the article's phrasings is re-embedded.
 */
export class ArticleVectorCache {
  private memory = new Map<string, Float32Array[]>();

  constructor(
    private readonly provider: EmbeddingProvider,
    private readonly store?: Keyv,
  ) {}

  /** Vectors for each article's phrasings (title first), normalised, in article order. */
  async vectorsFor(articles: readonly Article[]): Promise<{ vectors: Float32Array[][]; stats: EmbedStats }> {
    const stats: EmbedStats = { fromMemory: 0, fromStore: 0, embedded: 0 };
    const keys = articles.map((a) => `${KEY_PREFIX}:${this.provider.id}:${a.hash}`);
    const found: Array<Float32Array[] | undefined> = keys.map((k) => this.memory.get(k));
    stats.fromMemory = found.filter(Boolean).length;

    const missingFromMemory = keys.flatMap((k, i) => (found[i] ? [] : [i]));
    if (this.store && missingFromMemory.length) {
      const stored = await this.store.getMany(missingFromMemory.map((i) => keys[i]!)).catch(() => []);
      missingFromMemory.forEach((i, j) => {
        const vectors = decode(stored[j], phrasingsOf(articles[i]!));
        if (vectors) {
          found[i] = vectors;
          stats.fromStore++;
        }
      });
    }

    const toEmbed = found.flatMap((v, i) => (v ? [] : [i]));
    // a few hundred articles at a time: memory stays flat however many need embedding
    for (let start = 0; start < toEmbed.length; start += EMBED_CHUNK) {
      const chunk = toEmbed.slice(start, start + EMBED_CHUNK);
      const raw = await this.provider.embed(chunk.flatMap((i) => phrasingsOf(articles[i]!)));
      let at = 0;
      const entries: Array<{ key: string; value: unknown }> = [];
      for (const i of chunk) {
        const phrasings = phrasingsOf(articles[i]!);
        const vectors = raw.slice(at, at + phrasings.length).map(normalized);
        at += phrasings.length;
        found[i] = vectors;
        if (this.store) entries.push({ key: keys[i]!, value: encode(phrasings, vectors) });
      }
      stats.embedded += chunk.length;
      if (this.store) await this.store.setMany(entries).catch(() => undefined); // a failed cache write only costs a re-embed later
    }

    if (this.memory.size > MEMORY_LIMIT) this.memory.clear();
    keys.forEach((k, i) => this.memory.set(k, found[i]!));
    return { vectors: found as Float32Array[][], stats };
  }
}

function encode(texts: string[], vectors: Float32Array[]) {
  return { texts, vectors: vectors.map((v) => Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64')) };
}

function decode(value: unknown, phrasings: string[]): Float32Array[] | undefined {
  const parsed = storedSchema.safeParse(value);
  if (!parsed.success || parsed.data.texts.length !== phrasings.length || parsed.data.texts.some((t, i) => t !== phrasings[i])) return undefined;
  return parsed.data.vectors.map((b64) => {
    const bytes = Buffer.from(b64, 'base64');
    return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  });
}

const caches = new WeakMap<EmbeddingProvider, Map<Keyv | undefined, ArticleVectorCache>>();

/** One cache per encoder and store, so rebuilds after an edit reuse every unchanged article's vectors. */
export function vectorCacheFor(provider: EmbeddingProvider, store?: Keyv): ArticleVectorCache {
  let byStore = caches.get(provider);
  if (!byStore) caches.set(provider, (byStore = new Map()));
  let cache = byStore.get(store);
  if (!cache) byStore.set(store, (cache = new ArticleVectorCache(provider, store)));
  return cache;
}
