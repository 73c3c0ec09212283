import { DiscordAPIError, HTTPError } from 'discord.js';

/** Discord's JSON error codes the adapter reacts to. */
export const DiscordCode = {
  unknownInteraction: 10062,
  unknownWebhook: 10015,
  missingAccess: 50001,
  cannotDmUser: 50007,
  missingPermissions: 50013,
  invalidFormBody: 50035,
  alreadyAcknowledged: 40060,
  threadAlreadyExists: 160004,
} as const;

export interface ErrorFacts {
  status?: number;
  code?: number | string;
  message: string;
  /** Discord's per-field explanation of a 400 Invalid Form Body, flattened. */
  detail?: string;
}

/** What went wrong with a REST call, in words fit for a log line. */
export function describeError(error: unknown): ErrorFacts {
  if (error instanceof DiscordAPIError) {
    const errors = 'errors' in error.rawError ? error.rawError.errors : undefined;
    return { status: error.status, code: error.code, message: error.message.split('\n')[0] ?? error.message, ...(errors ? { detail: JSON.stringify(errors).slice(0, 800) } : {}) };
  }
  if (error instanceof HTTPError) return { status: error.status, message: error.message };
  return { message: error instanceof Error ? error.message : String(error) };
}

export function hasCode(error: unknown, ...codes: number[]): boolean {
  return error instanceof DiscordAPIError && typeof error.code === 'number' && codes.includes(error.code);
}

/** 403s and Discord's access codes: fixable only by someone who manages the server. */
export function isPermissionProblem(error: unknown): boolean {
  return error instanceof DiscordAPIError && (error.status === 403 || hasCode(error, DiscordCode.missingAccess, DiscordCode.missingPermissions));
}

/** Discord refused the message itself (too long, a bad component): a plain-text retry can still get through. */
export function isRefusedContent(error: unknown): boolean {
  return hasCode(error, DiscordCode.invalidFormBody);
}

/** How to fix a permission problem, for the log and the admins. */
export const PERMISSION_HINT =
  'Give the bot View Channel, Send Messages, Send Messages in Threads, Create Public Threads, Embed Links and Read Message History there (channel settings → Permissions).';
