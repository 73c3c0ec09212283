// Slash commands, registered as `threadline discord register` does it: /ask opens a thread on its echo, the others
// act on the conversation of the thread they are typed in, answering privately through a deferred reply.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordingOutbox } from '../helpers/recording-outbox.js';
import { IDS, bodyOf, conversationOf, firstResponse, labelsOf, postIn, registerInFake, startHarness, textOf, waitUntil, type Harness } from './harness.js';

const EPHEMERAL = 64;

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
  await registerInFake(h.fake);
});
afterEach(async () => {
  await h.close();
});

/** The text that filled in a deferred private reply (PATCH @original) for this interaction. */
async function privateAnswer(interaction: { token: string }): Promise<string> {
  const edit = await h.fake.waitForCall('PATCH /webhooks/:appId/:token/messages/@original', (c) => c.params.token === interaction.token);
  return String((edit.body as { content?: string }).content);
}

async function handedOffThread(): Promise<string> {
  const question = await h.fake.sendMessage({ channelId: IDS.supportChannel, author: IDS.customer, content: 'I want to talk to a person' });
  await postIn(h.fake, IDS.agentsChannel);
  await waitUntil(async () => (await h.app.store.conversations.get(conversationOf(question.id)))?.state === 'handed_off', 'the handoff saved');
  return question.id;
}

describe('Discord slash commands', () => {
  it('/ask in #support: the question is echoed publicly, gets a thread, and is answered there', async () => {
    const { fake } = h;
    const ask = await fake.runSlashCommand({ name: 'ask', options: { question: 'How do I reset my password?' }, user: IDS.customer, channelId: IDS.supportChannel });
    const echo = await fake.waitForInteractionResponse(ask);
    expect(echo.body).toMatchObject({ type: 4, data: { content: '**Casey Customer** asked: How do I reset my password?', allowed_mentions: { parse: [] } } });
    expect(echo.query).toEqual({ with_response: 'true' });
    const echoId = (echo.response as { resource: { message: { id: string } } }).resource.message.id;
    const thread = await fake.waitForCall('POST /channels/:id/messages/:mid/threads');
    expect(thread.params).toEqual({ id: IDS.supportChannel, mid: echoId });
    expect(bodyOf(await postIn(fake, echoId)).embeds?.[0]?.title).toBe('Reset your password');
  });

  it('/ask where the bot may not create threads: the customer is told privately where else to ask', async () => {
    const { fake } = h;
    fake.failNext('POST /channels/:id/messages/:mid/threads', { status: 403, code: 50013, message: 'Missing Permissions' });
    const ask = await fake.runSlashCommand({ name: 'ask', options: { question: 'How do I reset my password?' }, user: IDS.customer, channelId: IDS.supportChannel });
    const told = await fake.waitForCall('POST /webhooks/:appId/:token', (c) => c.params.token === ask.token);
    expect(told.body).toMatchObject({ content: 'I could not open a thread for your question here; the server admins have been told. You can ask me in a direct message meanwhile.', flags: EPHEMERAL });
  });

  it('/status in a conversation thread answers privately; outside one it says where to use it', async () => {
    const { fake } = h;
    const thread = await handedOffThread();
    const status = await fake.runSlashCommand({ name: 'status', user: IDS.customer, channelId: thread });
    expect(await firstResponse(fake, status)).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    expect(await privateAnswer(status)).toBe('Conversation handed off, round 1; team: support; agent: -.');

    const elsewhere = await fake.runSlashCommand({ name: 'status', user: IDS.customer, channelId: IDS.supportChannel });
    expect(await privateAnswer(elsewhere)).toBe('No support conversation here yet: use this in the thread of one (or ask your question first).');
  });

  it('/resolve by a customer is refused; by an agent it resolves, asks the CES question and removes the "thinking…"', async () => {
    const { fake, app } = h;
    const thread = await handedOffThread();
    const refused = await fake.runSlashCommand({ name: 'resolve', user: IDS.customer, channelId: thread });
    expect(await privateAnswer(refused)).toBe('Only Brightloom support agents can do that.');
    expect((await app.store.conversations.get(conversationOf(thread)))?.state).toBe('handed_off');

    const resolve = await fake.runSlashCommand({ name: 'resolve', user: IDS.agent, channelId: thread });
    await postIn(fake, thread, (b) => b.content === 'Alex Agent marked this as resolved.');
    await postIn(fake, thread, (b) => labelsOf(b).length === 7);
    await fake.waitForCall('DELETE /webhooks/:appId/:token/messages/@original', (c) => c.params.token === resolve.token);
  });

  it('/claim and /handoff by an agent: the packet moves to the other team and the thread is told', async () => {
    const { fake } = h;
    const thread = await handedOffThread();
    const [firstPacket] = fake.callsTo('POST /channels/:id/messages').filter((c) => c.params.id === IDS.agentsChannel);
    await fake.runSlashCommand({ name: 'claim', user: IDS.agent, channelId: thread });
    await postIn(fake, thread, (b) => b.content === 'Alex Agent from our support team is looking at this now.');

    const unknown = await fake.runSlashCommand({ name: 'handoff', options: { team: 'marketing' }, user: IDS.agent, channelId: thread });
    expect(await privateAnswer(unknown)).toMatch(/^There is no team called "marketing"\. Teams: .*billing/);

    await fake.runSlashCommand({ name: 'handoff', options: { team: 'billing' }, user: IDS.agent, channelId: thread });
    const passed = await fake.waitForCall('PATCH /channels/:id/messages/:mid', (c) => c.params.mid === (firstPacket?.response as { id: string }).id && textOf(bodyOf(c)).includes('Passed to billing'));
    expect(bodyOf(passed).components).toEqual([]);
    const newPacket = await postIn(fake, IDS.agentsChannel, (b) => textOf(b).includes('Handoff to billing'));
    expect(labelsOf(bodyOf(newPacket))).toEqual(['Claim', 'Resolve']);
    await postIn(fake, thread, (b) => String(b.content).startsWith("I've passed this to our billing team"));
  });

  it('/handoff offers the knowledge base\'s teams as the agent types, those starting with the text first', async () => {
    const { fake, app } = h;
    const thread = await handedOffThread();
    const choicesFor = async (typed: string) => {
      const typing = await fake.typeInOption({ name: 'handoff', option: 'team', typed, user: IDS.agent, channelId: thread });
      const response = await fake.waitForInteractionResponse(typing);
      expect(response.status).toBeLessThan(300); // the fake accepted the choices
      expect((response.body as { type: number }).type).toBe(8);
      return (response.body as { data: { choices: Array<{ name: string; value: string }> } }).data.choices;
    };
    expect((await choicesFor('')).map((c) => c.value)).toEqual(app.engine.teams());
    expect(await choicesFor('B')).toEqual([{ name: 'billing', value: 'billing' }]);
    expect((await choicesFor('s')).map((c) => c.value)).toEqual(['security', 'support', 'accounts']); // starting with "s" first
    expect(await choicesFor('marketing')).toEqual([]);
  });

  it('/link gives a code privately; /link <code> joins the Discord profile with the one that made the code', async () => {
    const { fake, app } = h;
    const get = await fake.runSlashCommand({ name: 'link', user: IDS.customer, channelId: IDS.supportChannel });
    expect(await privateAnswer(get)).toMatch(/^Your link code is \d{6}\./);

    // A code made on Slack (through the engine, as the Slack adapter would), used here with /link <code>.
    const slack = new RecordingOutbox();
    const slackPerson = { platform: 'slack' as const, workspaceId: 'T1', id: 'U1', displayName: 'Casey on Slack', isAgent: false };
    await app.engine.handle({ kind: 'command', eventId: 'slack-link', name: 'link', args: [], from: slackPerson }, slack);
    const code = /link code is (\d{6})/.exec(slack.last('notice').text)?.[1];
    const use = await fake.runSlashCommand({ name: 'link', options: { code: String(code) }, user: IDS.customer, channelId: IDS.supportChannel });
    expect(await privateAnswer(use)).toBe('Done: your slack and discord profiles are now one, with one history.');
    const profile = await app.store.customers.findByIdentity(`discord:users:${IDS.customer}`);
    expect(profile?.identities.sort()).toEqual([`discord:users:${IDS.customer}`, 'slack:T1:U1']);
  });
});
