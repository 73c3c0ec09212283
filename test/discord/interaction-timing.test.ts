// Discord's interaction rules: one first response within 3 s, a modal only as that first response. When the
// engine is slower than the deadline the press is deferred, and the comment modal then comes through a button;
// when Discord no longer takes an answer at all, the person is told by DM and nothing crashes.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IDS, ask, conversationOf, firstResponse, idOf, labelsOf, postIn, press, startHarness, waitForLog, waitUntil, type Harness } from './harness.js';

const EPHEMERAL = 64;

let h: Harness | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await h?.close();
  h = undefined;
});

async function survey(harness: Harness) {
  const question = await ask(harness.fake, 'How do I reset my password?');
  const answer = await postIn(harness.fake, question.id);
  await press(harness.fake, idOf(answer), 'solved');
  const posted = await postIn(harness.fake, question.id, (b) => labelsOf(b).length === 7);
  return { question, survey: posted, id: conversationOf(question.id) };
}

describe('Discord interaction timing', () => {
  it('past the deadline the press is deferred; the comment modal then opens from an ephemeral "Tell us more" button', async () => {
    h = await startHarness({}, {}, { ackAfterMs: 50 });
    const { fake, app } = h;
    const { survey: posted, id } = await survey(h);
    // The engine is held up (a slow store) until the deadline has passed and the press was deferred.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const lookup = app.store.surveys.get.bind(app.store.surveys);
    vi.spyOn(app.store.surveys, 'get').mockImplementation(async (...args) => {
      await held;
      return lookup(...args);
    });
    const rating = await press(fake, idOf(posted), 'rate', { label: '1 · Strongly disagree' });
    expect(await firstResponse(fake, rating)).toEqual({ type: 6 });
    release();

    const invite = await fake.waitForCall('POST /webhooks/:appId/:token', (c) => c.params.token === rating.token && JSON.stringify(c.body).includes('tl-open-comment'));
    expect(invite.body).toMatchObject({
      content: 'What made this hard? (optional)',
      flags: EPHEMERAL,
      components: [{ type: 1, components: [{ type: 2, label: 'Tell us more', custom_id: `tl-open-comment:${id}:1` }] }],
    });
    const inviteMessage = (invite.response as { id: string }).id;
    const open = await fake.pressButton({ message: inviteMessage, customId: `tl-open-comment:${id}:1`, user: IDS.customer });
    expect(await firstResponse(fake, open)).toMatchObject({ type: 9, data: { custom_id: `tl-comment:${id}:1` } });
    await fake.submitModal({ customId: `tl-comment:${id}:1`, fields: { comment: 'Too many steps' } });
    await waitUntil(async () => (await app.store.surveys.get(id, 1))?.comment === 'Too many steps', 'the comment saved');
  });

  it('an empty comment is fine: the modal is acknowledged and nothing is stored', async () => {
    h = await startHarness();
    const { fake, app } = h;
    const { survey: posted, id } = await survey(h);
    await press(fake, idOf(posted), 'rate', { label: '2' });
    await waitUntil(() => fake.callsTo('POST /interactions/:id/:token/callback').some((c) => (c.body as { type: number }).type === 9), 'the modal');
    const submit = await fake.submitModal({ customId: `tl-comment:${id}:1`, fields: { comment: '' } });
    expect(await firstResponse(fake, submit)).toEqual({ type: 6 }); // opened from a message: a silent update
    expect((await app.store.surveys.get(id, 1))?.comment).toBeUndefined();
  });

  it('when Discord no longer accepts an answer (10062), a refusal goes by DM and the bot carries on', async () => {
    h = await startHarness({}, { interactionResponseMs: 0 });
    const { fake, logs } = h;
    const question = await ask(fake, 'How do I reset my password?');
    const answer = await postIn(fake, question.id);
    await press(fake, idOf(answer), 'solved', { user: IDS.bystander });
    const refused = await fake.waitForCall('POST /interactions/:id/:token/callback');
    expect(refused.status).toBe(404);
    await waitForLog(logs, /could not reply privately for an interaction .*code=10062/);
    const dm = fake.dmChannel(IDS.bystander);
    const sent = await postIn(fake, dm.id);
    expect((sent.body as { content: string }).content).toBe('Only the person who asked can use these buttons.');
  });
});
