// Starts the real app (store, sample knowledge, lexical matcher, engine) with the real Slack adapter
// against a local FakeSlack, and gives tests a signed sender plus helpers to ask and to press buttons.
import type { App } from '../../src/app.js';
import { createApp } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import type { ListenOptions } from '../../src/platforms/slack/connection.js';
import { startSlack, type SlackPlatform } from '../../src/platforms/slack/index.js';
import { FakeSlack, type FakeSlackOptions, type RecordedCall, type SlackEventSender, type StoredMessage } from '../fakes/slack/index.js';

export const SECRET = 'test-signing-secret';
export const CUSTOMER = 'U0USER0001';
export const AGENT = 'U0AGENT001';
export const BYSTANDER = 'U0OTHER001';
export const SUPPORT_CHANNEL = 'C0SUPPORT1';
export const AGENTS_CHANNEL = 'C0AGENTS01';
export const BILLING_CHANNEL = 'C0BILLING1';
export const OTHER_CHANNEL = 'C0RANDOM01';
export const SUPPORT_GROUP = 'S0SUPPORT1';
export const BILLING_GROUP = 'S0BILLING1';

export const fakeOptions: FakeSlackOptions = {
  users: [
    { id: CUSTOMER, name: 'casey', display_name: 'Casey Customer', email: 'casey@example.com' },
    { id: AGENT, name: 'alex', display_name: 'Alex Agent', email: 'alex@brightloom.example' },
    { id: BYSTANDER, name: 'sam', display_name: 'Sam Bystander' },
  ],
  usergroups: { [SUPPORT_GROUP]: [AGENT], [BILLING_GROUP]: [] },
};

export interface Harness {
  fake: FakeSlack;
  app: App;
  slack: SlackPlatform;
  /** Signed requests to the app's /slack/events (HTTP mode only). */
  sender: SlackEventSender;
  logs: string[];
  close(): Promise<void>;
}

/**
 * The thresholds are pinned: these tests are about Slack, not about where calibration puts the bar
 * (the matcher has its own tests). Settings in `env` override the defaults here.
 */
export async function startHarness(env: Record<string, string> = {}, options: FakeSlackOptions = fakeOptions, listen: ListenOptions = {}): Promise<Harness> {
  const fake = await FakeSlack.start(options);
  const logs: string[] = [];
  const logger = createLogger('debug', (line) => logs.push(line));
  const config = parseConfig({
    STORE_URL: 'memory://',
    MATCHER: 'lexical',
    MATCH_ANSWER_THRESHOLD: '0.5',
    MATCH_SUGGEST_THRESHOLD: '0.2',
    MATCH_MARGIN: '0.1',
    SLACK_BOT_TOKEN: 'xoxb-test-bot-token',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
    SLACK_SUPPORT_CHANNELS: SUPPORT_CHANNEL,
    SLACK_AGENT_CHANNELS: `billing:${BILLING_CHANNEL},*:${AGENTS_CHANNEL}`,
    SLACK_TEAM_GROUPS: `billing:${BILLING_GROUP},*:${SUPPORT_GROUP}`,
    ...env,
  });
  const app = await createApp(config, { watch: false, logger });
  let slack: SlackPlatform;
  try {
    slack = await startSlack(app, { port: 0, host: '127.0.0.1', ...listen });
  } catch (error) {
    await app.close();
    await fake.close();
    throw error;
  }
  const sender = fake.httpSender({ url: `http://127.0.0.1:${slack.port ?? 0}/slack/events`, signingSecret: SECRET });
  return {
    fake,
    app,
    slack,
    sender,
    logs,
    async close() {
      await slack.stop();
      await app.close();
      await fake.close();
    },
  };
}

/** A customer's message as Slack delivers it, also stored in the fake so chat.getPermalink finds it. */
export function customerMessage(fake: FakeSlack, overrides: Parameters<FakeSlack['fixtures']['messageEvent']>[0] = {}) {
  const event = fake.fixtures.messageEvent({ channel: SUPPORT_CHANNEL, ...overrides });
  fake.addMessage({ channel: String(event.channel), ts: String(event.ts), user: String(event.user), text: String(event.text), ...(event.thread_ts ? { thread_ts: String(event.thread_ts) } : {}) });
  return event;
}

/** The bot's next post into this thread (optionally matching). */
export function replyIn(fake: FakeSlack, threadTs: string, predicate: (call: RecordedCall) => boolean = () => true): Promise<RecordedCall> {
  return fake.waitForCall('chat.postMessage', (c) => c.args.thread_ts === threadTs && c.status === 200 && predicate(c));
}

/** The message a chat.postMessage / chat.update call left in the fake, to press its buttons. */
export function postedMessage(fake: FakeSlack, call: RecordedCall): StoredMessage {
  const response = call.response as { channel: string; ts: string };
  const message = fake.messages.find(response.channel, response.ts);
  if (!message) throw new Error(`no message ${response.ts} in ${response.channel}`);
  return message;
}

/** Presses the button with this engine action (and label) on a message the bot posted. */
export function press(fake: FakeSlack, message: StoredMessage, action: string, options: { user?: string; label?: string } = {}) {
  const button = buttonsOf(message).find((b) => b.action_id.startsWith(`threadline:${action}:`) && (options.label === undefined || b.label === options.label));
  if (!button) throw new Error(`no ${action} button${options.label ? ` "${options.label}"` : ''} on the message: ${JSON.stringify(buttonsOf(message))}`);
  return fake.fixtures.blockActionsPayload({ message, action_id: button.action_id, user: options.user });
}

export function buttonsOf(message: { blocks?: unknown }): Array<{ action_id: string; label: string; value?: string; style?: string }> {
  const blocks = (Array.isArray(message.blocks) ? message.blocks : []) as Array<{ type: string; elements?: Array<Record<string, unknown>> }>;
  return blocks
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? [])
    .map((e) => ({ action_id: String(e.action_id), label: String((e.text as { text: string }).text), value: e.value as string | undefined, style: e.style as string | undefined }));
}

/** All mrkdwn/plain text in a message's blocks, for assertions on what people see. */
export function textOf(message: { blocks?: unknown; text?: unknown }): string {
  const parts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if ((record.type === 'mrkdwn' || record.type === 'plain_text') && typeof record.text === 'string') parts.push(record.text);
    Object.values(record).forEach(walk);
  };
  walk(message.blocks);
  return parts.join('\n') || String(message.text ?? '');
}

export { waitForLog, waitUntil } from '../helpers/wait.js';
