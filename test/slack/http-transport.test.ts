// The HTTP side of the adapter: Bolt on one port at /slack/events for events, interactions and
// /threadline, with Slack's request signatures checked.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { conversationIdFor } from '../../src/engine/conversation.js';
import { AGENT, BYSTANDER, CUSTOMER, SUPPORT_CHANNEL, buttonsOf, customerMessage, replyIn, startHarness, textOf, type Harness } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const idOf = (h: Harness, ts: unknown) => conversationIdFor({ platform: 'slack', workspaceId: h.fake.config.teamId, channelId: SUPPORT_CHANNEL, threadId: String(ts) });

describe('Slack over HTTP: signatures', () => {
  it('answers a load balancer\'s health check at /healthz, unsigned', async () => {
    const response = await fetch(`http://127.0.0.1:${h.slack.port}/healthz`);
    expect([response.status, await response.json()]).toEqual([200, { ok: true }]);
  });

  it('answers url_verification with the challenge', async () => {
    expect(await h.sender.sendUrlVerification('abc123')).toMatchObject({ status: 200, body: { challenge: 'abc123' } });
  });

  it('refuses a bad signature with 401 and handles nothing; the same event signed properly is answered', async () => {
    const { fake, sender, app } = h;
    const event = customerMessage(fake, { text: 'How do I reset my password?' });
    const envelope = fake.fixtures.eventCallback(event);
    const forged = await sender.sendEvent(envelope, { badSignature: true });
    expect(forged.status).toBe(401);
    // Bolt rejects before dispatching, so nothing can be pending: no Web API call, no conversation.
    expect(fake.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
    expect(await app.store.conversations.get(idOf(h, event.ts))).toBeUndefined();

    expect((await sender.sendEvent(envelope)).status).toBe(200);
    await replyIn(fake, String(event.ts));
  });

  it('refuses a timestamp older than five minutes (replay) with 401', async () => {
    const { fake, sender, app } = h;
    const event = customerMessage(fake, { text: 'How do I reset my password?' });
    expect((await sender.sendEvent(event, { stale: true })).status).toBe(401);
    expect((await sender.sendCommand(fake.fixtures.slashCommandBody({ text: 'status' }), { stale: true })).status).toBe(401);
    expect(fake.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
    expect(await app.store.conversations.get(idOf(h, event.ts))).toBeUndefined();
  });
});

describe('Slack over HTTP: the /threadline command', () => {
  it('without a conversation, acks at once with the usage, only for the person who typed it', async () => {
    const response = await h.sender.sendCommand(h.fake.fixtures.slashCommandBody({ text: 'resolve' }));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('`resolve` needs the conversation it is about.') });
    expect(String((response.body as { text: string }).text)).toContain('/threadline handoff <team> <conversation>');
  });

  it('status by thread link: anyone may ask; the answer goes to the response_url', async () => {
    const { fake, sender } = h;
    const question = customerMessage(fake, { text: 'How do I reset my password?' });
    await sender.sendEvent(question);
    await replyIn(fake, String(question.ts));
    const link = `<https://threadline-test.slack.com/archives/${SUPPORT_CHANNEL}/p${String(question.ts).replace('.', '')}>`;
    const command = fake.fixtures.slashCommandBody({ text: `status ${link}`, user_id: BYSTANDER });
    expect(await sender.sendCommand(command)).toMatchObject({ status: 200, body: '' });
    const answer = await fake.waitForCall('response_url', (c) => c.url === command.response_url);
    expect(answer.args).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: 'Conversation answered, round 1; team: accounts; agent: -.' });
  });

  it('resolve by a non-agent is refused; by an agent (member of the support group) it resolves and asks the CES question', async () => {
    const { fake, sender, app } = h;
    const question = customerMessage(fake, { text: 'talk to a person please' });
    await sender.sendEvent(question);
    await replyIn(fake, String(question.ts));
    const id = idOf(h, question.ts);

    const refused = fake.fixtures.slashCommandBody({ text: `resolve ${id}`, user_id: CUSTOMER });
    await sender.sendCommand(refused);
    expect((await fake.waitForCall('response_url', (c) => c.url === refused.response_url)).args.text).toBe('Only Brightloom support agents can do that.');
    expect((await app.store.conversations.get(id))?.state).toBe('handed_off');

    const allowed = fake.fixtures.slashCommandBody({ text: `resolve ${id}`, user_id: AGENT });
    expect((await sender.sendCommand(allowed)).status).toBe(200);
    await replyIn(fake, String(question.ts), (c) => c.args.text === 'Alex Agent marked this as resolved.');
    const survey = await replyIn(fake, String(question.ts), (c) => buttonsOf(c.args).length === 7);
    expect(textOf(survey.args)).toContain('Casey Customer');
  });

  it('handoff <team> passes the conversation to another team: the old packet says so, billing gets a new one', async () => {
    const { fake, sender } = h;
    const question = customerMessage(fake, { text: 'talk to a person please' });
    await sender.sendEvent(question);
    const first = await fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'C0AGENTS01');
    await sender.sendCommand(fake.fixtures.slashCommandBody({ text: `handoff billing ${idOf(h, question.ts)}`, user_id: AGENT }));
    const updated = await fake.waitForCall('chat.update', (c) => c.args.ts === (first.response as { ts: string }).ts);
    expect(textOf(updated.args)).toContain('Passed to billing');
    expect(buttonsOf(updated.args)).toEqual([]);
    const second = await fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'C0BILLING1');
    expect(buttonsOf(second.args).map((b) => b.label)).toEqual(['Claim', 'Resolve']);
    await replyIn(fake, String(question.ts), (c) => String(c.args.text).startsWith("I've passed this to our billing team"));
  });

  it('link gives a code without naming a conversation', async () => {
    const command = h.fake.fixtures.slashCommandBody({ text: 'link' });
    await h.sender.sendCommand(command);
    const answer = await h.fake.waitForCall('response_url', (c) => c.url === command.response_url);
    expect(answer.args.text).toMatch(/^Your link code is \d{6}\./);
  });
});
