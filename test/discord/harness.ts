// Starts the real app (memory store, sample knowledge, lexical matcher, engine) with the real Discord adapter —
// discord.js itself — against a local FakeDiscord, and gives tests helpers to ask, find the bot's posts and press.
import { expect } from 'vitest';
import type { App } from '../../src/app.js';
import { createApp } from '../../src/app.js';
import { conversationIdFor } from '../../src/engine/conversation.js';
import { parseConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { guildThread } from '../../src/platforms/discord/places.js';
import { startDiscord, type DiscordOptions, type DiscordPlatform } from '../../src/platforms/discord/index.js';
import { registerCommands } from '../../src/platforms/discord/register.js';
import { DEFAULT_IDS, FakeDiscord, type FakeDiscordOptions, type InteractionHandle, type RecordedCall } from '../fakes/discord/index.js';

export const TOKEN = 'fake-discord-bot-token';
export const IDS = DEFAULT_IDS;

export interface Harness {
  fake: FakeDiscord;
  app: App;
  discord: DiscordPlatform;
  logs: string[];
  /** Unhandled promise rejections while the harness ran: each would kill a real process. */
  crashes: unknown[];
  close(): Promise<void>;
}

/**
 * The thresholds are pinned: these tests are about Discord, not about where calibration puts the bar (the
 * matcher has its own tests). Settings in `env` override the defaults here.
 */
export async function startHarness(env: Record<string, string> = {}, fakeOptions: FakeDiscordOptions = {}, options: DiscordOptions = {}): Promise<Harness> {
  const fake = await FakeDiscord.start({ token: TOKEN, ...fakeOptions });
  const logs: string[] = [];
  const crashes: unknown[] = [];
  const onCrash = (reason: unknown) => crashes.push(reason);
  process.on('unhandledRejection', onCrash);
  const config = parseConfig({
    STORE_URL: 'memory://',
    MATCHER: 'lexical',
    MATCH_ANSWER_THRESHOLD: '0.5',
    MATCH_SUGGEST_THRESHOLD: '0.2',
    MATCH_MARGIN: '0.1',
    DISCORD_TOKEN: TOKEN,
    DISCORD_API_URL: fake.restApi,
    DISCORD_SUPPORT_CHANNELS: `${IDS.supportChannel},${IDS.forumChannel}`,
    DISCORD_AGENT_CHANNELS: `*:${IDS.agentsChannel}`,
    DISCORD_AGENT_ROLES: `*:${IDS.agentRole}`,
    ...env,
  });
  const app = await createApp(config, { watch: false, logger: createLogger('debug', (line) => logs.push(line)) });
  let discord: DiscordPlatform;
  try {
    discord = await startDiscord(app, options);
  } catch (error) {
    process.off('unhandledRejection', onCrash);
    await app.close();
    await fake.close();
    throw error;
  }
  const harness: Harness = {
    fake,
    app,
    discord,
    logs,
    crashes,
    async close() {
      await harness.discord.stop(); // the current one: a test may have restarted it
      await app.close();
      await fake.close();
      process.off('unhandledRejection', onCrash);
      expect(crashes).toEqual([]);
      expect(fake.unknownCalls()).toEqual([]);
      expect(fake.internalErrors).toEqual([]);
    },
  };
  return harness;
}

/** The slash commands, registered in the test server the way `threadline discord register` does it. */
export function registerInFake(fake: FakeDiscord) {
  return registerCommands({ token: TOKEN, apiUrl: fake.restApi, guildId: IDS.guild });
}

/** The customer posts a question in #support. */
export function ask(fake: FakeDiscord, content: string, author: string = IDS.customer, channelId: string = IDS.supportChannel) {
  return fake.sendMessage({ channelId, author, content });
}

/** The conversation id of a thread under #support (or another parent). */
export function conversationOf(threadId: string, parentId: string = IDS.supportChannel): string {
  return conversationIdFor(guildThread(IDS.guild, parentId, threadId));
}

export interface MessageBody {
  content?: string;
  embeds?: Array<{ title?: string; url?: string; description?: string; fields?: Array<{ name: string; value: string }>; footer?: { text: string }; color?: number }>;
  components?: Array<{ type: number; components: Array<{ type: number; custom_id?: string; label?: string; style?: number; options?: Array<{ label: string; value: string }> }> }>;
  allowed_mentions?: { parse?: string[]; roles?: string[] };
}

export const bodyOf = (call: RecordedCall) => (call.body ?? {}) as MessageBody;
export const idOf = (call: RecordedCall) => (call.response as { id: string }).id;

/** The bot's next successful post in a channel or thread (optionally matching). */
export function postIn(fake: FakeDiscord, channelId: string, predicate: (body: MessageBody) => boolean = () => true, timeoutMs?: number): Promise<RecordedCall> {
  return fake.waitForCall('POST /channels/:id/messages', (c) => c.params.id === channelId && c.status === 200 && predicate(bodyOf(c)), timeoutMs);
}

/** The bot's next successful edit of a message. */
export function editOf(fake: FakeDiscord, messageId: string, predicate: (body: MessageBody) => boolean = () => true): Promise<RecordedCall> {
  return fake.waitForCall('PATCH /channels/:id/messages/:mid', (c) => c.params.mid === messageId && c.status === 200 && predicate(bodyOf(c)));
}

export function componentsOf(body: MessageBody) {
  return (body.components ?? []).flatMap((row) => row.components);
}

export function labelsOf(body: MessageBody): string[] {
  return componentsOf(body).flatMap((c) => (c.label === undefined ? [] : [c.label]));
}

/** All text people see in a message: content, embed titles, descriptions, fields and footers. */
export function textOf(body: MessageBody): string {
  const embeds = (body.embeds ?? []).flatMap((e) => [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text]);
  return [body.content, ...embeds].filter(Boolean).join('\n');
}

/** Presses the button with this engine action (and label) on a message the bot posted or edited. */
export function press(fake: FakeDiscord, messageId: string, action: string, options: { user?: string; label?: string } = {}) {
  const message = fake.messages.get(messageId);
  if (!message) throw new Error(`no message ${messageId}`);
  const buttons = componentsOf(message as MessageBody).filter((c) => c.type === 2);
  const button = buttons.find((b) => b.custom_id?.startsWith(`tl:${action}:`) && (options.label === undefined || b.label === options.label));
  if (!button?.custom_id) throw new Error(`no ${action} button${options.label ? ` "${options.label}"` : ''}: ${JSON.stringify(buttons)}`);
  return fake.pressButton({ message: messageId, customId: button.custom_id, user: options.user ?? IDS.customer });
}

/** The first response to an interaction (`body.type`: 4 reply, 5 deferred reply, 6 deferred update, 9 modal). */
export async function firstResponse(fake: FakeDiscord, interaction: InteractionHandle) {
  const call = await fake.waitForInteractionResponse(interaction);
  return call.body as { type: number; data?: MessageBody & { flags?: number; custom_id?: string; title?: string; components?: unknown[] } };
}

export { waitForLog, waitUntil } from '../helpers/wait.js';
