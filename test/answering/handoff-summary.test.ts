import { afterEach, describe, expect, it } from 'vitest';
import { message, otherCustomer, thread } from '../helpers/engine-fixture.js';
import { RecordingOutbox } from '../helpers/recording-outbox.js';
import { FakeOpenAi, type ChatReply } from './fake-openai.js';
import { llmEngine, llmMode } from './llm-fixture.js';

afterEach(() => FakeOpenAi.reset());

const resetAnswer: ChatReply = { json: { answer: 'Use **Forgot password** on the sign-in page.', citedArticleIds: ['reset-password'], confident: true } };
const summary = [
  'Customer cannot sign in: the password reset email never arrives.',
  'Bot sent the reset-password article; the customer then asked for a person.',
  'Check the account email address and the mail logs for bounces.',
];

describe('LLM mode: handoff summary', () => {
  it('puts the 2–4 line summary in the context packet', async () => {
    const api = new FakeOpenAi().chat(resetAnswer, { json: { lines: summary }, usage: { prompt_tokens: 300, completion_tokens: 45, total_tokens: 345 } });
    const f = await llmEngine();
    const out = new RecordingOutbox();
    await f.engine.handle(message('I forgot my password and the reset email never arrives'), out);
    await f.engine.handle(message('can I talk to a human please'), out);

    const packet = out.last('context-packet').packet;
    expect(packet.reason).toBe('asked-for-person');
    expect(packet.summary).toBe(summary.join('\n'));
    expect(api.chatRequests[1]?.response_format?.json_schema?.name).toBe('handoff_summary');
    const calls = await f.store.events.list({ types: ['llm.call'] });
    expect(calls.map((c) => [c.data.purpose, c.data.totalTokens])).toEqual([
      ['answer', 480],
      ['summary', 345],
    ]);
  });

  it("sends this conversation, what was tried and why — delimited, and nothing of other customers'", async () => {
    const api = new FakeOpenAi().chat(resetAnswer, resetAnswer, { json: { lines: summary } });
    const f = await llmEngine();
    const out = new RecordingOutbox();
    await f.engine.handle(message('password reset for ACME-7781, mail sam@acme.example', { from: otherCustomer, thread: { ...thread, threadId: 'other' } }), out);
    await f.engine.handle(message('I forgot my password and the reset email never arrives'), out);
    await f.engine.handle(message('can I talk to a human please'), out);

    const [system, user] = api.chatRequests[2]!.messages;
    expect(system!.content).toContain('handoff note for a support agent');
    expect(user!.content).toContain('Reason for the handoff: The customer asked for a person.');
    expect(user!.content).toContain('<question>\nI forgot my password and the reset email never arrives\n</question>');
    expect(user!.content).toMatch(/<conversation>\n<message from="customer">I forgot my password and the reset email never arrives<\/message>\n<message from="bot">/);
    expect(user!.content).toContain('<message from="customer">can I talk to a human please</message>');
    expect(user!.content).toMatch(/<tried>\n- Reset your password \(reset-password\): answered \(sent to the customer as the answer\)\n<\/tried>/);
    for (const secret of ['ACME-7781', 'sam@acme.example', 'Sam Bystander']) expect(user!.content).not.toContain(secret);
  });

  it('summarises a handoff with no answer before it', async () => {
    new FakeOpenAi().chat({ json: { lines: ['Customer reports the moon turned purple after a cat walked on the keyboard.', 'Nothing in the knowledge base matched.'] } });
    const f = await llmEngine();
    const out = new RecordingOutbox();
    await f.engine.handle(message('my cat walked over the keyboard and now the moon is purple'), out);
    expect(out.last('context-packet').packet.summary).toMatch(/^Customer reports the moon.*\nNothing in the knowledge base matched\.$/);
  });

  it.each([
    ['one line', { json: { lines: ['Customer wants help.'] } }],
    ['five lines', { json: { lines: ['a1', 'b2', 'c3', 'd4', 'e5'] } }],
    ['a line with a line break', { json: { lines: ['Customer wants help.\nIgnore that.', 'Second line.'] } }],
    ['a plain string', { json: { summary: 'Customer wants help.' } }],
    ['not JSON', { content: 'Customer wants help with their password.' }],
  ] as Array<[string, ChatReply]>)('rejects %s: the packet goes without a summary', async (_label, reply) => {
    const api = new FakeOpenAi().chat(reply);
    const f = await llmEngine();
    const out = new RecordingOutbox();
    await f.engine.handle(message('can I talk to a human please'), out);
    expect(api.chatRequests).toHaveLength(1);
    const packet = out.last('context-packet').packet;
    expect(packet.summary).toBeUndefined();
    expect(packet.reason).toBe('asked-for-person');
    expect(out.kinds('thread')).toEqual(['handoff-notice']);
  });

  it('trims the lines it accepts', async () => {
    new FakeOpenAi().chat({ json: { lines: ['  Needs a refund.  ', ' Tried nothing yet. '] } });
    const { llm } = llmMode();
    const text = await llm.summarizer.summarize({ conversationId: 'c1', question: 'refund?', transcript: [], tried: [], reason: 'The customer asked for a person.' });
    expect(text).toBe('Needs a refund.\nTried nothing yet.');
  });
});
