import { DEFAULT_IDS } from './defaults.js';
import type { MessageStore } from './message-store.js';
import type { FakeSlackChannel, FakeSlackOptions, FakeSlackUser } from './types.js';
import type { ViewStore } from './view-store.js';

export interface FakeSlackConfig {
  botUserId: string;
  botId: string;
  botName: string;
  appId: string;
  teamId: string;
  teamDomain: string;
  users: Map<string, FakeSlackUser>;
  usergroups: Record<string, string[]>;
  channels: FakeSlackChannel[] | undefined;
  botToken: string | undefined;
  appToken: string | undefined;
}

/** Everything a Web API method handler may read or change. */
export interface FakeSlackState {
  config: FakeSlackConfig;
  messages: MessageStore;
  views: ViewStore;
  /** Slack lets a trigger_id open one view; a second use answers exchanged_trigger_id. */
  usedTriggerIds: Set<string>;
  /** A fresh single-use Socket Mode URL (apps.connections.open). */
  issueSocketUrl: () => string;
}

export type MethodResult = { ok: boolean; [key: string]: unknown };
export type MethodHandler = (args: Record<string, unknown>, state: FakeSlackState) => MethodResult;

export function ok(fields: Record<string, unknown> = {}): MethodResult {
  return { ok: true, ...fields };
}

export function fail(error: string, fields: Record<string, unknown> = {}): MethodResult {
  return { ok: false, error, ...fields };
}

export function resolveConfig(options: FakeSlackOptions): FakeSlackConfig {
  const config = {
    botUserId: options.botUserId ?? DEFAULT_IDS.botUserId,
    botId: options.botId ?? DEFAULT_IDS.botId,
    botName: options.botName ?? DEFAULT_IDS.botName,
    appId: options.appId ?? DEFAULT_IDS.appId,
    teamId: options.teamId ?? DEFAULT_IDS.teamId,
    teamDomain: options.teamDomain ?? DEFAULT_IDS.teamDomain,
  };
  const defaultUsers: FakeSlackUser[] = [{ id: DEFAULT_IDS.userId, name: DEFAULT_IDS.userName }];
  const botUser: FakeSlackUser = { id: config.botUserId, name: config.botName, is_bot: true };
  const users = new Map([...(options.users ?? defaultUsers), botUser].map((user) => [user.id, user]));
  return {
    ...config,
    users,
    usergroups: options.usergroups ?? {},
    channels: options.channels,
    botToken: options.botToken,
    appToken: options.appToken,
  };
}

const WELL_FORMED_CONVERSATION_ID = /^[CGD][A-Z0-9]{2,}$/;

/**
 * The conversation id a `channel` argument names, or undefined (channel_not_found).
 * Accepts configured ids and #names, and user ids (a DM, as chat.postMessage allows).
 */
export function resolveChannel(config: FakeSlackConfig, raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw === '') return undefined;
  if (config.users.has(raw)) return directMessageId(raw);
  const name = raw.replace(/^#/, '');
  const known = config.channels?.find((channel) => channel.id === raw || channel.name === name);
  if (known) return known.id;
  if (config.channels === undefined && WELL_FORMED_CONVERSATION_ID.test(raw)) return raw;
  if (raw.startsWith('D') && [...config.users.keys()].some((id) => directMessageId(id) === raw)) return raw;
  return undefined;
}

/** The fake's stable DM id for a user (real ids are unrelated; stable is what tests need). */
export function directMessageId(userId: string): string {
  return `D${userId.slice(1)}`;
}

export function describeChannel(config: FakeSlackConfig, id: string): Record<string, unknown> {
  const known = config.channels?.find((channel) => channel.id === id);
  const created = 1_690_000_000;
  if (id.startsWith('D')) {
    const user = known?.user ?? [...config.users.keys()].find((userId) => directMessageId(userId) === id);
    return { id, created, is_im: true, is_org_shared: false, user, is_user_deleted: false, priority: 0 };
  }
  const name = known?.name ?? id.toLowerCase();
  const isPrivate = known?.is_private ?? id.startsWith('G');
  return {
    id,
    name,
    name_normalized: name,
    created,
    creator: config.botUserId,
    is_channel: !isPrivate,
    is_group: isPrivate,
    is_im: false,
    is_mpim: false,
    is_private: isPrivate,
    is_archived: false,
    is_general: false,
    is_shared: false,
    is_ext_shared: false,
    is_org_shared: false,
    is_member: true,
    context_team_id: config.teamId,
    topic: { value: '', creator: '', last_set: 0 },
    purpose: { value: '', creator: '', last_set: 0 },
  };
}

export function stringArg(args: Record<string, unknown>, key: string): string | undefined {
  const value = args[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
