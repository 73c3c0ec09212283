import { conversationIdFor } from '../../engine/conversation.js';
import type { CommandName } from '../../engine/types.js';

export const COMMAND = '/threadline';

export const USAGE = [
  '*Usage* (Slack does not tell the bot which thread you typed in, so name the conversation):',
  '• `/threadline status <conversation>` — state, team and agent',
  '• `/threadline claim <conversation>` — take it (agents)',
  '• `/threadline resolve <conversation>` — close it and ask the customer the CES question (agents)',
  '• `/threadline handoff <team> <conversation>` — pass it to another team (agents)',
  '• `/threadline link [code]` — join your Slack and Discord profiles',
  '`<conversation>` is the id shown on the context packet (like `cAbC123…`) or a link to the thread (⋯ → Copy link).',
].join('\n');

const NEEDS_CONVERSATION: ReadonlySet<CommandName> = new Set(['status', 'claim', 'resolve', 'handoff']);
const NAMES: readonly CommandName[] = ['resolve', 'handoff', 'status', 'claim', 'link'];
/** conversationIdFor's shape: "c" and 15 base64url characters. */
const CONVERSATION_ID = /^c[A-Za-z0-9_-]{15}$/;
const PERMALINK = /^https:\/\/[^/]+\/archives\/([A-Z0-9]+)\/p(\d{10})(\d{6})(?:\?(.*))?$/;

export type ParsedCommand =
  | { kind: 'usage'; problem?: string }
  | { kind: 'command'; name: CommandName; args: string[]; conversationId?: string };

/**
 * `/threadline <name> [args] [conversation]`. The conversation may be named anywhere in the arguments, by
 * id or thread link; team names are never taken for ids.
 */
export function parseCommand(text: string, workspaceId: string, teams: readonly string[]): ParsedCommand {
  const [first = '', ...rest] = text.trim().split(/\s+/).filter(Boolean).map(unwrapLink);
  const name = NAMES.find((n) => n === first.toLowerCase());
  if (!name) return { kind: 'usage', problem: first && first !== 'help' ? `Unknown command "${first}".` : undefined };
  let conversationId: string | undefined;
  const args: string[] = [];
  for (const arg of rest) {
    const id = conversationId === undefined ? conversationRef(arg, workspaceId, teams) : undefined;
    if (id) conversationId = id;
    else args.push(arg);
  }
  if (NEEDS_CONVERSATION.has(name) && !conversationId) return { kind: 'usage', problem: `\`${name}\` needs the conversation it is about.` };
  if (name === 'handoff' && !args[0]) return { kind: 'usage', problem: '`handoff` needs the team to pass the conversation to.' };
  return { kind: 'command', name, args, conversationId };
}

/** The conversation an argument names: its id, or a link to its thread (or to a reply in it). */
export function conversationRef(arg: string, workspaceId: string, teams: readonly string[]): string | undefined {
  if (CONVERSATION_ID.test(arg) && !teams.includes(arg.toLowerCase())) return arg;
  const match = PERMALINK.exec(arg);
  if (!match) return undefined;
  const [, channelId = '', seconds, micros, query] = match;
  const threadTs = new URLSearchParams(query ?? '').get('thread_ts') ?? `${seconds}.${micros}`;
  return conversationIdFor({ platform: 'slack', workspaceId, channelId, threadId: threadTs });
}

/** Slack may send links in command text as <url> or <url|label>. */
function unwrapLink(arg: string): string {
  return /^<([^|>]+)(\|[^>]*)?>$/.exec(arg)?.[1] ?? arg;
}
