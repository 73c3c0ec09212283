import { randomUUID } from 'node:crypto';
import type { FixtureContext } from './fixture-context.js';

/** An Events API `event` object; loose on purpose so subtypes (bot_message, message_changed…) fit. */
export interface SlackEventFixture {
  type: string;
  [key: string]: unknown;
}

export interface MessageEventOverrides {
  text?: string;
  user?: string;
  channel?: string;
  ts?: string;
  thread_ts?: string;
  channel_type?: 'channel' | 'group' | 'im' | 'mpim' | 'app_home';
  bot_id?: string;
  subtype?: string;
  [key: string]: unknown;
}

/** The Events API body Bolt receives: an `event_callback` envelope around one event. */
export interface EventCallbackFixture {
  token: string;
  team_id: string;
  api_app_id: string;
  event: SlackEventFixture;
  type: 'event_callback';
  event_id: string;
  event_time: number;
  [key: string]: unknown;
}

export interface EventCallbackOverrides {
  event_id?: string;
  event_time?: number;
  team_id?: string;
  [key: string]: unknown;
}

/** A customer's message as Slack delivers it (a reply in a thread when thread_ts is given). */
export function buildMessageEvent(ctx: FixtureContext, overrides: MessageEventOverrides = {}): SlackEventFixture {
  const ts = overrides.ts ?? ctx.nextTs();
  const text = overrides.text ?? 'Hello, I need help with my invoice';
  const channel = overrides.channel ?? ctx.channelId;
  return {
    type: 'message',
    user: ctx.userId,
    text,
    ts,
    event_ts: ts,
    channel,
    channel_type: channelTypeOf(channel),
    team: ctx.teamId,
    client_msg_id: randomUUID(),
    blocks: richTextBlocks(text),
    ...overrides,
  };
}

/** An @-mention of the bot; Slack sends it alongside the `message` event with the same ts. */
export function buildAppMentionEvent(ctx: FixtureContext, overrides: MessageEventOverrides = {}): SlackEventFixture {
  const ts = overrides.ts ?? ctx.nextTs();
  const text = overrides.text ?? `<@${ctx.botUserId}> I need help with my invoice`;
  return {
    type: 'app_mention',
    user: ctx.userId,
    text,
    ts,
    event_ts: ts,
    channel: ctx.channelId,
    team: ctx.teamId,
    client_msg_id: randomUUID(),
    blocks: richTextBlocks(text),
    ...overrides,
  };
}

export function buildEventCallback(
  ctx: FixtureContext,
  event: SlackEventFixture,
  overrides: EventCallbackOverrides = {},
): EventCallbackFixture {
  const teamId = overrides.team_id ?? ctx.teamId;
  return {
    token: 'fake-verification-token',
    team_id: teamId,
    context_team_id: teamId,
    context_enterprise_id: null,
    api_app_id: ctx.appId,
    event,
    type: 'event_callback',
    event_id: ctx.nextEventId(),
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      { enterprise_id: null, team_id: teamId, user_id: ctx.botUserId, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
    event_context: `4-fake-${teamId}`,
    ...overrides,
  };
}

function channelTypeOf(channel: string): string {
  if (channel.startsWith('D')) return 'im';
  if (channel.startsWith('G')) return 'group';
  return 'channel';
}

// Slack adds a rich_text copy of what the user typed; a plain text element is enough for tests.
function richTextBlocks(text: string): unknown[] {
  return [
    {
      type: 'rich_text',
      block_id: 'rt0',
      elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }],
    },
  ];
}
