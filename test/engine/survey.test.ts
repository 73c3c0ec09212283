import { describe, expect, it } from 'vitest';
import { conversationIdFor } from '../../src/engine/conversation.js';
import { RecordingOutbox } from '../helpers/recording-outbox.js';
import { action, agent, engineFixture, message, otherCustomer, thread } from '../helpers/engine-fixture.js';

const id = conversationIdFor(thread);

describe('the CES survey', () => {
  it('is asked once after the customer presses Solved, on a 1–7 scale with the CES 2.0 wording', async () => {
    const { engine, store } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('forgot my password'), out);
    await engine.handle(action(id, 'solved'), out);

    const survey = out.last('survey');
    expect(survey.question).toContain('Brightloom made it easy for me to handle my issue.');
    expect(survey.scale[0]).toEqual({ value: 1, label: 'Strongly disagree' });
    expect(survey.scale[6]).toEqual({ value: 7, label: 'Strongly agree' });
    expect(survey.buttons.map((b) => b.value)).toEqual(['1:1', '1:2', '1:3', '1:4', '1:5', '1:6', '1:7']);
    expect((await store.conversations.get(id))?.state).toBe('resolved');

    await engine.handle(action(id, 'solved'), out);
    expect(out.kinds('thread').filter((k) => k === 'survey')).toHaveLength(1);
  });

  it('stores a score from the customer, thanks them and updates the survey message', async () => {
    const { engine, store } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('forgot my password'), out);
    await engine.handle(action(id, 'solved'), out);
    const surveyRef = out.sent.find((s) => s.reply.kind === 'survey')!.ref;
    await engine.handle(action(id, 'rate', { value: '1:6' }), out);

    expect(await store.surveys.get(id, 1)).toMatchObject({ score: 6, articleId: 'reset-password', resolvedBy: 'customer', platform: 'console' });
    expect((await store.conversations.get(id))?.state).toBe('surveyed');
    expect(out.last('notice').text).toBe('Thanks for rating us 6/7!');
    expect(out.updates.map((u) => u.ref)).toContainEqual(surveyRef);
    expect(out.to('agents')).toEqual([]);
  });

  it('only the customer may answer; a second answer is refused politely', async () => {
    const { engine, store } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('forgot my password'), out);
    await engine.handle(action(id, 'solved'), out);

    await engine.handle(action(id, 'rate', { value: '1:1', from: otherCustomer }), out);
    expect(out.last('notice').text).toBe('Only the person who asked the question can answer this survey.');
    await engine.handle(action(id, 'rate', { value: '1:1', from: agent }), out);
    expect(await store.surveys.get(id, 1)).toBeUndefined();

    await engine.handle(action(id, 'rate', { value: '1:7' }), out);
    await engine.handle(action(id, 'rate', { value: '1:2' }), out);
    expect(out.last('notice').text).toBe("You've already answered this survey. Thank you!");
    expect((await store.surveys.get(id, 1))?.score).toBe(7);
  });

  it('a low score asks for an optional comment and alerts the agents with the context', async () => {
    const { engine, store } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('talk to a human'), out);
    await engine.handle(action(id, 'claim', { from: agent }), out);
    await engine.handle(action(id, 'resolve', { from: agent }), out);
    out.clear();
    await engine.handle(action(id, 'rate', { value: '1:2' }), out);

    expect(out.sent.map((s) => [s.destination.to, s.reply.kind])).toEqual([
      ['actor', 'comment-request'],
      ['actor', 'notice'],
      ['agents', 'alert'],
    ]);
    const alert = out.last('alert');
    expect(alert.text).toBe('Low effort score: Dana Customer rated 2/7 (Disagree) after talking to the support team.');
    expect(alert.packet.transcript.length).toBeGreaterThan(0);
    expect(alert.packet.assignee).toBe('Alex Agent');

    const alertRef = out.sent.find((s) => s.reply.kind === 'alert')!.ref;
    await engine.handle(action(id, 'comment', { value: '1:Took three days to get an answer' }), out);
    expect((await store.surveys.get(id, 1))?.comment).toBe('Took three days to get an answer');
    const updated = out.updates.find((u) => u.ref.messageId === alertRef.messageId)?.reply;
    expect(updated?.kind === 'alert' && updated.comment).toBe('Took three days to get an answer');
    expect(out.last('notice').text).toMatch(/comment went straight to our team/);
  });

  it('a non-customer cannot add a comment', async () => {
    const { engine, store } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('forgot my password'), out);
    await engine.handle(action(id, 'solved'), out);
    await engine.handle(action(id, 'rate', { value: '1:1' }), out);
    await engine.handle(action(id, 'comment', { value: '1:spam', from: otherCustomer }), out);
    expect((await store.surveys.get(id, 1))?.comment).toBeUndefined();
  });

  it('a new question after resolution reopens the thread as a new round with its own survey', async () => {
    const { engine, store } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('forgot my password'), out);
    await engine.handle(action(id, 'solved'), out);
    await engine.handle(action(id, 'rate', { value: '1:6' }), out);

    await engine.handle(message('where do I download invoices?'), out);
    const reopened = await store.conversations.get(id);
    expect(reopened).toMatchObject({ state: 'answered', round: 2, question: 'where do I download invoices?', answeredArticleId: 'invoices' });
    expect(reopened?.tried.map((t) => t.id)).toEqual(['invoices']);

    await engine.handle(action(id, 'rate', { value: '1:1' }), out);
    expect(out.last('notice').text).toBe('This survey belongs to an earlier question in this thread.');

    await engine.handle(action(id, 'solved'), out);
    expect(out.last('survey').buttons[0]?.value).toBe('2:1');
    await engine.handle(action(id, 'rate', { value: '2:5' }), out);
    expect((await store.surveys.get(id, 2))?.score).toBe(5);
    expect((await store.surveys.get(id, 1))?.score).toBe(6);
  });

  it('an enthusiastic "THANK YOU SO MUCH!!!" after an answer is solved, not taken for frustration', async () => {
    const { engine, store } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('forgot my password'), out);
    await engine.handle(message('THANK YOU SO MUCH!!!'), out);
    expect(out.kinds('agents')).toEqual([]);
    expect(out.last('survey').question).toContain('made it easy');
    expect((await store.conversations.get(id))?.resolution?.by).toBe('customer');
  });

  it('a plain "thanks" after resolution does not reopen', async () => {
    const { engine, store } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('forgot my password'), out);
    await engine.handle(action(id, 'solved'), out);
    await engine.handle(message('thank you!'), out);
    expect(out.last('text').text).toMatch(/You're welcome/);
    expect((await store.conversations.get(id))?.round).toBe(1);
  });

  it('a plain "hello" after resolution asks for the question instead of reopening with "hello" as one', async () => {
    const { engine, store, matcher } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('forgot my password'), out);
    await engine.handle(action(id, 'solved'), out);
    await engine.handle(message('hello again!'), out);
    expect(out.last('text').text).toMatch(/^Hi Dana Customer! What can I help you with\?/);
    expect(out.kinds('agents')).toEqual([]);
    expect((await store.conversations.get(id))?.round).toBe(1);
    await engine.handle(message('where are my invoices'), out);
    expect((await store.conversations.get(id))?.round).toBe(2);
    expect(matcher.questions.at(-1)).toBe('where are my invoices');
  });

  it('inactive conversations resolve on their own, without a survey by default', async () => {
    const { engine, store, clock } = await engineFixture();
    const out = new RecordingOutbox();
    await engine.handle(message('forgot my password'), out);
    await engine.handle(message('talk to a human', { thread: { ...thread, threadId: 't2' } }), out);
    out.clear();

    clock.now = new Date(clock.now.getTime() + 30 * 60_000);
    expect(await engine.sweep(() => out)).toBe(0);
    clock.now = new Date(clock.now.getTime() + 31 * 60_000);
    expect(await engine.sweep(() => out)).toBe(1);

    expect(out.kinds('thread')).toEqual(['text']);
    expect(out.last('text').text).toMatch(/closed this conversation/);
    expect((await store.conversations.get(id))?.resolution?.by).toBe('timeout');
    expect((await store.conversations.get(conversationIdFor({ ...thread, threadId: 't2' })))?.state).toBe('handed_off');
  });

  it('asks the survey on auto-resolve when configured to', async () => {
    const { engine, clock } = await engineFixture({ settings: { autoResolveSurvey: true } });
    const out = new RecordingOutbox();
    await engine.handle(message('forgot my password'), out);
    clock.now = new Date(clock.now.getTime() + 61 * 60_000);
    await engine.sweep(() => out);
    expect(out.kinds('thread')).toEqual(['answer', 'text', 'survey']);
  });
});
