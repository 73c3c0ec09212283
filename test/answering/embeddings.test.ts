import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LlmCallLog, OpenAiEmbeddings, createOpenAiClient, embeddingsFor, llmSettings, type LlmFailure } from '../../src/answering/index.js';
import { evaluate } from '../../src/eval/evaluate.js';
import { createLogger, silentLogger } from '../../src/logger.js';
import { createMatcher } from '../../src/matching/create-matcher.js';
import { phrasingsOf } from '../../src/matching/phrasings.js';
import { openStore } from '../../src/store/store.js';
import { helpCentre, knowledgeOf } from '../matching/knowledge-factory.js';
import { API_KEY, BASE_URL, FakeOpenAi, fakeVector, ORIGIN } from './fake-openai.js';
import { llmConfig, llmMode } from './llm-fixture.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'threadline-embeddings-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));
afterEach(() => FakeOpenAi.reset());

const withEmbeddings = () => llmMode({ env: { LLM_EMBEDDINGS: 'true' } });

function provider(calls = new LlmCallLog(silentLogger), env: Record<string, string> = {}) {
  const settings = llmSettings(llmConfig({ LLM_EMBEDDINGS: 'true', ...env }))!;
  const retry = { ...settings.retry, baseDelayMs: 1, sleep: async () => {} };
  return new OpenAiEmbeddings({ client: createOpenAiClient(settings), model: settings.embeddingModel, baseURL: settings.baseURL, retry, calls });
}

describe('OpenAI embedding provider', () => {
  it('is offered only with LLM_EMBEDDINGS=true', () => {
    new FakeOpenAi();
    expect(llmMode().llm.embeddings).toBeUndefined();
    expect(withEmbeddings().llm.embeddings).toBeTypeOf('function');
  });

  it('embeds in batches, in input order, asking for floats of the configured model', async () => {
    const api = new FakeOpenAi().embeddings();
    const texts = Array.from({ length: 300 }, (_, i) => `question number ${i} about invoices`);
    const vectors = await provider().embed(texts);
    expect(api.embeddingRequests.map((r) => r.input.length)).toEqual([128, 128, 44]);
    expect(api.embeddingRequests[0]).toMatchObject({ model: 'text-embedding-3-small', encoding_format: 'float' });
    expect(vectors).toHaveLength(300);
    expect(vectors[299]).toEqual(fakeVector(texts[299]!));
  });

  it('puts vectors back in input order when the server lists them out of order', async () => {
    new FakeOpenAi();
    nock(ORIGIN)
      .post('/v1/embeddings')
      .reply(200, { data: [{ index: 1, embedding: [0, 1] }, { index: 0, embedding: [1, 0] }], usage: { prompt_tokens: 4, total_tokens: 4 } });
    expect(await provider().embed(['first', 'second'])).toEqual([[1, 0], [0, 1]]);
  });

  it.each([
    ['too few vectors', { data: [{ index: 0, embedding: [1, 0] }] }],
    ['vectors of different sizes', { data: [{ index: 0, embedding: [1, 0] }, { index: 1, embedding: [1, 0, 0] }] }],
    ['not vectors', { data: [{ index: 0, embedding: 'AAAA' }, { index: 1, embedding: 'AAAA' }] }],
  ])('refuses a reply with %s', async (_label, body) => {
    new FakeOpenAi();
    nock(ORIGIN).post('/v1/embeddings').reply(200, body);
    await expect(provider().embed(['first', 'second'])).rejects.toMatchObject({ name: 'LlmFailure', reason: 'malformed-output' });
  });

  it('records each request with its tokens, and throws (after logging why) when the API fails', async () => {
    const store = await openStore('memory://');
    const lines: string[] = [];
    const calls = new LlmCallLog(createLogger('debug', (l) => lines.push(l)));
    calls.attach(store.events);
    new FakeOpenAi().embeddings();
    await provider(calls).embed(['reset my password']);
    FakeOpenAi.reset();
    new FakeOpenAi().embeddings({ failWith: 500 });
    const failure = (await provider(calls).embed(['reset my password']).catch((e: unknown) => e)) as LlmFailure;
    expect(failure.reason).toBe('server');

    const events = await store.events.list({ types: ['llm.call'] });
    expect(events.map((e) => e.data)).toEqual([
      expect.objectContaining({ purpose: 'embedding', model: 'text-embedding-3-small', promptTokens: 3, totalTokens: 3, ok: true }),
      expect.objectContaining({ purpose: 'embedding', ok: false, error: 'server', status: 500, attempts: 3 }),
    ]);
    expect(lines.join('\n')).toMatch(/LLM embedding failed \(server\); matching goes on without it/);
    expect(lines.join('\n')).not.toContain(API_KEY);
  });

  it('names the model and (by hash) the server, so vectors of different models are never mixed', () => {
    const a = provider();
    expect(a.id).toMatch(/^openai:text-embedding-3-small@[0-9a-f]{8}$/);
    expect(a.id).not.toContain(new URL(BASE_URL).hostname);
    expect(provider(undefined, { LLM_EMBEDDING_MODEL: 'text-embedding-3-large' }).id).not.toBe(a.id);
    expect(provider(undefined, { OPENAI_BASE_URL: 'http://localhost:11434/v1' }).id).not.toBe(a.id);
  });
});

describe('hybrid matching on OpenAI embeddings', () => {
  const knowledge = knowledgeOf(helpCentre());
  const phrasings = knowledge.articles.flatMap(phrasingsOf);

  it('embeds the articles once; a second start reads them from the store and embeds only questions', async () => {
    const storeUrl = `sqlite://${join(dir, 'cache.sqlite')}`;

    const first = new FakeOpenAi().embeddings();
    const firstStore = await openStore(storeUrl);
    const firstStart = await createMatcher(knowledge, { kind: 'hybrid', cache: firstStore.keyv, embeddings: withEmbeddings().llm.embeddings });
    expect(firstStart.kind).toBe('hybrid');
    expect(first.embeddedTexts.sort()).toEqual([...phrasings].sort());
    await firstStore.close();
    FakeOpenAi.reset();

    // a new process: new provider, new store connection on the same file
    const second = new FakeOpenAi().embeddings();
    const secondStore = await openStore(storeUrl);
    const mode = withEmbeddings();
    mode.llm.calls.attach(secondStore.events);
    const secondStart = await createMatcher(knowledge, { kind: 'hybrid', cache: secondStore.keyv, embeddings: mode.llm.embeddings });
    expect(secondStart.kind).toBe('hybrid');
    expect(second.embeddingRequests).toHaveLength(0);

    const result = await secondStart.match('I forgot my password');
    expect(second.embeddedTexts).toEqual(['I forgot my password']);
    expect(result.candidates[0]?.article.id).toBe('reset-password');
    const events = await secondStore.events.list({ types: ['llm.call'] });
    expect(events.map((e) => e.data.purpose)).toEqual(['embedding']);
    await secondStore.close();
  });

  it('re-embeds only the article that changed', async () => {
    const storeUrl = `sqlite://${join(dir, 'edit.sqlite')}`;
    new FakeOpenAi().embeddings();
    const store = await openStore(storeUrl);
    await createMatcher(knowledge, { kind: 'hybrid', cache: store.keyv, embeddings: withEmbeddings().llm.embeddings });
    FakeOpenAi.reset();

    const edited = helpCentre().map((a) => (a.id === 'cancel-plan' ? { ...a, hash: 'edited', questions: [...a.questions, 'close my account billing'] } : a));
    const api = new FakeOpenAi().embeddings();
    await createMatcher(knowledgeOf(edited), { kind: 'hybrid', cache: store.keyv, embeddings: withEmbeddings().llm.embeddings });
    expect(api.embeddedTexts).toEqual(phrasingsOf(edited.find((a) => a.id === 'cancel-plan')!));
    await store.close();
  });

  it('falls back to lexical matching when the embeddings API fails at start', async () => {
    new FakeOpenAi().embeddings({ failWith: 503 });
    const matcher = await createMatcher(knowledge, { kind: 'hybrid', embeddings: withEmbeddings().llm.embeddings });
    expect(matcher.kind).toBe('lexical');
    expect((await matcher.match('I forgot my password')).candidates[0]?.article.id).toBe('reset-password');
  });

  it('lets threadline eval score a labelled set on the API embeddings', async () => {
    expect(embeddingsFor(llmConfig(), { logger: silentLogger })).toBeUndefined();
    const api = new FakeOpenAi().embeddings();
    const pieces = embeddingsFor(llmConfig({ LLM_EMBEDDINGS: 'true' }), { logger: silentLogger })!;
    const result = await evaluate(join(import.meta.dirname, '../fixtures/eval-small'), { kind: 'hybrid', embeddings: pieces.embeddings });
    expect(result.lines[0]).toMatch(/hybrid matcher$/);
    expect(result.figures.cases).toBeGreaterThan(0);
    // every case's question went through the API
    expect(api.embeddingRequests.length).toBeGreaterThan(result.figures.cases);
  });
});
