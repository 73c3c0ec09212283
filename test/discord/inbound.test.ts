// Where the bot listens: support channels (a thread per question), forum posts, mentions anywhere, DMs, and
// follow-ups in a conversation's thread. What it ignores: bots (itself too), other channels, agents' announcements.
import { ChannelType } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { conversationIdFor } from '../../src/engine/conversation.js';
import { directThread } from '../../src/platforms/discord/places.js';
import { guildFixture, type GuildFixture } from '../fakes/discord/index.js';
import { IDS, ask, bodyOf, componentsOf, conversationOf, firstResponse, idOf, labelsOf, postIn, startHarness, textOf, waitUntil, type Harness } from './harness.js';

const GENERAL = '200000000000000013';
const OTHER_BOT = { id: '300000000000000002', username: 'otherbot', bot: true };

/** The default server plus #general (not a support channel) and another bot. */
function server(): GuildFixture {
  const base = guildFixture();
  return guildFixture({
    channels: [...base.channels, { id: GENERAL, name: 'general', type: 0, position: 3 }],
    members: [...base.members, { user: OTHER_BOT, roles: [] }],
  });
}

let h: Harness;
beforeEach(async () => {
  h = await startHarness({}, { guilds: [server()] });
});
afterEach(async () => {
  await h.close();
});

describe('Discord: where the bot listens', () => {
  it('a new forum post in a support forum is the question; the answer goes into the post', async () => {
    const { fake } = h;
    const { thread } = await fake.createForumPost({ forumId: IDS.forumChannel, author: IDS.customer, name: 'Password', content: 'How do I reset my password?' });
    const answer = await postIn(fake, thread.id);
    expect(bodyOf(answer).embeds?.[0]?.title).toBe('Reset your password');
    expect(fake.callsTo('POST /channels/:id/messages/:mid/threads')).toEqual([]); // the post already is a thread
    const stored = await waitUntil(() => h.app.store.conversations.get(conversationOf(thread.id, IDS.forumChannel)), 'the conversation saved');
    expect(stored.thread).toMatchObject({ workspaceId: IDS.guild, channelId: IDS.forumChannel, threadId: thread.id });
  });

  it("a customer's forum post opened with \"hi\" keeps the name its author gave it when the question follows", async () => {
    const { fake } = h;
    const { thread } = await fake.createForumPost({ forumId: IDS.forumChannel, author: IDS.customer, name: 'Login trouble', content: 'hi' });
    await postIn(fake, thread.id, (b) => String(b.content).startsWith('Hi Casey Customer!'));
    await fake.sendMessage({ channelId: thread.id, author: IDS.customer, content: 'How do I reset my password?' });
    expect(bodyOf(await postIn(fake, thread.id, (b) => Boolean(b.embeds?.length))).embeds?.[0]?.title).toBe('Reset your password');
    expect(fake.callsTo('PATCH /channels/:id')).toEqual([]);
  });

  it('the Discord user becomes a customer profile, and a changed display name updates it', async () => {
    const { fake, app } = h;
    const question = await ask(fake, 'How do I reset my password?');
    await postIn(fake, question.id);
    const identity = `discord:users:${IDS.customer}`;
    expect(await waitUntil(() => app.store.customers.findByIdentity(identity), 'the profile')).toMatchObject({ displayName: 'Casey Customer', identities: [identity] });
    // The customer renames themselves; their next message carries the new global name.
    const renamed = { ...question, id: '1999999999999999999', channel_id: question.id, content: 'It worked, thanks', author: { ...question.author, global_name: 'Casey C.' }, guild_id: IDS.guild };
    await fake.dispatch('MESSAGE_CREATE', renamed);
    await waitUntil(async () => (await app.store.customers.findByIdentity(identity))?.displayName === 'Casey C.', 'the new name on the profile');
  });

  it('a direct message is a conversation in the DM channel itself, and follow-ups continue it', async () => {
    const { fake, app } = h;
    const dm = fake.dmChannel(IDS.customer);
    await fake.sendMessage({ channelId: dm.id, author: IDS.customer, content: 'How do I reset my password?' });
    const answer = await postIn(fake, dm.id);
    expect(bodyOf(answer).embeds?.[0]?.title).toBe('Reset your password');

    await fake.sendMessage({ channelId: dm.id, author: IDS.customer, content: 'I want to talk to a person' });
    const notice = await postIn(fake, dm.id, (b) => String(b.content).includes('handing this to our accounts team'));
    expect(bodyOf(notice).content).not.toContain('<@&'); // nobody from a server role can see a DM
    const packet = await postIn(fake, IDS.agentsChannel);
    // Agents cannot open the customer's DM with the bot: they reply in the packet's thread (no ping for the customer).
    expect(textOf(bodyOf(packet))).toContain(`in a direct message with the bot; reply in this message's thread and I'll pass it on to <@${IDS.customer}>`);
    expect(bodyOf(packet).allowed_mentions).toEqual({ parse: [], roles: [] });
    const conversation = await waitUntil(async () => {
      const stored = await app.store.conversations.get(conversationIdFor(directThread(dm.id)));
      return stored?.state === 'handed_off' && stored;
    }, 'the handoff saved');
    expect(conversation.thread).toMatchObject({ workspaceId: 'dm', channelId: dm.id, threadId: dm.id, isDirect: true });
  });

  it('a DM handoff relays through a thread on the packet: agents answer there, the customer in the DM', async () => {
    const { fake, app } = h;
    const dm = fake.dmChannel(IDS.customer);
    await fake.sendMessage({ channelId: dm.id, author: IDS.customer, content: 'I want to talk to a person about my invoice' });
    const packetId = idOf(await postIn(fake, IDS.agentsChannel, (b) => Boolean(b.embeds?.length)));
    // the relay thread is opened on the packet (it gets the packet's id) and says what it is for
    const opened = await fake.waitForCall('POST /channels/:id/messages/:mid/threads', (c) => c.path.endsWith(`/messages/${packetId}/threads`));
    expect(opened.body).toMatchObject({ name: 'Reply to Casey Customer' });
    expect(bodyOf(await postIn(fake, packetId)).content).toMatch(/^Casey Customer asked in a direct message with me/);

    // the agent answers in the thread: the customer reads it in the DM, after hearing who took it
    await fake.sendMessage({ channelId: packetId, author: IDS.agent, content: 'Hi Casey, which invoice number is it?' });
    expect(bodyOf(await postIn(fake, dm.id, (b) => String(b.content).startsWith('Alex Agent:'))).content).toBe('Alex Agent: Hi Casey, which invoice number is it?');
    const claimed = await waitUntil(async () => (await app.store.conversations.get(conversationIdFor(directThread(dm.id))))?.handoff?.assignee, 'the relay reply claimed it');
    expect(claimed.name).toBe('Alex Agent');

    // the customer's answer in the DM reaches the agents' thread, and nothing else is said to the customer
    await fake.sendMessage({ channelId: dm.id, author: IDS.customer, content: 'INV-2041' });
    expect(bodyOf(await postIn(fake, packetId, (b) => String(b.content).includes('INV-2041'))).content).toBe('Casey Customer: INV-2041');

    // a screenshot without words reaches the agents as a link to the file
    await fake.sendMessage({ channelId: dm.id, author: IDS.customer, content: '', files: [{ name: 'error.png', contentType: 'image/png' }] });
    const screenshot = await postIn(fake, packetId, (b) => String(b.content).includes('error.png'));
    expect(bodyOf(screenshot).content).toMatch(/^Casey Customer: 📎 error\.png \(https:\/\/cdn\.fake-discord\.invalid\/attachments\/\d+\/error\.png\)$/);

    // a long message (Nitro allows 4,000 characters; this one has 3,889) arrives whole, in two posts
    const long = Array.from({ length: 500 }, (_, i) => `word${i}`).join(' ');
    await fake.sendMessage({ channelId: dm.id, author: IDS.customer, content: long });
    const [first, second] = await fake.waitForCalls('POST /channels/:id/messages', 2, (c) => c.params.id === packetId && /word\d/.test(String(bodyOf(c).content)));
    expect(String(bodyOf(first!).content).length).toBeLessThanOrEqual(2000);
    expect(`${bodyOf(first!).content} ${bodyOf(second!).content}`).toBe(`Casey Customer: ${long}`);
  });

  it('a mention in another channel opens a thread there; the mention is not part of the question', async () => {
    const { fake } = h;
    const question = await fake.sendMessage({ channelId: GENERAL, author: IDS.customer, content: `<@${IDS.bot}> how do I reset my password?` });
    const thread = await fake.waitForCall('POST /channels/:id/messages/:mid/threads');
    expect(thread.body).toMatchObject({ name: 'how do I reset my password?' });
    expect(bodyOf(await postIn(fake, question.id)).embeds?.[0]?.title).toBe('Reset your password');
  });

  it("mentioning the bot's role (Discord's autocomplete offers it) is a mention too; the role is not part of the question", async () => {
    const { fake } = h;
    const question = await fake.sendMessage({ channelId: GENERAL, author: IDS.customer, content: `<@&${fake.botRoleId(IDS.guild)}> how do I reset my password?` });
    expect((await fake.waitForCall('POST /channels/:id/messages/:mid/threads')).body).toMatchObject({ name: 'how do I reset my password?' });
    expect(bodyOf(await postIn(fake, question.id)).embeds?.[0]?.title).toBe('Reset your password');
  });

  it("an agent's reply to a context packet (Discord pings the bot by default) is not a question", async () => {
    const { fake, app } = h;
    await ask(fake, "I'd like to talk to a human about my account");
    const packet = await postIn(fake, IDS.agentsChannel, (b) => Boolean(b.embeds?.length));
    const reply = await fake.sendMessage({ channelId: IDS.agentsChannel, author: IDS.agent, content: 'on it, taking this one', messageReference: { messageId: idOf(packet) } });
    expect(reply.mentions.map((user) => user.id)).toEqual([IDS.bot]); // the reply ping, as on Discord
    // a message the bot does act on afterwards, in another channel: once it is answered, the reply was passed over
    const next = await fake.sendMessage({ channelId: GENERAL, author: IDS.customer, content: `<@${IDS.bot}> how do I reset my password?` });
    await postIn(fake, next.id);
    expect(fake.callsTo('POST /channels/:id/messages/:mid/threads').filter((c) => c.params.id !== IDS.supportChannel).map((c) => c.params.mid)).toEqual([next.id]);
    expect(await app.store.conversations.get(conversationOf(reply.id, IDS.agentsChannel))).toBeUndefined();
  });

  it('a bare mention opens a thread and asks for the question, which then gets answered there', async () => {
    const { fake } = h;
    const mention = await fake.sendMessage({ channelId: GENERAL, author: IDS.customer, content: `<@${IDS.bot}>` });
    expect((await fake.waitForCall('POST /channels/:id/messages/:mid/threads')).body).toMatchObject({ name: 'Question from Casey Customer' });
    await postIn(fake, mention.id, (b) => String(b.content).startsWith('Hi Casey Customer! What can I help you with?'));
    await fake.sendMessage({ channelId: mention.id, author: IDS.customer, content: 'How do I reset my password?' });
    expect(bodyOf(await postIn(fake, mention.id, (b) => Boolean(b.embeds?.length))).embeds?.[0]?.title).toBe('Reset your password');
  });

  it('a thread opened with "hi" is named after the customer, then after the question once it comes (once)', async () => {
    const { fake } = h;
    const hello = await ask(fake, 'hi');
    expect((await fake.waitForCall('POST /channels/:id/messages/:mid/threads')).body).toMatchObject({ name: 'Question from Casey Customer' });
    await postIn(fake, hello.id, (b) => String(b.content).startsWith('Hi Casey Customer!'));

    await fake.sendMessage({ channelId: hello.id, author: IDS.customer, content: 'How do I reset my password?' });
    const rename = await fake.waitForCall('PATCH /channels/:id');
    expect(rename.params).toEqual({ id: hello.id });
    expect(rename.body).toEqual({ name: 'How do I reset my password?' });
    expect(bodyOf(await postIn(fake, hello.id, (b) => Boolean(b.embeds?.length))).embeds?.[0]?.title).toBe('Reset your password');

    await fake.sendMessage({ channelId: hello.id, author: IDS.customer, content: 'and how do I change my email?' });
    const postsInThread = () => fake.callsTo('POST /channels/:id/messages').filter((c) => c.params.id === hello.id).length;
    await waitUntil(() => postsInThread() >= 3, 'the reply to the second question');
    expect(fake.callsTo('PATCH /channels/:id')).toHaveLength(1);
  });

  it('a follow-up typed in the new thread while the first answer is still on its way (rate limited) is not lost', async () => {
    const { fake } = h;
    fake.failNext('POST /channels/:id/messages', { status: 429, retryAfter: 1 });
    const question = await ask(fake, 'How do I reset my password?');
    await fake.waitForCall('POST /channels/:id/messages', (c) => c.status === 429);
    await fake.sendMessage({ channelId: question.id, author: IDS.customer, content: 'I want to talk to a person please' });

    // handled after the answer, in order: the customer hears a person takes over and the agents get the packet
    const packet = await postIn(fake, IDS.agentsChannel, (b) => Boolean(b.embeds?.length), 5000);
    expect(textOf(bodyOf(packet))).toContain('How do I reset my password?');
    const inThread = fake.callsTo('POST /channels/:id/messages').filter((c) => c.status === 200 && c.params.id === question.id).map((c) => bodyOf(c));
    expect(inThread[0]?.embeds?.[0]?.title).toBe('Reset your password');
    expect(textOf(inThread.at(-1) ?? {})).toContain("I'm handing this to our");
  });

  it('close matches come as a select menu plus None of these; picking one answers with that article', async () => {
    const { fake } = h;
    const question = await ask(fake, 'schedule');
    const suggestions = await postIn(fake, question.id);
    const body = bodyOf(suggestions);
    const [select, none] = componentsOf(body);
    expect(body.content).toBe(`I'm not completely sure what you need. Did you mean ${select?.options?.length === 1 ? 'this' : 'one of these'}?`);
    expect(select).toMatchObject({ type: 3, custom_id: `tl:choose:${conversationOf(question.id)}` });
    expect(none).toMatchObject({ type: 2, label: 'None of these' });
    expect(body.components?.map((row) => row.components.length)).toEqual([1, 1]); // a select fills its own row
    const choice = select?.options?.[0];
    expect(textOf(body)).toContain(`1. [${choice?.label}]`);

    const pick = await fake.selectOption({ message: idOf(suggestions), customId: String(select?.custom_id), values: [String(choice?.value)], user: IDS.customer });
    expect(await firstResponse(fake, pick)).toEqual({ type: 6 });
    const answer = await postIn(fake, question.id, (b) => b.embeds?.[0]?.title === choice?.label);
    expect(labelsOf(bodyOf(answer))).toEqual(['Solved', 'Talk to a person']);
  });

  it('ignores other bots, its own posts, channels that are not for support, and agents announcing in #support', async () => {
    const { fake, logs } = h;
    await fake.sendMessage({ channelId: IDS.supportChannel, author: OTHER_BOT.id, content: 'How do I reset my password?' });
    await fake.sendMessage({ channelId: GENERAL, author: IDS.customer, content: 'How do I reset my password?' });
    await fake.sendMessage({ channelId: IDS.supportChannel, author: IDS.agent, content: 'Maintenance tonight at 22:00' });
    await fake.sendMessage({ channelId: IDS.supportChannel, author: IDS.bot, content: 'How do I reset my password?' }); // itself
    // Events are handled in order, and the ignored ones are dropped before any await: once the marker question has
    // its thread, everything before it was seen and dropped.
    const marker = await ask(fake, 'How do I reset my password?');
    await postIn(fake, marker.id);
    expect(fake.callsTo('POST /channels/:id/messages/:mid/threads').map((c) => c.params.mid)).toEqual([marker.id]);
  });
});

describe('Discord: guild threads that are not conversations', () => {
  it('messages in an unrelated thread are ignored unless they mention the bot', async () => {
    const { fake } = h;
    const { thread } = await fake.createForumPost({ forumId: IDS.forumChannel, author: IDS.agent, name: 'Release notes', content: 'Version 2 is out' });
    expect(thread.type).toBe(ChannelType.PublicThread);
    await fake.sendMessage({ channelId: thread.id, author: IDS.customer, content: 'Nice!' });
    await fake.sendMessage({ channelId: thread.id, author: IDS.customer, content: `<@${IDS.bot}> how do I reset my password?` });
    const answer = await postIn(fake, thread.id);
    expect(bodyOf(answer).embeds?.[0]?.title).toBe('Reset your password');
    expect(fake.callsTo('POST /channels/:id/messages').filter((c) => c.params.id === thread.id)).toHaveLength(1);
  });
});
