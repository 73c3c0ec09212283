import type { HandoffReason, Platform, PostedRef, ThreadRef, TranscriptLine, TriedArticle } from '../engine/types.js';

export type ConversationState = 'new' | 'answered' | 'suggesting' | 'handed_off' | 'resolved' | 'surveyed';
export type ResolvedBy = 'customer' | 'agent' | 'timeout';

/** One support conversation = one thread. A new message after resolution reopens it as a new round. */
export interface Conversation {
  id: string;
  thread: ThreadRef;
  customerId: string;
  customerName: string;
  state: ConversationState;
  /** 1 for the first question; +1 each time the conversation reopens. Each round ends in at most one survey. */
  round: number;
  /** The question that opened this round. */
  question: string;
  transcript: TranscriptLine[];
  /** Articles tried this round. */
  tried: TriedArticle[];
  /** The choices last offered, in the order shown (so a typed "2" picks the second). */
  offeredIds?: string[];
  /** Article the customer was last answered with this round. */
  answeredArticleId?: string;
  failures: number;
  team?: string;
  handoff?: {
    reason: HandoffReason;
    at: string;
    team: string;
    packetRef?: PostedRef;
    summary?: string;
    assignee?: { id: string; name: string };
    /** When the team was reminded that nobody had claimed it (once per handoff). */
    remindedAt?: string;
  };
  resolution?: { at: string; by: ResolvedBy; byName?: string };
  survey?: { round: number; askedAt: string; ref?: PostedRef; answeredAt?: string; alertRef?: PostedRef };
  createdAt: string;
  updatedAt: string;
  lastCustomerAt: string;
}

/** A person across platforms: one profile with linked identities ("slack:T1:U1", "discord:G1:123"). */
export interface Customer {
  id: string;
  displayName: string;
  email?: string;
  identities: string[];
  conversationIds: string[];
  lastCes?: { score: number; at: string };
  createdAt: string;
  updatedAt: string;
}

export interface SurveyResponse {
  conversationId: string;
  round: number;
  customerId: string;
  score: number;
  comment?: string;
  platform: Platform;
  team?: string;
  articleId?: string;
  resolvedBy: ResolvedBy;
  at: string;
}

export type EventType =
  | 'conversation.opened'
  | 'conversation.reopened'
  | 'message.received'
  | 'message.relayed'
  | 'answer.sent'
  | 'suggestions.sent'
  | 'handoff'
  | 'handoff.claimed'
  | 'handoff.transferred'
  | 'handoff.reminded'
  | 'conversation.resolved'
  /** Deleted on an erasure request: whatever it was waiting for ends here. */
  | 'conversation.erased'
  | 'survey.asked'
  | 'survey.answered'
  | 'survey.comment'
  | 'survey.low_score_alert'
  | 'customer.linked'
  | 'llm.call'
  | 'error';

export interface LoggedEvent {
  id: string;
  type: EventType;
  at: string;
  conversationId?: string;
  platform?: Platform;
  data: Record<string, unknown>;
}
