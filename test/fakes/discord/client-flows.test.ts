// discord.js behaviours beyond the proof test, checked against FakeDiscord: each `it` names what discord.js does.
import {
  ActionRowBuilder,
  Client,
  DiscordAPIError,
  LabelBuilder,
  ModalBuilder,
  GatewayIntentBits,
  HTTPError,
  MessageFlags,
  Partials,
  StringSelectMenuBuilder,
  TextInputBuilder,
  TextInputStyle,
  type ForumChannel,
  type Interaction,
  type TextChannel,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_IDS, FakeDiscord } from './index.js';

const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent, GatewayIntentBits.DirectMessages];

describe('discord.js flows against FakeDiscord', () => {
  let fake: FakeDiscord;
  let client: Client;
  let errors: unknown[];

  async function start(options: { onInteraction?: (i: Interaction) => Promise<unknown>; interactionResponseMs?: number; partials?: Partials[] } = {}) {
    fake = await FakeDiscord.start(options.interactionResponseMs ? { interactionResponseMs: options.interactionResponseMs } : {});
    client = new Client({ intents: INTENTS, partials: options.partials ?? [Partials.Channel], rest: { api: fake.restApi } });
    errors = [];
    const { onInteraction } = options;
    if (onInteraction) client.on('interactionCreate', (i) => void onInteraction(i).catch((e: unknown) => errors.push(e)));
    const ready = new Promise<void>((resolve) => client.once('clientReady', () => resolve()));
    await client.login('token');
    await ready;
  }
  const support = () => client.channels.cache.get(DEFAULT_IDS.supportChannel) as TextChannel;

  afterEach(async () => {
    await client.destroy();
    await fake.close();
    expect(fake.unknownCalls()).toEqual([]);
  });

  it('deferReply → type 5; editReply → PATCH @original; followUp → POST webhook ?wait=true', async () => {
    await start({
      onInteraction: async (i) => {
        if (!i.isButton()) return;
        await i.deferReply({ flags: MessageFlags.Ephemeral });
        await i.editReply('Looked it up');
        await i.followUp({ content: 'One more thing', flags: MessageFlags.Ephemeral });
      },
    });
    const message = await support().send({ content: 'x', components: [{ type: 1, components: [{ type: 2, style: 1, custom_id: 'look', label: 'Look' }] }] });
    const press = await fake.pressButton({ message: message.id, customId: 'look', user: DEFAULT_IDS.customer });
    expect((await fake.waitForInteractionResponse(press)).body).toEqual({ type: 5, data: { flags: MessageFlags.Ephemeral } });
    const edit = await fake.waitForCall('PATCH /webhooks/:appId/:token/messages/@original');
    expect([edit.params.appId, edit.params.token, edit.status]).toEqual([DEFAULT_IDS.bot, press.token, 200]);
    expect(edit.response).toMatchObject({ content: 'Looked it up', flags: MessageFlags.Ephemeral }); // the Loading flag is gone
    const followUp = await fake.waitForCall('POST /webhooks/:appId/:token');
    expect([followUp.query.wait, followUp.headers.authorization]).toEqual(['true', undefined]);
    expect(errors).toEqual([]);
  });

  it('a select menu: update() with withResponse edits the message and returns the callback resource', async () => {
    const seen: string[] = [];
    await start({
      onInteraction: async (i) => {
        if (!i.isStringSelectMenu()) return;
        const response = await i.update({ content: `Team: ${i.values.join(',')}`, components: [], withResponse: true });
        seen.push(response.resource?.message?.content ?? 'none');
      },
    });
    const menu = new StringSelectMenuBuilder().setCustomId('team').addOptions({ label: 'Billing', value: 'billing' }, { label: 'Tech', value: 'tech' });
    const message = await support().send({ content: 'Pick a team', components: [new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(menu)] });
    await expect(fake.selectOption({ message, customId: 'team', values: ['sales'], user: DEFAULT_IDS.agent })).rejects.toThrow(/no option sales/);
    const pick = await fake.selectOption({ message, customId: 'team', values: ['tech'], user: DEFAULT_IDS.agent });
    expect((await fake.waitForInteractionResponse(pick)).query).toEqual({ with_response: 'true' });
    await expect.poll(() => seen).toEqual(['Team: tech']);
    expect(fake.messages.get(message.id)).toMatchObject({ content: 'Team: tech', components: [] });
    await expect.poll(() => support().messages.cache.get(message.id)?.content).toBe('Team: tech'); // via MESSAGE_UPDATE
  });

  it('a modal with a label component: the submission mirrors it and fields.getTextInputValue() reads it', async () => {
    const values: string[] = [];
    await start({
      onInteraction: async (i) => {
        const input = new TextInputBuilder().setCustomId('why').setStyle(TextInputStyle.Short);
        if (i.isButton()) await i.showModal(new ModalBuilder().setCustomId('why_modal').setTitle('Why?').addLabelComponents(new LabelBuilder().setLabel('Tell us').setTextInputComponent(input)));
        if (i.isModalSubmit()) {
          values.push(i.fields.getTextInputValue('why'));
          await i.deferUpdate(); // allowed: this modal was opened from a message component
        }
      },
    });
    const message = await support().send({ content: 'x', components: [{ type: 1, components: [{ type: 2, style: 1, custom_id: 'ask', label: 'Ask' }] }] });
    const press = await fake.pressButton({ message, customId: 'ask', user: DEFAULT_IDS.customer });
    expect((await fake.waitForInteractionResponse(press)).body).toMatchObject({ data: { components: [{ type: 18, component: { type: 4, custom_id: 'why' } }] } });
    await expect(fake.submitModal({ customId: 'why_modal', fields: { reason: 'x' } })).rejects.toThrow(/has no input reason/);
    const submit = await fake.submitModal({ customId: 'why_modal', fields: { why: 'because' } });
    expect((await fake.waitForInteractionResponse(submit)).body).toEqual({ type: 6 });
    expect(values).toEqual(['because']);
  });

  it('without Partials.Channel a DM never reaches messageCreate', async () => {
    await start({ partials: [] });
    const seen: string[] = [];
    client.on('messageCreate', (message) => seen.push(message.content));
    await fake.sendMessage({ channelId: fake.dmChannel(DEFAULT_IDS.customer).id, author: DEFAULT_IDS.customer, content: 'dropped' });
    await fake.sendMessage({ channelId: DEFAULT_IDS.supportChannel, author: DEFAULT_IDS.customer, content: 'arrives' });
    await expect.poll(() => seen).toEqual(['arrives']); // events are handled in order, so the DM was dropped
  });

  it('an answer after the 3 s window rejects with DiscordAPIError 10062 Unknown interaction', async () => {
    await start({
      interactionResponseMs: 50,
      onInteraction: async (i) => {
        await new Promise((resolve) => setTimeout(resolve, 100));
        if (i.isButton()) await i.reply('too late');
      },
    });
    const message = await support().send({ content: 'x', components: [{ type: 1, components: [{ type: 2, style: 1, custom_id: 'slow', label: 'Slow' }] }] });
    await fake.pressButton({ message: message.id, customId: 'slow', user: DEFAULT_IDS.customer });
    await expect.poll(() => errors.length).toBe(1);
    expect(errors[0]).toBeInstanceOf(DiscordAPIError);
    expect(errors[0]).toMatchObject({ code: 10062, status: 404 });
  });

  it('forum posts, edits, DMs to a user and member fetches go through the expected routes', async () => {
    await start();
    const forum = client.channels.cache.get(DEFAULT_IDS.forumChannel) as ForumChannel;
    const post = await forum.threads.create({ name: 'How do I export?', message: { content: 'Question body' } });
    expect([post.parentId, (await post.fetchStarterMessage())?.content]).toEqual([DEFAULT_IDS.forumChannel, 'Question body']);

    const message = await support().send('first');
    expect((await message.edit('second')).editedTimestamp).not.toBeNull();

    const dm = await (await client.users.fetch(DEFAULT_IDS.customer)).send('Your ticket is resolved');
    expect(dm.channelId).toBe(fake.dmChannel(DEFAULT_IDS.customer).id);

    const member = await client.guilds.cache.get(DEFAULT_IDS.guild)?.members.fetch({ user: DEFAULT_IDS.agent, force: true });
    expect(member?.roles.cache.has(DEFAULT_IDS.agentRole)).toBe(true);
    expect(fake.calls.map((c) => c.route)).toEqual([
      // No GET for the starter message: discord.js caches the `message` of the forum post response.
      'GET /gateway/bot', 'POST /channels/:id/threads', 'POST /channels/:id/messages',
      'PATCH /channels/:id/messages/:mid', 'POST /users/@me/channels', 'POST /channels/:id/messages', 'GET /guilds/:id/members/:userId',
    ]);
  });

  it('a 5xx is retried three times, then HTTPError; a 401 drops the token for every later request', async () => {
    await start();
    for (let i = 0; i < 4; i++) fake.failNext('POST /channels/:id/messages', { status: 502 });
    await expect(support().send('x')).rejects.toBeInstanceOf(HTTPError);
    expect(fake.callsTo('POST /channels/:id/messages').map((c) => c.status)).toEqual([502, 502, 502, 502]);

    fake.failNext('POST /channels/:id/messages', { status: 401, message: '401: Unauthorized' });
    await expect(support().send('x')).rejects.toMatchObject({ status: 401 });
    await expect(support().send('y')).rejects.toThrow(/Expected token to be set/);
  });

  it('op 7 Reconnect and a terminated socket are both resumed, not re-identified', async () => {
    await start();
    const resumes = () => new Promise<void>((resolve) => client.once('shardResume', () => resolve()));
    let resumed = resumes();
    fake.gateway.requestReconnect();
    await resumed;
    resumed = resumes();
    await fake.disconnectClient({ terminate: true });
    await resumed;
    expect(fake.gateway.resumes.map((r) => r.accepted)).toEqual([true, true]);
    expect(fake.gateway.identifies).toHaveLength(1);
  });
});
