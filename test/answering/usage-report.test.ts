import { afterEach, describe, expect, it } from 'vitest';
import { LlmCallLog } from '../../src/answering/call-log.js';
import { silentLogger } from '../../src/logger.js';
import { openStore } from '../../src/store/store.js';
import { buildReport } from '../../src/reports/build-report.js';
import { formatReport } from '../../src/reports/format-report.js';
import { message, thread } from '../helpers/engine-fixture.js';
import { RecordingOutbox } from '../helpers/recording-outbox.js';
import { FakeOpenAi } from './fake-openai.js';
import { llmEngine } from './llm-fixture.js';

afterEach(() => FakeOpenAi.reset());

describe('LLM cost visibility', () => {
  it('records every call with its tokens, and threadline report sums calls and tokens per day', async () => {
    new FakeOpenAi().chat(
      { json: { answer: 'Use **Forgot password**.', citedArticleIds: ['reset-password'], confident: true }, usage: { prompt_tokens: 500, completion_tokens: 40, total_tokens: 540 } },
      { status: 500 },
      { status: 500 },
      { status: 500 },
      { json: { lines: ['Customer wants invoices for 2025.', 'No answer was tried.'] }, usage: { prompt_tokens: 200, completion_tokens: 30, total_tokens: 230 } },
    );
    const f = await llmEngine();
    const out = new RecordingOutbox();
    await f.engine.handle(message('I forgot my password'), out);
    await f.engine.handle(message('where are my invoices?', { thread: { ...thread, threadId: 't2' } }), out);
    await f.engine.handle(message('can I talk to a human about my invoices', { thread: { ...thread, threadId: 't3' } }), out);

    const calls = await f.store.events.list({ types: ['llm.call'] });
    expect(calls.map((c) => [c.data.purpose, c.data.ok, c.data.totalTokens])).toEqual([
      ['answer', true, 540],
      ['answer', false, 0],
      ['summary', true, 230],
    ]);
    for (const call of calls) expect(call.data).toEqual(expect.objectContaining({ model: 'gpt-4o-mini', ms: expect.any(Number), promptTokens: expect.any(Number), completionTokens: expect.any(Number) }));

    const now = Date.now();
    const report = await buildReport(f.store, { since: new Date(now - 86_400_000), until: new Date(now + 86_400_000) });
    const today = new Date().toISOString().slice(0, 10);
    expect(report.llm).toEqual([{ day: today, calls: 3, tokens: 770 }]);
    expect(formatReport(report)).toContain(`LLM usage per day:\n  ${today}: 3 calls, 770 tokens`);
  });

  it('records calls made before the store was attached once it is (embeddings at start-up)', async () => {
    const log = new LlmCallLog(silentLogger);
    await log.track({ purpose: 'embedding', model: 'text-embedding-3-small' }, async (usage) => usage.add({ promptTokens: 12, totalTokens: 12 }));
    const store = await openStore('memory://');
    log.attach(store.events);
    await new Promise((resolve) => setImmediate(resolve));
    const [event] = await store.events.list({ types: ['llm.call'] });
    expect(event?.data).toMatchObject({ purpose: 'embedding', totalTokens: 12, ok: true });
  });
});
