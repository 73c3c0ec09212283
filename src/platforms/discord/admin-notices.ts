import { Routes, type REST } from 'discord.js';
import type { Logger } from '../../logger.js';
import { PERMISSION_HINT, describeError, isPermissionProblem } from './errors.js';
import type { DiscordRouting } from './routing.js';

/** The same problem in the same channel is reported to the admins at most this often (the log gets every one). */
const REPEAT_AFTER_MS = 10 * 60_000;

/**
 * Problems only a server admin can fix (missing permissions) go to the log with what to do, and to the
 * admins' channel (the default team's agents channel) where it is not the channel that failed.
 * Reporting never throws: it runs inside error handling.
 */
export class AdminNotices {
  private readonly lastReported = new Map<string, number>();

  constructor(
    private readonly rest: REST,
    private readonly routing: DiscordRouting,
    private readonly logger: Logger,
  ) {}

  /** `what` completes "could not …", e.g. "post an answer". */
  async failed(what: string, channelId: string, error: unknown): Promise<void> {
    const facts = describeError(error);
    const permission = isPermissionProblem(error);
    this.logger.error(`discord: could not ${what}`, { channel: channelId, status: facts.status, code: facts.code, error: facts.message, ...(facts.detail ? { detail: facts.detail } : {}), ...(permission ? { fix: PERMISSION_HINT } : {}) });
    if (!permission) return;
    const adminChannel = this.routing.adminChannel();
    const key = `${channelId}:${facts.code ?? facts.status}`;
    const last = this.lastReported.get(key);
    if (!adminChannel || adminChannel === channelId || (last !== undefined && Date.now() - last < REPEAT_AFTER_MS)) return;
    this.lastReported.set(key, Date.now());
    const content = `⚠️ threadline could not ${what} in <#${channelId}>: ${facts.message}${facts.code ? ` (Discord code ${facts.code})` : ''}. ${PERMISSION_HINT}`;
    try {
      await this.rest.post(Routes.channelMessages(adminChannel), { body: { content, allowed_mentions: { parse: [] } } });
    } catch (second) {
      this.logger.error('discord: could not tell the admins either', { channel: adminChannel, error: describeError(second).message });
    }
  }
}
