// Proof that the real discord.js 14 client runs against the local FakeDiscord (REST + gateway).
// The bot below is a stand-in written for this test, not threadline's adapter.
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  Client,
  DiscordAPIError,
  EmbedBuilder,
  GatewayIntentBits,
  MessageFlags,
  ModalBuilder,
  Partials,
  PermissionFlagsBits,
  Routes,
  SlashCommandBuilder,
  TextInputBuilder,
  TextInputStyle,
  type GuildMember,
  type Interaction,
  type Message,
  type TextChannel,
} from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_IDS, FakeDiscord } from './fakes/discord/index.js';

const TOKEN = 'fake-bot-token';
const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent, GatewayIntentBits.DirectMessages];

interface Seen {
  ownMessages: Message[];
  threadCreates: Array<{ id: string; newlyCreated: boolean }>;
  errors: unknown[];
}

const COMMANDS = [
  new SlashCommandBuilder().setName('status').setDescription('Queue status (agents only)'),
  new SlashCommandBuilder()
    .setName('handoff')
    .setDescription('Hand this conversation to a team')
    .addStringOption((o) => o.setName('team').setDescription('Team').setRequired(true).addChoices({ name: 'Billing', value: 'billing' }, { name: 'Tech', value: 'tech' })),
];

/** Support channel message → thread with an embed and buttons; buttons, a modal and slash commands answer. */
function addHandlers(client: Client, seen: Seen): void {
  client.on('messageCreate', (message) => {
    if (message.author.id === client.user?.id) return void seen.ownMessages.push(message);
    if (message.channel.type === ChannelType.DM) return void message.channel.send(`You said: ${message.content}`).catch((e) => seen.errors.push(e));
    if (message.channelId !== DEFAULT_IDS.supportChannel) return;
    void (async () => {
      const thread = await message.startThread({ name: `Help: ${message.content.slice(0, 40)}` });
      const buttons = new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder().setCustomId('solved').setLabel('Solved').setStyle(ButtonStyle.Success),
        new ButtonBuilder().setCustomId('human').setLabel('Talk to a human').setStyle(ButtonStyle.Secondary),
        new ButtonBuilder().setCustomId('comment').setLabel('Comment').setStyle(ButtonStyle.Secondary),
      );
      await thread.send({ embeds: [new EmbedBuilder().setTitle('Try restarting the sync').setDescription('Settings → Sync → Restart')], components: [buttons] });
    })().catch((error: unknown) => seen.errors.push(error)); // adapters must catch: an unhandled rejection kills the bot
  });
  client.on('threadCreate', (thread, newlyCreated) => seen.threadCreates.push({ id: thread.id, newlyCreated }));
  client.on('interactionCreate', (interaction) => void answer(interaction).catch((error: unknown) => seen.errors.push(error)));
}

async function answer(interaction: Interaction): Promise<void> {
  if (interaction.isButton()) {
    if (interaction.customId === 'solved') await interaction.reply({ content: 'Glad it helped!', flags: MessageFlags.Ephemeral });
    if (interaction.customId === 'human') await interaction.deferUpdate();
    if (interaction.customId === 'comment') {
      const input = new TextInputBuilder().setCustomId('comment').setLabel('What went wrong?').setStyle(TextInputStyle.Paragraph);
      await interaction.showModal(new ModalBuilder().setCustomId('ces_comment').setTitle('Feedback').addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(input)));
    }
  } else if (interaction.isModalSubmit()) {
    await interaction.reply({ content: `Thanks: ${interaction.fields.getTextInputValue('comment')}`, flags: MessageFlags.Ephemeral });
  } else if (interaction.isChatInputCommand()) {
    const member = interaction.member as GuildMember;
    if (interaction.commandName === 'status') {
      const isAgent = member.roles.cache.has(DEFAULT_IDS.agentRole);
      await interaction.reply(isAgent ? { content: 'Queue: 0 open' } : { content: 'Agents only', flags: MessageFlags.Ephemeral });
    }
    if (interaction.commandName === 'handoff') await interaction.reply({ content: `Handing off to ${interaction.options.getString('team', true)}` });
  }
}

async function startClient(fake: FakeDiscord, seen: Seen): Promise<Client> {
  const client = new Client({ intents: INTENTS, partials: [Partials.Channel], rest: { api: fake.restApi } });
  addHandlers(client, seen);
  const ready = new Promise<void>((resolve) => client.once('clientReady', () => resolve()));
  await client.login(TOKEN);
  await ready;
  return client;
}

describe('discord.js 14 against FakeDiscord', () => {
  let fake: FakeDiscord;
  let client: Client;
  let seen: Seen;

  beforeEach(async () => {
    fake = await FakeDiscord.start({ token: TOKEN });
    seen = { ownMessages: [], threadCreates: [], errors: [] };
    client = await startClient(fake, seen);
  });

  afterEach(async () => {
    await client.destroy();
    await fake.close();
    expect(fake.unknownCalls()).toEqual([]);
    expect(fake.internalErrors).toEqual([]);
  });

  it('logs in: READY and GUILD_CREATE fill the caches', async () => {
    const [identify] = fake.gateway.identifies;
    expect(identify).toMatchObject({ token: TOKEN, intents: client.options.intents.bitfield, shard: [0, 1] });
    expect(fake.callsTo('GET /gateway/bot')).toHaveLength(1);
    expect(client.user?.id).toBe(DEFAULT_IDS.bot);
    expect(client.application?.id).toBe(DEFAULT_IDS.bot);

    const guild = client.guilds.cache.get(DEFAULT_IDS.guild);
    expect(guild?.name).toBe('Brightloom Support');
    expect(guild?.channels.cache.map((c) => c.name).sort()).toEqual(['agents', 'help-forum', 'support']);
    expect(guild?.channels.cache.get(DEFAULT_IDS.forumChannel)?.type).toBe(ChannelType.GuildForum);
    expect(guild?.roles.cache.get(DEFAULT_IDS.agentRole)?.name).toBe('Agents');
    expect(guild?.members.cache.get(DEFAULT_IDS.agent)?.roles.cache.has(DEFAULT_IDS.agentRole)).toBe(true);
    expect(guild?.members.me?.id).toBe(DEFAULT_IDS.bot);

    // Overwrites arrive intact: #agents is hidden from customers, visible to agents and the bot.
    const agents = guild?.channels.cache.get(DEFAULT_IDS.agentsChannel) as TextChannel;
    const canView = (id: string) => agents.permissionsFor(id)?.has(PermissionFlagsBits.ViewChannel);
    expect([canView(DEFAULT_IDS.customer), canView(DEFAULT_IDS.agent), canView(DEFAULT_IDS.bot)]).toEqual([false, true, true]);
  });

  it('a customer message becomes a thread with an embed and buttons', async () => {
    const question = await fake.sendMessage({ channelId: DEFAULT_IDS.supportChannel, author: DEFAULT_IDS.customer, content: 'My sync is stuck' });

    const threadCall = await fake.waitForCall('POST /channels/:id/messages/:mid/threads');
    expect(threadCall.params).toEqual({ id: DEFAULT_IDS.supportChannel, mid: question.id });
    expect(threadCall.body).toMatchObject({ name: 'Help: My sync is stuck', auto_archive_duration: 1440 });
    expect(threadCall.headers.authorization).toBe(`Bot ${TOKEN}`);
    expect(threadCall.response).toMatchObject({ id: question.id, type: 11, parent_id: DEFAULT_IDS.supportChannel, guild_id: DEFAULT_IDS.guild });

    const post = await fake.waitForCall('POST /channels/:id/messages', (c) => c.params.id === question.id);
    expect(post.body).toMatchObject({
      embeds: [{ title: 'Try restarting the sync' }],
      components: [{ type: 1, components: [{ custom_id: 'solved', style: 3 }, { custom_id: 'human' }, { custom_id: 'comment' }] }],
    });
    const thread = client.channels.cache.get(question.id);
    expect(thread?.isThread() && thread.parentId).toBe(DEFAULT_IDS.supportChannel);
    // threadCreate fires once, from the REST answer (no newly_created there); the THREAD_CREATE that follows is a cache hit.
    await fake.gateway.waitForDispatch('THREAD_CREATE');
    expect(seen.threadCreates).toEqual([{ id: question.id, newlyCreated: false }]);
    // Discord echoes the bot's own post as MESSAGE_CREATE: the ignore-myself branch runs.
    await expect.poll(() => seen.ownMessages.map((m) => m.channelId)).toEqual([question.id]);
    expect(seen.errors).toEqual([]);
  });

  it('buttons: an ephemeral reply, a deferred update, a modal and its submission', async () => {
    await fake.sendMessage({ channelId: DEFAULT_IDS.supportChannel, author: DEFAULT_IDS.customer, content: 'Help' });
    const post = await fake.waitForCall('POST /channels/:id/messages');
    const botMessage = post.response as { id: string };

    const solved = await fake.pressButton({ message: botMessage.id, customId: 'solved', user: DEFAULT_IDS.customer });
    const reply = await fake.waitForInteractionResponse(solved);
    expect(reply.body).toEqual({ type: 4, data: expect.objectContaining({ content: 'Glad it helped!', flags: MessageFlags.Ephemeral }) });
    expect(reply.headers.authorization).toBeUndefined();
    expect(reply.status).toBe(204);

    const human = await fake.pressButton({ message: botMessage.id, customId: 'human', user: DEFAULT_IDS.customer });
    expect((await fake.waitForInteractionResponse(human)).body).toEqual({ type: 6 });

    const comment = await fake.pressButton({ message: botMessage.id, customId: 'comment', user: DEFAULT_IDS.customer });
    const modal = await fake.waitForInteractionResponse(comment);
    expect(modal.body).toMatchObject({ type: 9, data: { custom_id: 'ces_comment', title: 'Feedback' } });

    const submit = await fake.submitModal({ customId: 'ces_comment', fields: { comment: 'Too slow' } });
    expect((await fake.waitForInteractionResponse(submit)).body).toMatchObject({ type: 4, data: { content: 'Thanks: Too slow' } });

    // A second answer to the same interaction: Discord's 40060, surfaced by discord.js as a DiscordAPIError.
    const again = client.rest.post(Routes.interactionCallback(submit.id, submit.token), { body: { type: 4, data: { content: 'twice' } }, auth: false });
    await expect(again).rejects.toMatchObject({ code: 40060, status: 400 });
    expect(seen.errors).toEqual([]);
  });

  it('slash commands: registration, a role check through interaction.member, typed options', async () => {
    const registered = await client.application?.commands.set(COMMANDS.map((c) => c.toJSON()), DEFAULT_IDS.guild);
    expect(registered?.map((c) => c.name).sort()).toEqual(['handoff', 'status']);
    expect(fake.callsTo('PUT /applications/:appId/guilds/:guildId/commands')[0]?.params).toEqual({ appId: DEFAULT_IDS.bot, guildId: DEFAULT_IDS.guild });

    const asAgent = await fake.runSlashCommand({ name: 'status', user: DEFAULT_IDS.agent, channelId: DEFAULT_IDS.agentsChannel });
    expect((await fake.waitForInteractionResponse(asAgent)).body).toEqual({ type: 4, data: expect.objectContaining({ content: 'Queue: 0 open' }) });
    const asCustomer = await fake.runSlashCommand({ name: 'status', user: DEFAULT_IDS.customer, channelId: DEFAULT_IDS.supportChannel });
    expect((await fake.waitForInteractionResponse(asCustomer)).body).toMatchObject({ data: { content: 'Agents only', flags: MessageFlags.Ephemeral } });

    const handoff = await fake.runSlashCommand({ name: 'handoff', options: { team: 'billing' }, user: DEFAULT_IDS.agent, channelId: DEFAULT_IDS.supportChannel });
    expect((await fake.waitForInteractionResponse(handoff)).body).toMatchObject({ data: { content: 'Handing off to billing' } });
    await expect(fake.runSlashCommand({ name: 'ask', user: DEFAULT_IDS.agent, channelId: DEFAULT_IDS.supportChannel })).rejects.toThrow(/no command \/ask/);
  });

  it('REST failures: a 429 is waited out and retried, a 403 rejects with DiscordAPIError 50013', async () => {
    const support = client.channels.cache.get(DEFAULT_IDS.supportChannel) as TextChannel;
    fake.failNext('POST /channels/:id/messages', { status: 429, retryAfter: 0.2 });
    const sent = await support.send('after a rate limit');
    const [limited, retried] = fake.callsTo('POST /channels/:id/messages');
    expect([limited?.status, retried?.status]).toEqual([429, 200]);
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(200); // X-RateLimit-Reset-After, not the rounded Retry-After
    expect(sent.content).toBe('after a rate limit');

    fake.failNext('POST /channels/:id/messages', { status: 403, code: 50013, message: 'Missing Permissions' });
    const error = await support.send('forbidden').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ code: 50013, status: 403, message: 'Missing Permissions' });
  });

  it('DMs arrive through Partials.Channel and the bot answers in the DM', async () => {
    const dm = fake.dmChannel(DEFAULT_IDS.customer);
    await fake.sendMessage({ channelId: dm.id, author: DEFAULT_IDS.customer, content: 'hello?' });
    const reply = await fake.waitForCall('POST /channels/:id/messages', (c) => c.params.id === dm.id);
    expect(reply.body).toMatchObject({ content: 'You said: hello?' });
  });

  it('a dropped connection is resumed and the events sent meanwhile are replayed', async () => {
    const resumed = new Promise<void>((resolve) => client.once('shardResume', () => resolve()));
    await fake.disconnectClient({ code: 4000 });
    // Sent while the client is away: the gateway buffers it for the session.
    await fake.sendMessage({ channelId: DEFAULT_IDS.supportChannel, author: DEFAULT_IDS.customer, content: 'Are you there?' });
    await resumed; // discord.js counts RESUMED itself in its "replayed" number, so it reports 2 here
    expect(fake.gateway.resumes).toEqual([expect.objectContaining({ accepted: true, replayed: 1 })]);
    expect(fake.gateway.connections.map((c) => c.path)).toEqual(['/gateway', '/gateway-resume']);
    await fake.waitForCall('POST /channels/:id/messages/:mid/threads');

    await fake.sendMessage({ channelId: DEFAULT_IDS.supportChannel, author: DEFAULT_IDS.customer, content: 'Still stuck' });
    await fake.waitForCalls('POST /channels/:id/messages/:mid/threads', 2);
    expect(fake.gateway.identifies).toHaveLength(1);
  });
});

describe('shutdown', () => {
  it('client.destroy() and fake.close() leave no sockets or servers open', async () => {
    // Vitest talks to its workers over IPC, not TCP: every TCP handle here belongs to a client or a fake.
    const countNetHandles = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap' || r === 'TCPServerWrap').length;
    await expect.poll(countNetHandles).toBe(0); // the tests above cleaned up too
    const fake = await FakeDiscord.start();
    const client = await startClient(fake, { ownMessages: [], threadCreates: [], errors: [] });
    await (client.channels.cache.get(DEFAULT_IDS.supportChannel) as TextChannel).send('keep-alive socket');
    expect(countNetHandles()).toBeGreaterThanOrEqual(4); // server, gateway socket both ends, keep-alive REST socket
    await client.destroy();
    await fake.close();
    await expect.poll(countNetHandles).toBe(0);
  });
});
