// End to end through discord.js against FakeDiscord: a question in #support gets its own thread and an answer,
// a handoff goes to #agents with a context packet, and the CES survey comes with its comment modal and alert.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IDS, ask, bodyOf, conversationOf, editOf, firstResponse, idOf, labelsOf, componentsOf, postIn, press, startHarness, textOf, waitUntil, type Harness } from './harness.js';

const EPHEMERAL = 64;

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe('Discord end to end', () => {
  it('question → its own thread → answer embed → Solved → CES in two rows → rating 6', async () => {
    const { fake, app } = h;
    const question = await ask(fake, 'How do I reset my password?');

    const threadCall = await fake.waitForCall('POST /channels/:id/messages/:mid/threads');
    expect(threadCall.params).toEqual({ id: IDS.supportChannel, mid: question.id });
    expect(threadCall.body).toMatchObject({ name: 'How do I reset my password?', auto_archive_duration: 10080 });

    const answer = await postIn(fake, question.id);
    const body = bodyOf(answer);
    expect(body.content).toBe("Here's what I found:");
    expect(body.embeds?.[0]).toMatchObject({ title: 'Reset your password', url: 'https://help.brightloom.example/accounts/reset-password' });
    expect(body.embeds?.[0]?.fields).toEqual([{ name: 'Source', value: '[Reset your password](https://help.brightloom.example/accounts/reset-password)' }]);
    expect(body.embeds?.[0]?.footer?.text).toBe('Did this solve it? If not, a person from our team can take over.');
    expect(componentsOf(body).map((c) => [c.label, c.custom_id, c.style])).toEqual([
      ['Solved', `tl:solved:${conversationOf(question.id)}`, 1],
      ['Talk to a person', `tl:talk-to-person:${conversationOf(question.id)}`, 2],
    ]);
    expect(body.allowed_mentions).toEqual({ parse: [], roles: [] });

    const solved = await press(fake, idOf(answer), 'solved');
    expect(await firstResponse(fake, solved)).toEqual({ type: 6 }); // acknowledged; the thread gets the rest
    await postIn(fake, question.id, (b) => b.content === "Great, glad that's sorted!");
    const survey = await postIn(fake, question.id, (b) => labelsOf(b).length === 7);
    expect(bodyOf(survey).content).toBe('One quick question, Casey Customer: how much do you agree?\n**Brightloom made it easy for me to handle my issue.**');
    expect(bodyOf(survey).components?.map((row) => row.components.map((c) => c.label))).toEqual([
      ['1 · Strongly disagree', '2', '3', '4'],
      ['5', '6', '7 · Strongly agree'],
    ]);

    const rating = await press(fake, idOf(survey), 'rate', { label: '6' });
    const thanks = await firstResponse(fake, rating);
    expect(thanks).toMatchObject({ type: 4, data: { content: 'Thanks for rating us 6/7!', flags: EPHEMERAL } });
    const closed = await editOf(fake, idOf(survey));
    expect(bodyOf(closed)).toMatchObject({ content: 'Brightloom made it easy for me to handle my issue.\nCasey Customer rated 6/7 (Agree).', components: [] });

    const id = conversationOf(question.id);
    expect(await app.store.surveys.get(id, 1)).toMatchObject({ score: 6, platform: 'discord', articleId: 'reset-password' });
    // The Discord user became a customer profile (global name), which now carries the score.
    const customer = await waitUntil(async () => {
      const profile = await app.store.customers.findByIdentity(`discord:users:${IDS.customer}`);
      return profile?.lastCes && profile;
    }, 'the score on the profile');
    expect(customer).toMatchObject({ displayName: 'Casey Customer', lastCes: { score: 6 }, conversationIds: [id] });
    expect(textOf(bodyOf(answer))).not.toContain('<@');
  });

  it('question → handoff (role pinged) → packet in #agents → claim → resolve → CES 2 → modal comment → alert', async () => {
    const { fake, app } = h;
    const question = await ask(fake, "I'd like to talk to a human about my account");
    const thread = question.id;
    const id = conversationOf(thread);

    const notice = await postIn(fake, thread);
    expect(bodyOf(notice).content).toMatch(new RegExp(`^<@&${IDS.agentRole}> I'm handing this to our support team`));
    expect(bodyOf(notice).allowed_mentions).toEqual({ parse: [], roles: [IDS.agentRole] });
    expect(fake.messages.get(idOf(notice))?.mention_roles).toEqual([IDS.agentRole]);

    const packet = await postIn(fake, IDS.agentsChannel);
    const packetText = textOf(bodyOf(packet));
    expect(bodyOf(packet).embeds?.[0]).toMatchObject({ title: 'Handoff to support: Casey Customer', url: `https://discord.com/channels/${IDS.guild}/${thread}` });
    expect(packetText).toContain('**Waiting for an agent** · The customer asked for a person.');
    expect(packetText).toContain("> I'd like to talk to a human about my account");
    expect(packetText).toContain(`[Open the thread](https://discord.com/channels/${IDS.guild}/${thread})`);
    expect(packetText).toContain(`\`${id}\``);
    expect(labelsOf(bodyOf(packet))).toEqual(['Claim', 'Resolve']);

    // The customer adds detail in the thread: recorded for the agent, the bot stays quiet.
    await fake.sendMessage({ channelId: thread, author: IDS.customer, content: 'It is about my login email' });
    await waitUntil(async () => (await app.store.conversations.get(id))?.transcript.some((l) => l.text === 'It is about my login email'), 'the follow-up in the transcript');

    const claim = await press(fake, idOf(packet), 'claim', { user: IDS.agent });
    expect(await firstResponse(fake, claim)).toEqual({ type: 6 });
    const claimed = await editOf(fake, idOf(packet));
    expect(textOf(bodyOf(claimed))).toContain('Claimed by Alex Agent');
    expect(labelsOf(bodyOf(claimed))).toEqual(['Resolve']);
    await postIn(fake, thread, (b) => b.content === 'Alex Agent from our support team is looking at this now.');

    // The agent answers in the thread; the engine records it as the agent's line and stays quiet.
    await fake.sendMessage({ channelId: thread, author: IDS.agent, content: 'Hi Casey, I changed it for you.' });
    await waitUntil(async () => (await app.store.conversations.get(id))?.transcript.some((l) => l.from === 'agent' && l.name === 'Alex Agent'), 'the agent line');

    await press(fake, idOf(packet), 'resolve', { user: IDS.agent });
    const resolved = await editOf(fake, idOf(packet), (b) => textOf(b).includes('Resolved'));
    expect(bodyOf(resolved).components).toEqual([]);
    await postIn(fake, thread, (b) => b.content === 'Alex Agent marked this as resolved.');
    const survey = await postIn(fake, thread, (b) => labelsOf(b).length === 7);

    const rating = await press(fake, idOf(survey), 'rate', { label: '2' });
    const modal = await firstResponse(fake, rating);
    expect(modal).toMatchObject({ type: 9, data: { custom_id: `tl-comment:${id}:1`, title: 'Tell us more' } });
    expect(modal.data?.components).toEqual([{ type: 18, label: 'What made this hard? (optional)', component: { type: 4, custom_id: 'comment', style: 2, required: false, max_length: 3000 } }]);
    const followUp = await fake.waitForCall('POST /webhooks/:appId/:token', (c) => c.params.token === rating.token);
    expect(followUp.body).toMatchObject({ content: expect.stringMatching(/^Thanks for rating us 2\/7, and sorry/), flags: EPHEMERAL });
    const alert = await postIn(fake, IDS.agentsChannel, (b) => String(b.content).startsWith('⚠️'));
    expect(bodyOf(alert).content).toBe('⚠️ Low effort score: Casey Customer rated 2/7 (Disagree) after talking to the support team.');

    const submit = await fake.submitModal({ customId: `tl-comment:${id}:1`, fields: { comment: 'Nobody answered for two days' } });
    expect(await firstResponse(fake, submit)).toMatchObject({ type: 4, data: { content: 'Thanks, your comment went straight to our team.', flags: EPHEMERAL } });
    const withComment = await editOf(fake, idOf(alert));
    expect(textOf(bodyOf(withComment))).toContain('**Comment**\n> Nobody answered for two days');
    expect(await app.store.surveys.get(id, 1)).toMatchObject({ score: 2, comment: 'Nobody answered for two days', resolvedBy: 'agent' });
  });
});
