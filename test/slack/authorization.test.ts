// Who may press what: agents (by id or user group) Claim and Resolve; only the conversation's customer
// rates it. Everyone else gets an ephemeral explanation where they clicked, and nothing changes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { conversationIdFor } from '../../src/engine/conversation.js';
import { AGENTS_CHANNEL, BYSTANDER, CUSTOMER, SUPPORT_CHANNEL, buttonsOf, customerMessage, postedMessage, press, replyIn, startHarness, type Harness } from './harness.js';

let h: Harness;
afterEach(async () => {
  await h.close();
});

async function handedOff(h: Harness) {
  const question = customerMessage(h.fake, { text: 'Can I talk to a person?' });
  await h.sender.sendEvent(question);
  const packet = await h.fake.waitForCall('chat.postMessage', (c) => c.args.channel === AGENTS_CHANNEL);
  const id = conversationIdFor({ platform: 'slack', workspaceId: h.fake.config.teamId, channelId: SUPPORT_CHANNEL, threadId: String(question.ts) });
  return { question, packet, id };
}

describe('Slack authorization', () => {
  beforeEach(async () => {
    h = await startHarness();
  });

  it('a non-agent pressing Resolve on the packet is refused in the agents channel; the conversation stays handed off', async () => {
    const { packet, id } = await handedOff(h);
    expect((await h.sender.sendInteraction(press(h.fake, postedMessage(h.fake, packet), 'resolve', { user: BYSTANDER }))).status).toBe(200);
    const refusal = await h.fake.waitForCall('chat.postEphemeral');
    expect(refusal.args).toMatchObject({ channel: AGENTS_CHANNEL, user: BYSTANDER, text: 'Only Brightloom support agents can do that.' });
    expect(refusal.args.thread_ts).toBeUndefined();
    expect((await h.app.store.conversations.get(id))?.state).toBe('handed_off');
    expect(h.fake.callsTo('chat.update')).toEqual([]);
  });

  it('when Slack refuses the ephemeral refusal (e.g. the bot was removed from that channel), it goes to the button\'s response_url instead', async () => {
    const { packet } = await handedOff(h);
    h.fake.failNext('chat.postEphemeral', { error: 'channel_not_found' });
    const pressed = press(h.fake, postedMessage(h.fake, packet), 'resolve', { user: BYSTANDER });
    await h.sender.sendInteraction(pressed);
    const answer = await h.fake.waitForCall('response_url', (c) => c.url === pressed.response_url);
    expect(answer.args).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: 'Only Brightloom support agents can do that.' });
    expect(h.fake.callsTo('chat.postEphemeral')).toHaveLength(1);
  });

  it('the customer cannot claim their own handoff either', async () => {
    const { packet } = await handedOff(h);
    await h.sender.sendInteraction(press(h.fake, postedMessage(h.fake, packet), 'claim', { user: CUSTOMER }));
    expect((await h.fake.waitForCall('chat.postEphemeral')).args).toMatchObject({ user: CUSTOMER, text: 'Only Brightloom support agents can do that.' });
  });

  it('someone other than the customer pressing a CES button is refused in the thread; the survey stays open', async () => {
    const question = customerMessage(h.fake, { text: 'How do I reset my password?' });
    await h.sender.sendEvent(question);
    const answer = await replyIn(h.fake, String(question.ts));
    await h.sender.sendInteraction(press(h.fake, postedMessage(h.fake, answer), 'solved'));
    const survey = await replyIn(h.fake, String(question.ts), (c) => buttonsOf(c.args).length === 7);

    await h.sender.sendInteraction(press(h.fake, postedMessage(h.fake, survey), 'rate', { label: '7', user: BYSTANDER }));
    const refusal = await h.fake.waitForCall('chat.postEphemeral');
    expect(refusal.args).toMatchObject({ channel: SUPPORT_CHANNEL, thread_ts: question.ts, user: BYSTANDER, text: 'Only the person who asked the question can answer this survey.' });
    const id = conversationIdFor({ platform: 'slack', workspaceId: h.fake.config.teamId, channelId: SUPPORT_CHANNEL, threadId: String(question.ts) });
    expect(await h.app.store.surveys.get(id, 1)).toBeUndefined();
    expect(h.fake.callsTo('chat.update')).toEqual([]);
  });

  it('someone else pressing Solved on the customer\'s answer is refused', async () => {
    const question = customerMessage(h.fake, { text: 'How do I reset my password?' });
    await h.sender.sendEvent(question);
    const answer = await replyIn(h.fake, String(question.ts));
    await h.sender.sendInteraction(press(h.fake, postedMessage(h.fake, answer), 'solved', { user: BYSTANDER }));
    expect((await h.fake.waitForCall('chat.postEphemeral')).args).toMatchObject({ user: BYSTANDER, text: 'Only the person who asked can use these buttons.' });
  });
});

describe('Slack authorization by configured user id', () => {
  it('SLACK_AGENT_USERS lets a user act without any group; groups are not even asked', async () => {
    h = await startHarness({ SLACK_AGENT_USERS: BYSTANDER, SLACK_TEAM_GROUPS: '', SLACK_AGENT_GROUPS: '' });
    const { packet, question } = await handedOff(h);
    await h.sender.sendInteraction(press(h.fake, postedMessage(h.fake, packet), 'claim', { user: BYSTANDER }));
    await replyIn(h.fake, String(question.ts), (c) => c.args.text === 'Sam Bystander from our support team is looking at this now.');
    expect(h.fake.callsTo('usergroups.users.list')).toEqual([]);
    // Without a team group there is nobody to page: the notice goes out without a mention.
    expect(String(h.fake.callsTo('chat.postMessage')[0]?.args.text)).toMatch(/^I'm handing this to our support team/);
  });
});
