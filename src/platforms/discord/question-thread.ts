import type { Client, Message } from 'discord.js';
import { asksNothingYet } from '../../engine/intents.js';
import type { AdminNotices } from './admin-notices.js';
import { DiscordCode, hasCode } from './errors.js';
import { LIMITS } from './render/text.js';

/** Threads archive after a week without messages; posting in an archived thread reopens it. */
export const ARCHIVE_AFTER_MINUTES = 10080;

/**
 * Starts the thread a question is answered in, on the question's message (the thread gets the message's id),
 * named after the question (or `unnamed` when it has no words, or only "hi" / "I have a question": a thread
 * called "hi" tells the agents nothing).
 * A redelivered message already has its thread (discord.js refuses locally when the message says so; Discord
 * answers 160004 when it does not): that one is used. Without permission the admins are told and the result is
 * undefined: there is nowhere to answer.
 */
export async function openQuestionThread(message: Message, question: string, unnamed: string, admin: AdminNotices): Promise<string | undefined> {
  const name = threadNameFor(question, unnamed);
  if (message.hasThread) return message.id;
  try {
    return (await message.startThread({ name, autoArchiveDuration: ARCHIVE_AFTER_MINUTES })).id;
  } catch (error) {
    if (hasCode(error, DiscordCode.threadAlreadyExists)) return message.id;
    await admin.failed('start a thread for a question', message.channelId, error);
    return undefined;
  }
}

function threadNameFor(question: string, unnamed: string): string {
  const words = question.replace(/\s+/g, ' ').trim();
  return (words && !asksNothingYet(words) ? words : unnamed).slice(0, LIMITS.threadName);
}

/**
 * A thread the bot opened for a greeting ("hi") is renamed after the question once it arrives (the engine says
 * when), so agents scanning the channel see what it is about. Only the bot's own threads, never a customer's
 * forum post; discord.js lets a thread's creator edit its name (ThreadChannel#editable). Best effort and not
 * awaited: Discord allows two renames per thread per 10 minutes, and a rate-limited rename must not hold up
 * the answer.
 */
export function nameOwnThread(client: Client, threadId: string, question: string, admin: AdminNotices): void {
  const thread = client.channels.cache.get(threadId);
  if (!thread?.isThread() || thread.ownerId !== client.user?.id || !thread.editable) return;
  const name = threadNameFor(question, thread.name);
  if (name === thread.name) return;
  thread.setName(name).catch((error: unknown) => admin.failed('name a thread after its question', thread.id, error));
}
