import { describe, expect, it } from 'vitest';
import { conversationIdFor } from '../../src/engine/conversation.js';
import { RecordingOutbox } from '../helpers/recording-outbox.js';
import { engineFixture, message, thread } from '../helpers/engine-fixture.js';

const id = conversationIdFor(thread);

/** A conversation the bot has just answered with "Reset your password". */
async function answered() {
  const fixture = await engineFixture();
  const out = new RecordingOutbox();
  await fixture.engine.handle(message('forgot my password'), out);
  out.clear();
  return { ...fixture, out };
}

describe('a customer saying the answer did not help', () => {
  it.each([
    "that didn't help",
    'no, it still doesn’t work',
    'still nothing',
    'Nope.',
    'not what I asked',
    "didn't work for me either, sorry",
    'I tried that already and it still does not work',
    "I followed the steps but it's still broken",
    'still the same problem',
    'wrong article',
    "That article didn't help",
    "this answer didn't help",
    "The reset link you sent doesn't work",
    "that didn't help me",
    'still not working for me',
    'it did not help me with my problem',
  ])('"%s" hands off to a person, with the answer marked rejected', async (said) => {
    const { engine, store, out, matcher } = await answered();
    await engine.handle(message(said), out);

    expect(out.kinds('thread')).toEqual(['handoff-notice']);
    const packet = out.last('context-packet').packet;
    expect(packet.reason).toBe('not-helped');
    expect(packet.tried).toEqual([expect.objectContaining({ id: 'reset-password', outcome: 'rejected' })]);
    expect((await store.conversations.get(id))?.state).toBe('handed_off');
    expect(matcher.questions).toEqual(['forgot my password']); // the complaint was not searched for articles
  });

  it('searches with what it adds ("… I need my invoice"), and hands off when that did not help either', async () => {
    const { engine, store, out, matcher } = await answered();
    await engine.handle(message("that didn't help, I need my invoice"), out);
    expect(matcher.questions.at(-1)).toBe('i need my invoice');
    expect(await store.conversations.get(id)).toMatchObject({ state: 'answered', answeredArticleId: 'invoices', failures: 1 });

    await engine.handle(message('still nothing'), out);
    expect(out.kinds('thread')).toEqual(['answer', 'handoff-notice']);
    expect(out.last('context-packet').packet.tried.map((t) => [t.id, t.outcome])).toEqual([
      ['reset-password', 'rejected'],
      ['invoices', 'rejected'],
    ]);
  });

  it.each([
    ["my invoice doesn't show the VAT number", 'invoices'],
    ["I can't find my receipt", 'invoices'],
    ["the invoice export doesn't work for CSV files", 'invoices'],
    ['Why is my invoice not in English?', 'invoices'],
    ["I can't download my invoices", 'invoices'],
    ["I can't change the address on my invoice", 'invoices'],
  ])('"%s" is a new question, not a complaint about the answer', async (question, articleId) => {
    const { engine, store, out } = await answered();
    await engine.handle(message(question), out);

    expect(out.kinds('thread')).toEqual(['answer']);
    const conversation = await store.conversations.get(id);
    expect(conversation).toMatchObject({ state: 'answered', answeredArticleId: articleId, failures: 0 });
    expect(conversation?.tried.find((t) => t.id === 'reset-password')?.outcome).toBe('answered');
  });

  it('asked again in other words, the same article is not sent again: the bot hands off with it marked rejected', async () => {
    const { engine, out } = await answered();
    await engine.handle(message('what if the password email never arrives'), out);
    expect(out.kinds('thread')).toEqual(['handoff-notice']);
    const packet = out.last('context-packet').packet;
    expect(packet.reason).toBe('not-helped');
    expect(packet.tried).toEqual([expect.objectContaining({ id: 'reset-password', outcome: 'rejected' })]);
  });

  it('"none of these, I need …" to a "Did you mean" list searches for what it adds, without offering those choices again', async () => {
    const { engine, store, out, matcher } = await answered();
    const other = { ...thread, threadId: 't3' };
    await engine.handle(message('change my plan', { thread: other }), out);
    const offered = out.last('suggestions').choices.map((c) => c.id);
    await engine.handle(message('none of these, I need my invoice', { thread: other }), out);
    expect(matcher.questions.at(-1)).toBe('i need my invoice');
    const conversation = await store.conversations.get(conversationIdFor(other));
    expect(conversation?.failures).toBe(1);
    for (const articleId of offered) expect(conversation?.tried.find((t) => t.id === articleId)?.outcome).toBe('rejected');
  });

  it.each(['none of these help', 'still nothing', 'no', 'none', 'Neither.', 'neither of them'])('"%s" to a "Did you mean" list is "None of these"', async (said) => {
    const { engine, out } = await answered();
    await engine.handle(message('change my plan', { thread: { ...thread, threadId: 't2' } }), out);
    await engine.handle(message(said, { thread: { ...thread, threadId: 't2' } }), out);
    expect(out.kinds('thread')).toEqual(['suggestions', 'handoff-notice']);
    expect(out.last('context-packet').packet.reason).toBe('none-fit');
  });

  it('a follow-up on the same topic ("it says my link expired") is the answer not helping, not a new question', async () => {
    const { engine, store } = await engineFixture({
      rules: [
        [/password/i, { answer: 'reset-password' }],
        [/expired|email/i, { suggest: ['invoices'] }], // alone, the follow-up only weakly matches something else
      ],
    });
    const out = new RecordingOutbox();
    await engine.handle(message('forgot my password'), out);
    await engine.handle(message('it says my link expired'), out);
    expect(out.kinds('thread')).toEqual(['answer', 'handoff-notice']);
    expect(out.last('context-packet').packet).toMatchObject({ reason: 'not-helped', reasonText: expect.stringMatching(/asked about the same thing again/) });
    expect((await store.conversations.get(id))?.tried).toEqual([expect.objectContaining({ id: 'reset-password', outcome: 'rejected' })]);
  });

  it('also when, with the question before it, the follow-up only suggests the article just sent ("I can\'t log in" + "it says my link expired")', async () => {
    const { engine } = await engineFixture({
      rules: [
        [/log in .*expired/i, { suggest: ['reset-password'] }], // the two together
        [/log in/i, { answer: 'reset-password' }],
        [/expired/i, { suggest: ['invoices'] }],
      ],
    });
    const out = new RecordingOutbox();
    await engine.handle(message("I can't log in"), out);
    await engine.handle(message('it says my link expired'), out);
    expect(out.kinds('thread')).toEqual(['answer', 'handoff-notice']);
    expect(out.last('context-packet').packet.reason).toBe('not-helped');
  });

  it('asked again with the same article fitting: offers the runners-up only if they are worth suggesting', async () => {
    const weak = await engineFixture({ rules: [[/password/i, { answer: 'reset-password', also: [['invoices', 0.05]] }]] });
    const out = new RecordingOutbox();
    await weak.engine.handle(message('forgot my password'), out);
    await weak.engine.handle(message('I forgot my password'), out);
    expect(out.kinds('thread')).toEqual(['answer', 'handoff-notice']);

    const close = await engineFixture({ rules: [[/password/i, { answer: 'reset-password', also: [['invoices', 0.4]] }]] });
    const out2 = new RecordingOutbox();
    await close.engine.handle(message('forgot my password'), out2);
    await close.engine.handle(message('I forgot my password'), out2);
    expect(out2.last('suggestions').choices.map((c) => c.id)).toEqual(['invoices']);
  });
});
