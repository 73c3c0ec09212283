// The gateway connection: a dropped socket is resumed and missed events replayed, a restart (new client, same
// store) carries on every conversation, and start-up refuses bad tokens and missing intents with what to do.
import { afterEach, describe, expect, it } from 'vitest';
import { startDiscord } from '../../src/platforms/discord/index.js';
import { DEFAULT_BOT_PERMISSIONS, EVERYONE_PERMISSIONS, FakeDiscord, guildFixture, permissionBits } from '../fakes/discord/index.js';
import { IDS, ask, bodyOf, conversationOf, idOf, labelsOf, postIn, press, startHarness, waitForLog, waitUntil, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('Discord connection', () => {
  it('a dropped gateway connection is resumed; a message sent meanwhile is replayed and continues the conversation', async () => {
    h = await startHarness();
    const { fake, discord, app } = h;
    const question = await ask(fake, 'I want to talk to a person');
    await postIn(fake, IDS.agentsChannel);
    const resumed = new Promise<void>((resolve) => discord.client.once('shardResume', () => resolve()));
    await fake.disconnectClient({ code: 4000 });
    // Sent while the bot is away: the fake keeps it for the session and replays it on resume.
    await fake.sendMessage({ channelId: question.id, author: IDS.customer, content: 'Still there?' });
    await resumed;
    expect(fake.gateway.resumes.map((r) => r.accepted)).toEqual([true]);
    expect(fake.gateway.identifies).toHaveLength(1);
    const id = conversationOf(question.id);
    await waitUntil(async () => (await app.store.conversations.get(id))?.transcript.some((l) => l.text === 'Still there?'), 'the replayed message recorded');
    await waitForLog(h.logs, /gateway session resumed/);
  });

  it('shutting down: a message that arrives while the last reply is still going out is answered too, not dropped', async () => {
    h = await startHarness();
    const { fake, discord } = h;
    fake.failNext('POST /channels/:id/messages', { status: 429, retryAfter: 1 }); // the first answer takes a second
    await ask(fake, 'How do I reset my password?');
    await fake.waitForCall('POST /channels/:id/messages', (c) => c.status === 429);
    const stopped = discord.stop();
    const late = await ask(fake, 'How do I cancel my subscription?'); // Discord would not deliver it again
    await stopped;
    expect(bodyOf(await postIn(fake, late.id)).embeds?.[0]?.title).toBe('Cancel your subscription');
  });

  it('a restart (new client, same store) keeps conversations: old buttons work and a replayed message is handled once', async () => {
    h = await startHarness();
    const { fake, app } = h;
    const question = await ask(fake, 'How do I reset my password?');
    const answer = await postIn(fake, question.id);
    await waitUntil(async () => (await app.store.conversations.get(conversationOf(question.id)))?.state === 'answered', 'the answer saved');
    await h.discord.stop();

    const again = await startDiscord(app);
    h.discord = again;
    expect(fake.gateway.identifies).toHaveLength(2);
    // The same MESSAGE_CREATE again (as after a lost session): the new client has no cache to drop it, the message
    // says it has a thread (that one is used), and the engine has seen the message id.
    await fake.dispatch('MESSAGE_CREATE', { ...fake.messages.get(question.id), guild_id: IDS.guild });
    await waitForLog(h.logs, new RegExp(`ignored a repeated delivery .*message:${question.id}`));
    expect(fake.callsTo('POST /channels/:id/messages/:mid/threads')).toHaveLength(1);

    await press(fake, idOf(answer), 'solved');
    await postIn(fake, question.id, (b) => labelsOf(b).length === 7);
    expect(fake.callsTo('POST /channels/:id/messages').filter((c) => c.params.id === question.id && bodyOf(c).embeds?.length)).toHaveLength(1);
  });

  it('start-up checks name missing permissions and roles that are unknown or cannot be pinged; the bot runs anyway', async () => {
    const withoutEmbeds = (bits: bigint) => bits & ~permissionBits('EmbedLinks');
    const roles = [
      { id: IDS.guild, name: '@everyone', permissions: withoutEmbeds(EVERYONE_PERMISSIONS), position: 0 },
      { id: IDS.agentRole, name: 'Agents', permissions: 0n, position: 1, mentionable: false },
    ];
    h = await startHarness({ DISCORD_AGENT_ROLES: `*:${IDS.agentRole},billing:200000000000000098` }, { guilds: [guildFixture({ roles })], botPermissions: withoutEmbeds(DEFAULT_BOT_PERMISSIONS) });
    expect(h.discord.setupProblems).toEqual([
      `DISCORD_SUPPORT_CHANNELS: the bot lacks Embed Links in #support (${IDS.supportChannel}); grant them in the channel's permissions.`,
      `DISCORD_SUPPORT_CHANNELS: the bot lacks Embed Links in #help-forum (${IDS.forumChannel}); grant them in the channel's permissions.`,
      `DISCORD_AGENT_CHANNELS: the bot lacks Embed Links in #agents (${IDS.agentsChannel}); grant them in the channel's permissions.`,
      'DISCORD_AGENT_ROLES: @Agents is not mentionable and the bot lacks "Mention @everyone, @here, and All Roles": handoff notices will not ping it.',
      'DISCORD_AGENT_ROLES: no role 200000000000000098 in the servers the bot is in.',
    ]);
    const question = await ask(h.fake, 'How do I reset my password?');
    await postIn(h.fake, question.id); // it still answers; without Embed Links Discord would not show the embed, hence the warning
    await waitForLog(h.logs, /WARN .*discord: DISCORD_SUPPORT_CHANNELS: the bot lacks Embed Links in #support/);
  });

  it('agents channels need thread permissions too (the relay thread of a DM handoff)', async () => {
    const withoutThreads = (bits: bigint) => bits & ~permissionBits('CreatePublicThreads');
    const roles = [{ id: IDS.guild, name: '@everyone', permissions: withoutThreads(EVERYONE_PERMISSIONS), position: 0 }, { id: IDS.agentRole, name: 'Agents', permissions: 0n, position: 1, mentionable: true }];
    h = await startHarness({}, { guilds: [guildFixture({ roles })], botPermissions: withoutThreads(DEFAULT_BOT_PERMISSIONS) });
    expect(h.discord.setupProblems).toEqual([
      `DISCORD_SUPPORT_CHANNELS: the bot lacks Create Public Threads in #support (${IDS.supportChannel}); grant them in the channel's permissions.`,
      `DISCORD_AGENT_CHANNELS: the bot lacks Create Public Threads in #agents (${IDS.agentsChannel}); grant them in the channel's permissions.`,
    ]);
  });
});

describe('Discord start-up failures', () => {
  it('a token Discord refuses stops start-up with a message that says what to check', async () => {
    const fake = await FakeDiscord.start({ token: 'the-right-token' });
    try {
      await expect(startHarnessWith(fake, { DISCORD_TOKEN: 'a-wrong-token' })).rejects.toThrow(/Discord did not accept DISCORD_TOKEN .*Reset Token/);
    } finally {
      await fake.close();
    }
  });

  it('Message Content not enabled in the portal (close 4014) names the switch to turn on', async () => {
    const fake = await FakeDiscord.start({ allowedPrivilegedIntents: 0 });
    try {
      await expect(startHarnessWith(fake, {})).rejects.toThrow(/Enable the Message Content intent in the Developer Portal/);
    } finally {
      await fake.close();
    }
  });
});

async function startHarnessWith(fake: FakeDiscord, env: Record<string, string>) {
  const { createApp } = await import('../../src/app.js');
  const { parseConfig } = await import('../../src/config.js');
  const { silentLogger } = await import('../../src/logger.js');
  const app = await createApp(parseConfig({ STORE_URL: 'memory://', MATCHER: 'lexical', DISCORD_TOKEN: 'any-token', DISCORD_API_URL: fake.restApi, ...env }), { watch: false, logger: silentLogger });
  try {
    const discord = await startDiscord(app);
    await discord.stop();
  } finally {
    await app.close();
  }
}
