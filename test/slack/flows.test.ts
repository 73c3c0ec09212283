// End to end through Bolt over HTTP: a customer's question in a support channel, the answer or the
// handoff, agents in their channel, and the CES survey with its comment modal and low-score alert.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { conversationIdFor } from '../../src/engine/conversation.js';
import {
  AGENT,
  AGENTS_CHANNEL,
  CUSTOMER,
  SUPPORT_CHANNEL,
  SUPPORT_GROUP,
  buttonsOf,
  customerMessage,
  postedMessage,
  press,
  replyIn,
  startHarness,
  textOf,
  waitUntil,
  type Harness,
} from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe('Slack end to end', () => {
  it('question → answer in the thread → Solved → CES 1–7 → rating 6', async () => {
    const { fake, sender, app } = h;
    const question = customerMessage(fake, { text: 'How do I reset my password?' });
    expect((await sender.sendEvent(question)).status).toBe(200);

    const answer = await replyIn(fake, String(question.ts));
    expect(answer.args.channel).toBe(SUPPORT_CHANNEL);
    expect(answer.args.blocks).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'header', text: expect.objectContaining({ text: 'Reset your password' }) })]));
    const shown = textOf(answer.args);
    expect(shown).toContain("Here's what I found:");
    expect(shown).toContain('*Forgot password?*'); // **bold** became mrkdwn
    expect(shown).toContain('Source: <https://help.brightloom.example/accounts/reset-password|Reset your password>');
    expect(String(answer.args.text)).toContain('Reset your password');
    expect(buttonsOf(answer.args).map((b) => [b.label, b.action_id, b.style])).toEqual([
      ['Solved', 'threadline:solved:0', 'primary'],
      ['Talk to a person', 'threadline:talk-to-person:1', undefined],
    ]);

    expect((await sender.sendInteraction(press(fake, postedMessage(fake, answer), 'solved'))).status).toBe(200);
    await replyIn(fake, String(question.ts), (c) => c.args.text === "Great, glad that's sorted!");
    const survey = await replyIn(fake, String(question.ts), (c) => buttonsOf(c.args).some((b) => b.action_id.startsWith('threadline:rate:')));
    expect(buttonsOf(survey.args).map((b) => b.label)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(textOf(survey.args)).toContain('Brightloom made it easy for me to handle my issue.');
    expect(textOf(survey.args)).toContain('1 = Strongly disagree … 7 = Strongly agree');
    expect(textOf(survey.args)).toContain('Casey Customer'); // display name from users.info

    const rating = press(fake, postedMessage(fake, survey), 'rate', { label: '6' });
    expect((await sender.sendInteraction(rating)).status).toBe(200);
    const closed = await fake.waitForCall('chat.update', (c) => c.args.ts === (survey.response as { ts: string }).ts);
    expect(textOf(closed.args)).toContain('Casey Customer rated 6/7 (Agree).');
    expect(buttonsOf(closed.args)).toEqual([]);
    const thanks = await fake.waitForCall('chat.postEphemeral');
    expect(thanks.args).toMatchObject({ channel: SUPPORT_CHANNEL, user: CUSTOMER, thread_ts: question.ts, text: 'Thanks for rating us 6/7!' });

    const id = conversationIdFor({ platform: 'slack', workspaceId: fake.config.teamId, channelId: SUPPORT_CHANNEL, threadId: String(question.ts) });
    expect(await app.store.surveys.get(id, 1)).toMatchObject({ score: 6, platform: 'slack', articleId: 'reset-password' });
    expect(fake.callsTo('views.open')).toEqual([]);
  });

  it('"hi" → asked for the question → the question in the thread → choices → "2" typed in the thread → that article', async () => {
    const { fake, sender } = h;
    const hello = customerMessage(fake, { text: 'hi' });
    await sender.sendEvent(hello);
    const greeting = await replyIn(fake, String(hello.ts));
    expect(String(greeting.args.text)).toMatch(/^Hi Casey Customer! What can I help you with\?/);

    await sender.sendEvent(customerMessage(fake, { thread_ts: String(hello.ts), text: 'my billing plan' }));
    const choices = await replyIn(fake, String(hello.ts), (c) => buttonsOf(c.args).some((b) => b.action_id.startsWith('threadline:choose:')));
    const second = buttonsOf(choices.args)[1]!.label;
    await sender.sendEvent(customerMessage(fake, { thread_ts: String(hello.ts), text: '2' }));
    const answer = await replyIn(fake, String(hello.ts), (c) => buttonsOf(c.args).some((b) => b.action_id.startsWith('threadline:solved:')));
    expect(answer.args.blocks).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'header', text: expect.objectContaining({ text: second }) })]));
    expect(fake.callsTo('chat.postMessage').filter((c) => c.args.channel === AGENTS_CHANNEL)).toEqual([]); // nobody paged for "hi"
  });

  it('in a DM, words typed outside the thread continue the open conversation: "hi" → question → choices → "2" → solved; then a new question starts a new one', async () => {
    const { fake, sender } = h;
    const dm = { channel: 'D0CASEY001', channel_type: 'im' as const };
    const hello = customerMessage(fake, { ...dm, text: 'hi' });
    await sender.sendEvent(hello);
    const thread = String(hello.ts);
    await replyIn(fake, thread, (c) => /^Hi Casey Customer!/.test(String(c.args.text)));

    const question = customerMessage(fake, { ...dm, text: 'my billing plan' });
    await sender.sendEvent(question);
    const choices = await replyIn(fake, thread, (c) => buttonsOf(c.args).some((b) => b.action_id.startsWith('threadline:choose:')));
    const second = buttonsOf(choices.args)[1]!.label;
    await sender.sendEvent(customerMessage(fake, { ...dm, text: '2' }));
    const answer = await replyIn(fake, thread, (c) => buttonsOf(c.args).some((b) => b.action_id.startsWith('threadline:solved:')));
    expect(answer.args.blocks).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'header', text: expect.objectContaining({ text: second }) })]));
    await sender.sendEvent(customerMessage(fake, { ...dm, text: 'thanks, that did it' }));
    await replyIn(fake, thread, (c) => buttonsOf(c.args).some((b) => b.action_id.startsWith('threadline:rate:')));
    expect(fake.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === question.ts)).toEqual([]); // all in the first thread
    expect(fake.callsTo('chat.postMessage').filter((c) => c.args.channel === AGENTS_CHANNEL)).toEqual([]); // "2" was no question for a person

    const later = customerMessage(fake, { ...dm, text: 'How do I reset my password?' });
    await sender.sendEvent(later);
    expect(textOf((await replyIn(fake, String(later.ts))).args)).toContain('Reset your password');
  });

  it('in a DM, a message outside the thread an hour after the answer is a new question in its own thread', async () => {
    const { fake, sender, app } = h;
    const dm = { channel: 'D0CASEY001', channel_type: 'im' as const };
    const first = customerMessage(fake, { ...dm, text: 'How do I reset my password?' });
    await sender.sendEvent(first);
    await replyIn(fake, String(first.ts));
    const id = conversationIdFor({ platform: 'slack', workspaceId: fake.config.teamId, channelId: dm.channel, threadId: String(first.ts) });
    const answered = await waitUntil(async () => { const c = await app.store.conversations.get(id); return c?.state === 'answered' && c; }, 'the answer saved');
    await app.store.conversations.save({ ...answered, updatedAt: new Date(Date.now() - 61 * 60_000).toISOString() });

    const later = customerMessage(fake, { ...dm, text: 'How do I cancel my subscription?' });
    await sender.sendEvent(later);
    expect(textOf((await replyIn(fake, String(later.ts))).args)).toContain('Cancel your subscription');
  });

  it('question → handoff (group paged) → packet in the agents channel → claim → resolve → CES 2 → comment modal → alert', async () => {
    const { fake, sender, app } = h;
    const question = customerMessage(fake, { text: "I'd like to talk to a human about my account" });
    await sender.sendEvent(question);
    const thread = String(question.ts);
    const id = conversationIdFor({ platform: 'slack', workspaceId: fake.config.teamId, channelId: SUPPORT_CHANNEL, threadId: thread });

    const notice = await replyIn(fake, thread);
    expect(notice.args.text).toMatch(new RegExp(`^<!subteam\\^${SUPPORT_GROUP}> I'm handing this to our support team`));
    const packetCall = await fake.waitForCall('chat.postMessage', (c) => c.args.channel === AGENTS_CHANNEL);
    expect(packetCall.args.thread_ts).toBeUndefined();
    const packetText = textOf(packetCall.args);
    expect(packetText).toContain('Handoff to support: Casey Customer');
    expect(packetText).toContain('The customer asked for a person.');
    expect(packetText).toContain("> I'd like to talk to a human about my account");
    expect(packetText).toContain(`<https://threadline-test.slack.com/archives/${SUPPORT_CHANNEL}/p${thread.replace('.', '')}|Open the thread>`);
    expect(packetText).toContain(`\`/threadline resolve ${id}\``);
    expect(buttonsOf(packetCall.args).map((b) => b.label)).toEqual(['Claim', 'Resolve']);

    // The customer adds detail in the thread: recorded for the agent, the bot stays quiet.
    await sender.sendEvent(customerMessage(fake, { text: 'It is about my login email', thread_ts: thread }));
    await waitUntil(async () => (await app.store.conversations.get(id))?.transcript.some((l) => l.text === 'It is about my login email'), 'the follow-up in the transcript');

    await sender.sendInteraction(press(fake, postedMessage(fake, packetCall), 'claim', { user: AGENT }));
    const claimed = await fake.waitForCall('chat.update', (c) => c.args.ts === (packetCall.response as { ts: string }).ts);
    expect(textOf(claimed.args)).toContain('Claimed by Alex Agent');
    expect(buttonsOf(claimed.args).map((b) => b.label)).toEqual(['Resolve']);
    await replyIn(fake, thread, (c) => c.args.text === 'Alex Agent from our support team is looking at this now.');

    // The agent answers in the thread; the engine records it as the agent's line.
    await sender.sendEvent(customerMessage(fake, { text: 'Hi Casey, I changed it for you.', thread_ts: thread, user: AGENT }));
    await waitUntil(async () => (await app.store.conversations.get(id))?.transcript.some((l) => l.from === 'agent' && l.name === 'Alex Agent'), 'the agent line');

    await sender.sendInteraction(press(fake, postedMessage(fake, claimed), 'resolve', { user: AGENT }));
    const resolved = await fake.waitForCall('chat.update', (c) => c.args.ts === (packetCall.response as { ts: string }).ts && textOf(c.args).includes('Resolved'));
    expect(buttonsOf(resolved.args)).toEqual([]);
    await replyIn(fake, thread, (c) => c.args.text === 'Alex Agent marked this as resolved.');
    const survey = await replyIn(fake, thread, (c) => buttonsOf(c.args).length === 7);

    const rating = press(fake, postedMessage(fake, survey), 'rate', { label: '2' });
    await sender.sendInteraction(rating);
    const modal = await fake.waitForCall('views.open');
    expect(modal.args.trigger_id).toBe(rating.trigger_id);
    expect(modal.args.view).toMatchObject({ type: 'modal', title: { text: 'Tell us more' }, submit: { text: 'Send' }, close: { text: 'Skip' }, private_metadata: JSON.stringify({ c: id, r: '1' }) });
    const alert = await fake.waitForCall('chat.postMessage', (c) => c.args.channel === AGENTS_CHANNEL && textOf(c.args).includes('Low effort score'));
    expect(textOf(alert.args)).toContain('Casey Customer rated 2/7 (Disagree) after talking to the support team.');
    expect((await fake.waitForCall('chat.postEphemeral', (c) => c.args.user === CUSTOMER)).args.text).toMatch(/^Thanks for rating us 2\/7, and sorry/);

    const view = (modal.response as { view: Record<string, unknown> }).view;
    const submit = fake.fixtures.viewSubmissionPayload({ view, values: { comment: { text: { type: 'plain_text_input', value: 'Nobody answered for two days' } } } });
    expect((await sender.sendInteraction(submit)).status).toBe(200);
    const withComment = await fake.waitForCall('chat.update', (c) => c.args.ts === (alert.response as { ts: string }).ts);
    expect(textOf(withComment.args)).toContain('> Nobody answered for two days');
    await fake.waitForCall('chat.postEphemeral', (c) => c.args.text === 'Thanks, your comment went straight to our team.');
    expect(await app.store.surveys.get(id, 1)).toMatchObject({ score: 2, comment: 'Nobody answered for two days', resolvedBy: 'agent' });

    // Profiles and group membership were looked up once each, then served from the cache.
    expect(fake.callsTo('users.info').filter((c) => c.args.user === CUSTOMER)).toHaveLength(1);
    expect(fake.callsTo('users.info').filter((c) => c.args.user === AGENT)).toHaveLength(1);
    expect(fake.callsTo('usergroups.users.list').filter((c) => c.args.usergroup === SUPPORT_GROUP)).toHaveLength(1);
  });

  it('when the modal cannot open (trigger expired), the customer gets a button that opens it', async () => {
    const { fake, sender, app } = h;
    const question = customerMessage(fake, { text: 'How do I reset my password?' });
    await sender.sendEvent(question);
    const answer = await replyIn(fake, String(question.ts));
    await sender.sendInteraction(press(fake, postedMessage(fake, answer), 'solved'));
    const survey = await replyIn(fake, String(question.ts), (c) => buttonsOf(c.args).length === 7);

    fake.failNext('views.open', { error: 'expired_trigger_id' });
    await sender.sendInteraction(press(fake, postedMessage(fake, survey), 'rate', { label: '1' }));
    const invite = await fake.waitForCall('chat.postEphemeral', (c) => buttonsOf(c.args).length === 1);
    expect(invite.args).toMatchObject({ channel: SUPPORT_CHANNEL, thread_ts: question.ts, user: CUSTOMER, text: 'What made this hard? (optional)' });

    const ephemeral = { channel: SUPPORT_CHANNEL, ts: String((invite.response as { message_ts: string }).message_ts), thread_ts: String(question.ts), blocks: invite.args.blocks };
    const click = fake.fixtures.blockActionsPayload({ message: ephemeral, action_id: 'threadline-open-comment' });
    expect((await sender.sendInteraction(click)).status).toBe(200);
    const modal = await fake.waitForCall('views.open', (c) => c.args.trigger_id === click.trigger_id);
    expect(modal.response).toMatchObject({ ok: true });
    const view = (modal.response as { view: Record<string, unknown> }).view;
    await sender.sendInteraction(fake.fixtures.viewSubmissionPayload({ view, values: { comment: { text: { type: 'plain_text_input', value: 'Too many steps' } } } }));
    const id = conversationIdFor({ platform: 'slack', workspaceId: fake.config.teamId, channelId: SUPPORT_CHANNEL, threadId: String(question.ts) });
    await waitUntil(async () => (await app.store.surveys.get(id, 1))?.comment === 'Too many steps', 'the comment saved');
  });

  it('a handoff article (refund) goes to the billing team: its group in the thread, its own agents channel', async () => {
    const { fake, sender } = h;
    const question = customerMessage(fake, { text: 'I want a refund' });
    await sender.sendEvent(question);
    const notice = await replyIn(fake, String(question.ts));
    expect(String(notice.args.text)).toMatch(/^<!subteam\^S0BILLING1> This is something a person needs to handle\. I've passed it to our billing team/);
    const packet = await fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'C0BILLING1');
    expect(textOf(packet.args)).toContain('Handoff to billing');
    expect(textOf(packet.args)).toContain('Request a refund');
  });
});
