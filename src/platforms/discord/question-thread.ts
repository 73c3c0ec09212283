import type { Message } from 'discord.js';
import type { AdminNotices } from './admin-notices.js';
import { DiscordCode, hasCode } from './errors.js';
import { LIMITS } from './render/text.js';

/** Threads archive after a week without messages; posting in an archived thread reopens it. */
export const ARCHIVE_AFTER_MINUTES = 10080;

/**
 * Starts the thread a question is answered in, on the question's message (the thread gets the message's id),
 * named after the question (or `unnamed` when it has no words).
 * A redelivered message already has its thread (discord.js refuses locally when the message says so; Discord
 * answers 160004 when it does not): that one is used. Without permission the admins are told and the result is
 * undefined: there is nowhere to answer.
 */
export async function openQuestionThread(message: Message, question: string, unnamed: string, admin: AdminNotices): Promise<string | undefined> {
  const name = (question.replace(/\s+/g, ' ').trim() || unnamed).slice(0, LIMITS.threadName);
  if (message.hasThread) return message.id;
  try {
    return (await message.startThread({ name, autoArchiveDuration: ARCHIVE_AFTER_MINUTES })).id;
  } catch (error) {
    if (hasCode(error, DiscordCode.threadAlreadyExists)) return message.id;
    await admin.failed('start a thread for a question', message.channelId, error);
    return undefined;
  }
}
