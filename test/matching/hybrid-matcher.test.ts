import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import Keyv from 'keyv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { createLogger } from '../../src/logger.js';
import { createMatcher } from '../../src/matching/create-matcher.js';
import type { EmbeddingProvider } from '../../src/matching/embeddings/provider.js';
import { loadUseLite, sharedUseLite } from '../../src/matching/embeddings/use-lite.js';
import { ArticleVectorCache } from '../../src/matching/embeddings/vector-cache.js';
import { article, helpCentre, knowledgeOf } from './knowledge-factory.js';

/** Every way Node code reaches the network, replaced by a recorder that refuses. */
function blockNetwork(): { attempts: string[]; restore(): void } {
  const attempts: string[] = [];
  const refuse = (what: string) => () => {
    attempts.push(what);
    throw new Error(`network blocked in test: ${what}`);
  };
  const saved = {
    connect: net.Socket.prototype.connect,
    httpRequest: http.request, httpGet: http.get, httpsRequest: https.request, httpsGet: https.get,
    fetch: globalThis.fetch,
  };
  net.Socket.prototype.connect = refuse('net.Socket.connect') as never;
  http.request = refuse('http.request') as never;
  http.get = refuse('http.get') as never;
  https.request = refuse('https.request') as never;
  https.get = refuse('https.get') as never;
  globalThis.fetch = refuse('fetch') as never;
  return {
    attempts,
    restore() {
      net.Socket.prototype.connect = saved.connect;
      Object.assign(http, { request: saved.httpRequest, get: saved.httpGet });
      Object.assign(https, { request: saved.httpsRequest, get: saved.httpsGet });
      globalThis.fetch = saved.fetch;
    },
  };
}

/** Counts texts sent to the encoder, so tests can see what a rebuild re-embeds. */
function counting(provider: EmbeddingProvider) {
  const counter = { texts: 0 };
  const wrapped: EmbeddingProvider = {
    id: provider.id,
    embed: (texts) => {
      counter.texts += texts.length;
      return provider.embed(texts);
    },
  };
  return { counter, provider: wrapped };
}

describe('hybrid matcher (bundled USE-lite encoder)', () => {
  let encoder: EmbeddingProvider;
  beforeAll(async () => {
    encoder = await sharedUseLite();
  });

  it('loads knowledge and matches with every outbound connection blocked, attempting none', async () => {
    const network = blockNetwork();
    try {
      const knowledge = await loadKnowledge('test/fixtures/eval-small/knowledge');
      const matcher = await createMatcher(knowledge, { kind: 'hybrid', embeddings: loadUseLite, cache: new Keyv() });
      expect(matcher.kind).toBe('hybrid');
      const result = await matcher.match('I lost the code to open the locker');
      expect(result.candidates[0]?.article.id).toBe('locker-code');
    } finally {
      network.restore();
    }
    expect(network.attempts).toEqual([]);
  });

  it('matches paraphrases that share no words with the article, through the embeddings', async () => {
    const matcher = await createMatcher(knowledgeOf(helpCentre()), { kind: 'hybrid', embeddings: async () => encoder });
    expect(matcher.kind).toBe('hybrid');
    const { candidates } = await matcher.match('I cannot remember my login credentials');
    expect(candidates[0]?.article.id).toBe('reset-password');
  });

  it('falls back to lexical matching with a clear warning when the encoder fails to load', async () => {
    const lines: string[] = [];
    const logger = createLogger('warn', (l) => lines.push(l));
    const matcher = await createMatcher(knowledgeOf(helpCentre()), {
      kind: 'hybrid',
      logger,
      embeddings: () => Promise.reject(new Error('model files missing')),
    });
    expect(matcher.kind).toBe('lexical');
    expect(lines.join('\n')).toMatch(/WARN.*sentence encoder could not be loaded; matching is lexical-only.*model files missing/);
    expect((await matcher.match('I forgot my password')).candidates[0]?.article.id).toBe('reset-password');
  });

  it('caches article vectors by content hash: a restart embeds nothing, an edit re-embeds only that article', async () => {
    const store = new Keyv();
    const first = counting(encoder);
    const articles = helpCentre();
    const phrasings = articles.reduce((n, a) => n + 1 + a.questions.length, 0);
    await new ArticleVectorCache(first.provider, store).vectorsFor(articles);
    expect(first.counter.texts).toBe(phrasings);

    const restarted = counting(encoder); // a new process: nothing in memory, the store is warm
    const cache = new ArticleVectorCache(restarted.provider, store);
    const { stats } = await cache.vectorsFor(articles);
    expect(stats).toEqual({ fromMemory: 0, fromStore: articles.length, embedded: 0 });
    expect(restarted.counter.texts).toBe(0);

    const edited = articles.map((a) => (a.id === 'invoices' ? article({ ...a, hash: '', questions: [...a.questions, 'send me last month invoice'] }) : a));
    const after = await cache.vectorsFor(edited);
    expect(after.stats).toEqual({ fromMemory: articles.length - 1, fromStore: 0, embedded: 1 });
    expect(restarted.counter.texts).toBe(1 + edited.find((a) => a.id === 'invoices')!.questions.length);
  });

  it('lets the event loop run between embedding chunks, so the bot keeps answering during a long build', async () => {
    // an encoder whose promises settle at once (as microtasks), like the bundled one on a busy core
    const instant: EmbeddingProvider = { id: 'instant', embed: async (texts) => texts.map((t) => [t.length, 1, 0]) };
    const articles = Array.from({ length: 200 }, (_, i) => article({ id: `a${i}`, questions: [`question ${i}`] }));
    // count event-loop turns with a self-renewing setImmediate: a timer would only fire if a millisecond passed
    let turns = 0;
    let ticking = true;
    const tick = () => {
      turns++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    try {
      await new ArticleVectorCache(instant).vectorsFor(articles);
    } finally {
      ticking = false;
    }
    expect(turns).toBeGreaterThan(1);
  });

  describe('warm start on the sample knowledge base', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'threadline-warm-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('takes under 2 s once the store holds its vectors and model (encoder load included)', async () => {
      const file = join(dir, 'cache.sqlite');
      const open = () => new Keyv({ store: new KeyvSqlite({ uri: `sqlite://${file}` }), namespace: 'threadline' });
      const cold = open();
      await createMatcher(await loadKnowledge('knowledge'), { kind: 'hybrid', embeddings: async () => encoder, cache: cold });
      await cold.disconnect();

      const started = performance.now();
      const warm = open();
      const knowledge = await loadKnowledge('knowledge');
      const matcher = await createMatcher(knowledge, { kind: 'hybrid', embeddings: loadUseLite, cache: warm });
      const elapsed = performance.now() - started;
      await warm.disconnect();
      expect(matcher.kind).toBe('hybrid');
      expect(knowledge.articles.length).toBeGreaterThanOrEqual(30);
      expect(elapsed).toBeLessThan(2000);
    });
  });
});
