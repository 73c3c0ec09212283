import { createHash } from 'node:crypto';
import type { Conversation, Customer } from '../store/records.js';
import type { ThreadRef } from './types.js';

/** Short, stable id for a thread; it fits in Slack action values and Discord custom ids (≤ 100 chars). */
export function conversationIdFor(thread: ThreadRef): string {
  const key = `${thread.platform}:${thread.workspaceId}:${thread.channelId}:${thread.threadId}`;
  return `c${createHash('sha256').update(key).digest('base64url').slice(0, 15)}`;
}

export function newConversation(thread: ThreadRef, customer: Customer, question: string, now: Date): Conversation {
  const at = now.toISOString();
  return {
    id: conversationIdFor(thread),
    thread,
    customerId: customer.id,
    customerName: customer.displayName,
    state: 'new',
    round: 1,
    question,
    transcript: [],
    tried: [],
    failures: 0,
    createdAt: at,
    updatedAt: at,
    lastCustomerAt: at,
  };
}

/** A new question after resolution: same thread and history, a fresh round with its own survey. */
export function reopen(conversation: Conversation, question: string, now: Date): void {
  conversation.state = 'new';
  conversation.round += 1;
  conversation.question = question;
  conversation.tried = [];
  conversation.failures = 0;
  conversation.answeredArticleId = undefined;
  conversation.handoff = undefined;
  conversation.resolution = undefined;
  conversation.team = undefined;
  conversation.updatedAt = now.toISOString();
}

export const isOpen = (c: Conversation) => c.state === 'new' || c.state === 'answered' || c.state === 'suggesting' || c.state === 'handed_off';
