import { afterEach, describe, expect, it } from 'vitest';
import { RecordingOutbox } from '../helpers/recording-outbox.js';
import { message } from '../helpers/engine-fixture.js';
import { API_KEY, BASE_URL, FakeOpenAi, ORIGIN, type ChatReply } from './fake-openai.js';
import { llmEngine } from './llm-fixture.js';

const grounded = { json: { answer: 'Use **Forgot password** on the sign-in page.', citedArticleIds: ['reset-password'], confident: true } };
const rateLimited = (headers: Record<string, string>): ChatReply => ({ status: 429, code: 'rate_limit_exceeded', message: 'Rate limit reached, try again in 2s', headers });
const serverError: ChatReply = { status: 500, message: 'The server had an error while processing your request' };

afterEach(() => FakeOpenAi.reset());

async function ask(question = 'I forgot my password') {
  const f = await llmEngine();
  const out = new RecordingOutbox();
  await f.engine.handle(message(question), out);
  const calls = await f.store.events.list({ types: ['llm.call'] });
  return { ...f, out, calls, log: f.logLines.join('\n') };
}

describe('LLM mode: API errors', () => {
  it('429 with retry-after: waits what the server asks, then answers', async () => {
    const api = new FakeOpenAi().chat(rateLimited({ 'retry-after': '2' }), grounded);
    const { out, calls, sleeps } = await ask();
    expect(out.last('answer').body).toBe('Use **Forgot password** on the sign-in page.');
    expect(sleeps).toEqual([2000]);
    expect(api.chatRequests).toHaveLength(2);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.data).toMatchObject({ ok: true, attempts: 2, totalTokens: 480 });
  });

  it('429 with retry-after-ms is honoured to the millisecond', async () => {
    new FakeOpenAi().chat(rateLimited({ 'retry-after-ms': '350', 'retry-after': '1' }), grounded);
    const { out, sleeps } = await ask();
    expect(out.last('answer').body).toContain('Forgot password');
    expect(sleeps).toEqual([350]);
  });

  it('429 without retry-after backs off and retries', async () => {
    new FakeOpenAi().chat(rateLimited({}), rateLimited({}), grounded);
    const { out, sleeps } = await ask();
    expect(out.last('answer').body).toContain('Forgot password');
    expect(sleeps).toHaveLength(2);
  });

  it('429 asking for a longer wait than a customer should sit through: no wait, embedded answer at once', async () => {
    const api = new FakeOpenAi().chat(rateLimited({ 'retry-after': '120' }));
    const { out, sleeps, log } = await ask();
    expect(out.last('answer').body).toBe('How to reset-password.');
    expect(sleeps).toEqual([]);
    expect(api.chatRequests).toHaveLength(1);
    expect(log).toMatch(/LLM answer failed \(rate-limit\); falling back to embedded mode.*status=429/);
  });

  it('429 insufficient_quota is not retried', async () => {
    const api = new FakeOpenAi().chat({ status: 429, code: 'insufficient_quota', message: 'You exceeded your current quota' });
    const { out, log } = await ask();
    expect(out.last('answer').body).toBe('How to reset-password.');
    expect(api.chatRequests).toHaveLength(1);
    expect(log).toMatch(/\(quota\).*code=insufficient_quota/);
  });

  it('500 on every attempt → retried LLM_MAX_RETRIES times, then the embedded answer, with the reason logged', async () => {
    const api = new FakeOpenAi().chat(serverError, serverError, serverError);
    const { out, calls, log } = await ask();
    expect(api.chatRequests).toHaveLength(3);
    expect(out.last('answer').body).toBe('How to reset-password.');
    expect(out.last('answer').intro).toBe("Here's what I found:");
    expect(calls[0]?.data).toMatchObject({ purpose: 'answer', ok: false, error: 'server', status: 500, attempts: 3, totalTokens: 0 });
    expect(log).toMatch(/WARN\s+LLM answer failed \(server\); falling back to embedded mode.*reason=server status=500.*attempts=3/);
  });

  it('503 then success', async () => {
    new FakeOpenAi().chat({ status: 503, message: 'overloaded' }, grounded);
    const { out, calls } = await ask();
    expect(out.last('answer').body).toContain('Forgot password');
    expect(calls[0]?.data).toMatchObject({ ok: true, attempts: 2 });
  });

  it('timeout → not retried (the customer already waited), the embedded answer goes out', async () => {
    const api = new FakeOpenAi().chat({ hangMs: 2000 });
    const started = Date.now();
    const { out, calls, log } = await ask();
    expect(Date.now() - started).toBeLessThan(1500);
    expect(api.chatRequests).toHaveLength(1);
    expect(out.last('answer').body).toBe('How to reset-password.');
    expect(calls[0]?.data).toMatchObject({ ok: false, error: 'timeout', attempts: 1 });
    expect(log).toMatch(/LLM answer failed \(timeout\)/);
  });

  it('a timeout on a question the matcher would only suggest for still gets the customer the suggestions', async () => {
    new FakeOpenAi().chat({ hangMs: 2000 });
    const { out } = await ask('something about my plan');
    expect(out.last('suggestions').choices.map((c) => c.id)).toEqual(['change-plan', 'cancel-plan']);
  });

  it('401 → not retried, embedded answer, and neither the key nor the server appears in any log line', async () => {
    const api = new FakeOpenAi().chat({ status: 401, code: 'invalid_api_key', message: `Incorrect API key provided: ${API_KEY}. You can find your API key at ${BASE_URL}` });
    const { out, log } = await ask();
    expect(api.chatRequests).toHaveLength(1);
    expect(out.last('answer').body).toBe('How to reset-password.');
    expect(log).toMatch(/\(auth\).*status=401 code=invalid_api_key/);
    expectNoSecrets(log);
  });

  it.each([
    ['a 400 content_filter error', { status: 400, code: 'content_filter', message: 'The response was filtered due to the prompt triggering content management policy' }],
    ['a reply stopped by the content filter', { content: '', finish: 'content_filter' }],
  ] as Array<[string, ChatReply]>)('%s → not retried, embedded answer', async (_label, reply) => {
    const api = new FakeOpenAi().chat(reply);
    const { out, log } = await ask();
    expect(api.chatRequests).toHaveLength(1);
    expect(out.last('answer').body).toBe('How to reset-password.');
    expect(log).toMatch(/LLM answer failed \(content-filter\)/);
  });

  it('a refused connection is retried, then the embedded answer; the address is not logged', async () => {
    new FakeOpenAi();
    const nock = (await import('nock')).default;
    nock(ORIGIN).post('/v1/chat/completions').times(3).replyWithError({ code: 'ECONNREFUSED', message: `connect ECONNREFUSED ${ORIGIN}` });
    const { out, log, sleeps } = await ask();
    expect(sleeps).toHaveLength(2);
    expect(out.last('answer').body).toBe('How to reset-password.');
    expect(log).toMatch(/\(connection\)/);
    expectNoSecrets(log);
  });

  it('the customer still gets a reply when every LLM call fails, including the handoff summary', async () => {
    new FakeOpenAi().chat(serverError, serverError, serverError, serverError, serverError, serverError);
    const f = await llmEngine();
    const out = new RecordingOutbox();
    await f.engine.handle(message('I need to talk to a person about my invoice'), out);
    expect(out.kinds('thread')).toEqual(['handoff-notice']);
    const packet = out.last('context-packet').packet;
    expect(packet.summary).toBeUndefined();
    expect(packet.question).toBe('I need to talk to a person about my invoice');
    expect(f.logLines.join('\n')).toMatch(/LLM summary failed \(server\)/);
  });
});

function expectNoSecrets(log: string) {
  expect(log).not.toContain(API_KEY);
  expect(log).not.toContain(API_KEY.slice(0, 12));
  expect(log).not.toContain(new URL(BASE_URL).hostname);
  expect(log).not.toContain(BASE_URL);
}
