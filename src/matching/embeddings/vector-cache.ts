import { setImmediate as nextTurn } from 'node:timers/promises';
import type Keyv from 'keyv';
import { z } from 'zod';
import type { Article } from '../../knowledge/article.js';
import { phrasingsOf } from '../phrasings.js';
import { phrasingVectors } from '../simd/storage.js';
import { normalized, type EmbeddingProvider } from './provider.js';
import type { VectorRows } from '../simd/vector-rows.js';

/** One article's phrasing vectors as stored: base64 Float32 per phrasing (compact in any Keyv backend). */
const storedSchema = z.object({ texts: z.array(z.string()), vectors: z.array(z.string()) });

const KEY_PREFIX = 'matching:vectors';
/** Articles per encoder call and per store read: memory stays flat however many there are. */
const CHUNK = 32;

export interface EmbedStats {
  fromMemory: number;
  fromStore: number;
  embedded: number;
}

/** Where an article's vectors sit in the block of the last `vectorsFor` call. */
interface MemoryEntry {
  rows: VectorRows;
  at: number;
  count: number;
}

/**
 * Embeds articles' phrasings through a provider, keyed by the article's content hash: in memory
 * first, then in the Keyv store, and only then by the encoder. A stored entry that fails validation
 * or does not match the article's phrasings is re-embedded. Memory holds the last call's articles
 * (as positions in its packed block, not copies), so a hot reload embeds only what changed.
 */
export class ArticleVectorCache {
  private memory = new Map<string, MemoryEntry>();

  constructor(
    private readonly provider: EmbeddingProvider,
    private readonly store?: Keyv,
  ) {}

  /** Every article's phrasing vectors (title first), normalised, as one packed block in article order. */
  async vectorsFor(articles: readonly Article[], signal?: AbortSignal): Promise<{ vectors: VectorRows; stats: EmbedStats }> {
    const stats: EmbedStats = { fromMemory: 0, fromStore: 0, embedded: 0 };
    const keys = articles.map((a) => `${KEY_PREFIX}:${this.provider.id}:${a.hash}`);
    const phrasings = articles.map(phrasingsOf);
    const offsets = [0];
    for (const p of phrasings) offsets.push(offsets.at(-1)! + p.length);
    // the block is made once the first vector shows how many dimensions this encoder has
    let rows: VectorRows | undefined;
    const block = (dims: number) => (rows ??= phrasingVectors(offsets.at(-1)!, dims));
    const done = new Uint8Array(articles.length);

    keys.forEach((key, i) => {
      const entry = this.memory.get(key);
      if (!entry || entry.count !== phrasings[i]!.length) return;
      block(entry.rows.dims).copyRows(entry.rows, entry.at, entry.count, offsets[i]!);
      done[i] = 1;
      stats.fromMemory++;
    });

    const notInMemory = keys.flatMap((_, i) => (done[i] ? [] : [i]));
    for (let start = 0; this.store && start < notInMemory.length; start += CHUNK) {
      const chunk = notInMemory.slice(start, start + CHUNK);
      const stored = await this.store.getMany(chunk.map((i) => keys[i]!)).catch(() => []);
      chunk.forEach((i, j) => {
        const vectors = decode(stored[j], phrasings[i]!);
        if (!vectors || (rows && vectors.some((v) => v.length !== rows!.dims))) return;
        vectors.forEach((v, p) => block(v.length).set(offsets[i]! + p, v));
        done[i] = 1;
        stats.fromStore++;
      });
    }

    const toEmbed = keys.flatMap((_, i) => (done[i] ? [] : [i]));
    for (let start = 0; start < toEmbed.length; start += CHUNK) {
      signal?.throwIfAborted();
      const chunk = toEmbed.slice(start, start + CHUNK);
      const raw = await this.provider.embed(chunk.flatMap((i) => phrasings[i]!));
      let at = 0;
      const entries: Array<{ key: string; value: unknown }> = [];
      for (const i of chunk) {
        const vectors = raw.slice(at, at + phrasings[i]!.length).map(normalized);
        at += vectors.length;
        if (rows && vectors.some((v) => v.length !== rows!.dims)) throw new Error(`the encoder returned vectors of ${vectors[0]?.length} dimensions, earlier ones had ${rows.dims}`);
        vectors.forEach((v, p) => block(v.length).set(offsets[i]! + p, v));
        if (this.store) entries.push({ key: keys[i]!, value: encode(phrasings[i]!, vectors) });
      }
      stats.embedded += chunk.length;
      if (this.store) await this.store.setMany(entries).catch(() => undefined); // a failed cache write only costs a re-embed later
      // The encoder's promises settle as microtasks: without a turn of the event loop between chunks, a long
      // build would starve timers and sockets, and the bot could not answer (or even notice questions) meanwhile.
      await nextTurn();
    }

    const vectors = rows ?? phrasingVectors(0, 0);
    this.memory = new Map(keys.map((key, i) => [key, { rows: vectors, at: offsets[i]!, count: phrasings[i]!.length }]));
    return { vectors, stats };
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
