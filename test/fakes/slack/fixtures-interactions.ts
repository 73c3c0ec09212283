import type { BlockAction, ButtonAction, SlashCommand, ViewOutput, ViewSubmitAction } from '@slack/bolt';
import { type FixtureContext, nowTs } from './fixture-context.js';

export interface BlockActionsOverrides {
  user?: string;
  user_name?: string;
  channel?: string;
  channel_name?: string;
  /**
   * The message holding the button, e.g. `fake.messages.latest()` or a chat.postMessage response's `message`.
   * The pressed button is looked up in its blocks by action_id (and value, if given).
   */
  message?: Record<string, unknown>;
  message_ts?: string;
  thread_ts?: string;
  action_id?: string;
  value?: string;
  block_id?: string;
  trigger_id?: string;
  response_url?: string;
  container?: Record<string, unknown>;
}

interface Button {
  action_id: string;
  block_id: string;
  value?: string;
  text: { type: 'plain_text'; text: string; emoji?: boolean };
}

/** A button press (block_actions) on a message, as Slack posts it to the app. */
export function buildBlockActions(ctx: FixtureContext, o: BlockActionsOverrides = {}): BlockAction<ButtonAction> {
  const message = o.message ?? defaultBotMessage(ctx, o);
  const button = findButton(message, o);
  const channel = o.channel ?? stringField(message, 'channel') ?? ctx.channelId;
  const messageTs = o.message_ts ?? stringField(message, 'ts') ?? ctx.nextTs();
  const threadTs = o.thread_ts ?? stringField(message, 'thread_ts');
  const { channel: _channel, ...messageWithoutChannel } = message;
  return {
    type: 'block_actions',
    user: { id: o.user ?? ctx.userId, username: o.user_name ?? ctx.userName, name: o.user_name ?? ctx.userName, team_id: ctx.teamId },
    api_app_id: ctx.appId,
    token: 'fake-verification-token',
    container: o.container ?? {
      type: 'message',
      message_ts: messageTs,
      channel_id: channel,
      is_ephemeral: false,
      ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
    },
    trigger_id: o.trigger_id ?? ctx.nextTriggerId(),
    team: { id: ctx.teamId, domain: ctx.teamDomain },
    is_enterprise_install: false,
    channel: { id: channel, name: o.channel_name ?? ctx.channelName },
    message: { ...messageWithoutChannel, type: 'message', ts: messageTs, ...(threadTs === undefined ? {} : { thread_ts: threadTs }) },
    state: { values: {} },
    response_url: o.response_url ?? ctx.responseUrl(),
    actions: [{ type: 'button', ...button, action_ts: nowTs() }],
  };
}

function defaultBotMessage(ctx: FixtureContext, o: BlockActionsOverrides): Record<string, unknown> {
  const button = {
    type: 'button',
    action_id: o.action_id ?? 'button_pressed',
    text: { type: 'plain_text', text: 'Button', emoji: true },
    ...(o.value === undefined ? {} : { value: o.value }),
  };
  return {
    type: 'message',
    user: ctx.botUserId,
    bot_id: ctx.botId,
    app_id: ctx.appId,
    team: ctx.teamId,
    text: 'Did this answer your question?',
    blocks: [{ type: 'actions', block_id: o.block_id ?? 'actions0', elements: [button] }],
  };
}

function findButton(message: Record<string, unknown>, o: BlockActionsOverrides): Button {
  const blocks = Array.isArray(message.blocks) ? (message.blocks as Record<string, unknown>[]) : [];
  for (const block of blocks) {
    const elements = Array.isArray(block.elements) ? (block.elements as Record<string, unknown>[]) : [];
    const accessory = block.accessory === undefined ? [] : [block.accessory as Record<string, unknown>];
    for (const element of [...elements, ...accessory]) {
      const matchesId = o.action_id === undefined || element.action_id === o.action_id;
      const matchesValue = o.value === undefined || element.value === o.value;
      if (element.type !== 'button' || !matchesId || !matchesValue) continue;
      return {
        action_id: String(element.action_id),
        block_id: o.block_id ?? String(block.block_id),
        ...(typeof element.value === 'string' ? { value: element.value } : {}),
        text: element.text as Button['text'],
      };
    }
  }
  throw new Error(`No button with action_id ${o.action_id ?? '(any)'} and value ${o.value ?? '(any)'} in the message`);
}

function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' ? value : undefined;
}

export interface ViewSubmissionOverrides {
  user?: string;
  user_name?: string;
  callback_id?: string;
  private_metadata?: string;
  /** state.values: { [block_id]: { [action_id]: { type: 'plain_text_input', value: '…' } } } */
  values?: ViewOutput['state']['values'];
  /** The view as views.open answered it (`fake.lastCall('views.open')?.response.view`), or parts of one. */
  view?: Record<string, unknown>;
  trigger_id?: string;
}

/** A modal's submit button, as Slack posts it to the app. */
export function buildViewSubmission(ctx: FixtureContext, o: ViewSubmissionOverrides = {}): ViewSubmitAction {
  const id = typeof o.view?.id === 'string' ? o.view.id : 'V0VIEW99999';
  const base: ViewOutput = {
    id,
    team_id: ctx.teamId,
    type: 'modal',
    blocks: [],
    private_metadata: '',
    callback_id: 'modal',
    state: { values: {} },
    hash: '1700000000.00000001',
    title: { type: 'plain_text', text: 'Feedback', emoji: true },
    clear_on_close: false,
    notify_on_close: false,
    close: { type: 'plain_text', text: 'Cancel', emoji: true },
    submit: { type: 'plain_text', text: 'Submit', emoji: true },
    previous_view_id: null,
    root_view_id: id,
    app_id: ctx.appId,
    external_id: '',
    app_installed_team_id: ctx.teamId,
    bot_id: ctx.botId,
  };
  const view: ViewOutput = {
    ...base,
    ...(o.view as Partial<ViewOutput> | undefined),
    ...(o.callback_id === undefined ? {} : { callback_id: o.callback_id }),
    ...(o.private_metadata === undefined ? {} : { private_metadata: o.private_metadata }),
    state: { values: o.values ?? {} },
  };
  return {
    type: 'view_submission',
    team: { id: ctx.teamId, domain: ctx.teamDomain },
    user: { id: o.user ?? ctx.userId, name: o.user_name ?? ctx.userName, team_id: ctx.teamId },
    api_app_id: ctx.appId,
    token: 'fake-verification-token',
    trigger_id: o.trigger_id ?? ctx.nextTriggerId(),
    view,
    response_urls: [],
    is_enterprise_install: false,
  };
}

/** A slash command's form fields; every value is a string, as Slack sends them. */
export function buildSlashCommand(ctx: FixtureContext, o: Partial<SlashCommand> = {}): SlashCommand {
  return {
    token: 'fake-verification-token',
    team_id: ctx.teamId,
    team_domain: ctx.teamDomain,
    channel_id: ctx.channelId,
    channel_name: ctx.channelName,
    user_id: ctx.userId,
    user_name: ctx.userName,
    command: '/threadline',
    text: '',
    api_app_id: ctx.appId,
    is_enterprise_install: 'false',
    response_url: o.response_url ?? ctx.responseUrl(),
    trigger_id: o.trigger_id ?? ctx.nextTriggerId(),
    ...o,
  };
}
