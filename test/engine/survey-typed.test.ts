import { describe, expect, it } from 'vitest';
import { conversationIdFor } from '../../src/engine/conversation.js';
import { readRating } from '../../src/engine/rating.js';
import { RecordingOutbox } from '../helpers/recording-outbox.js';
import { action, engineFixture, message, otherCustomer, thread } from '../helpers/engine-fixture.js';

const id = conversationIdFor(thread);
const scale = ['Strongly disagree', 'Disagree', 'Somewhat disagree', 'Neither agree nor disagree', 'Somewhat agree', 'Agree', 'Strongly agree'];

/** A conversation answered by the bot, solved by the customer, with the CES question waiting. */
async function surveyWaiting() {
  const fixture = await engineFixture();
  const out = new RecordingOutbox();
  await fixture.engine.handle(message('forgot my password'), out);
  await fixture.engine.handle(action(id, 'solved'), out);
  out.clear();
  return { ...fixture, out };
}

describe('a CES answer typed in the thread instead of pressed', () => {
  it.each([
    ['7', 7],
    ['seven', 7],
    ['6/7', 6],
    ['6 out of 7', 6],
    ['6 out of 7 stars', 6],
    ['6 - agree', 6],
    ['Strongly agree', 7],
    ['strongly disagree.', 1],
    ["I'd give it a 6!", 6],
    ['7️⃣', 7],
  ])('"%s" is taken as %i', async (typed, score) => {
    const { engine, store, out } = await surveyWaiting();
    await engine.handle(message(typed), out);

    expect(await store.surveys.get(id, 1)).toMatchObject({ score });
    expect(await store.conversations.get(id)).toMatchObject({ state: 'surveyed', round: 1 });
    expect(out.last('notice').text).toBe(`Thanks for rating us ${score}/7${score <= 3 ? ', and sorry this was harder than it should have been. Our team has been told.' : '!'}`);
    expect(out.kinds('agents').filter((k) => k !== 'alert')).toEqual([]);
  });

  it.each(['8', '0', '10/10', '4 out of 5', '6.5'])('"%s" gets the 1–7 scale again, not a handoff; a valid answer after it counts', async (typed) => {
    const { engine, store, out } = await surveyWaiting();
    await engine.handle(message(typed), out);

    expect(out.sent.map((s) => [s.destination.to, s.reply.kind])).toEqual([['actor', 'notice']]);
    expect(out.last('notice').text).toBe('Please answer with a number from 1 to 7: 1 = Strongly disagree … 7 = Strongly agree.');
    const conversation = await store.conversations.get(id);
    expect(conversation).toMatchObject({ state: 'resolved', round: 1 });
    expect(conversation?.handoff).toBeUndefined();

    await engine.handle(message('7'), out);
    expect(await store.surveys.get(id, 1)).toMatchObject({ score: 7 });
  });

  it('a second typed answer is refused politely and keeps the first', async () => {
    const { engine, store, out } = await surveyWaiting();
    await engine.handle(message('6'), out);
    await engine.handle(message('2'), out);
    await engine.handle(message('9'), out);
    expect(out.last('notice').text).toBe("You've already answered this survey. Thank you!");
    expect(await store.surveys.get(id, 1)).toMatchObject({ score: 6 });
    expect((await store.conversations.get(id))?.round).toBe(1);
  });

  it('a new question while the survey waits is handled as a new question', async () => {
    const { engine, store, out } = await surveyWaiting();
    await engine.handle(message('where do I download invoices?'), out);
    expect(await store.conversations.get(id)).toMatchObject({ state: 'answered', round: 2, answeredArticleId: 'invoices' });
    expect(await store.surveys.get(id, 1)).toBeUndefined();
  });

  it('only the customer who asked can answer by typing', async () => {
    const { engine, store, out } = await surveyWaiting();
    await engine.handle(message('1', { from: otherCustomer }), out);
    expect(await store.surveys.get(id, 1)).toBeUndefined();
  });
});

describe('reading a typed rating', () => {
  it('leaves alone what is not a rating, so a real question stays a question', () => {
    for (const text of ['How do I change my plan?', '2fa is broken', 'I have 7 invoices missing', 'one more thing: my login fails', 'thanks', 'agreed to the terms but cannot log in', '48213', '2026']) {
      expect(readRating(text, scale), text).toBeUndefined();
    }
  });

  it('calls a number that is no answer on the scale unclear', () => {
    for (const text of ['8', '0', 'ten', '10/10', '5/5', '-1', '6.5', '9 stars', '5 stars', '7 stars']) expect(readRating(text, scale), text).toBe('unclear');
  });
});
