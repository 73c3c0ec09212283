import type { Logger } from '../logger.js';
import type { EventLog } from '../store/events.js';
import { classify, type FailureReason } from './llm-failure.js';

export type LlmPurpose = 'answer' | 'summary' | 'embedding';

/** Tokens one call used, as the API reported them (0 when it did not say). */
export class TokenUsage {
  promptTokens = 0;
  completionTokens = 0;
  totalTokens = 0;
  attempts = 0;

  add(usage: { promptTokens?: number; completionTokens?: number; totalTokens?: number }): void {
    this.promptTokens += usage.promptTokens ?? 0;
    this.completionTokens += usage.completionTokens ?? 0;
    this.totalTokens += usage.totalTokens ?? (usage.promptTokens ?? 0) + (usage.completionTokens ?? 0);
  }
}

export interface CallMeta {
  purpose: LlmPurpose;
  model: string;
  conversationId?: string;
}

/** How a call ended: its value, or the reason it failed (already logged and recorded). */
export type CallResult<T> = { ok: true; value: T } | { ok: false; reason: FailureReason };

/** Events waiting for the store (calls made before the app opened it, e.g. embeddings at start-up). */
const MAX_PENDING = 500;

/**
 * Every LLM call goes through `track`: it times the call and appends one `llm.call` event with the
 * tokens used (so `threadline report` can sum them per day), and logs why a call failed. Events are
 * written once `attach` gives it the store's event log; until then they wait in memory.
 */
export class LlmCallLog {
  private events?: Pick<EventLog, 'append'>;
  private pending: Array<{ conversationId?: string; data: Record<string, unknown>; at: Date }> = [];

  constructor(private readonly logger: Logger) {}

  attach(events: Pick<EventLog, 'append'>): void {
    this.events = events;
    const waiting = this.pending;
    this.pending = [];
    for (const entry of waiting) void this.write(entry);
  }

  /**
   * Runs one logical call (with its retries inside `run`) and records it. `run` adds the tokens it
   * spent to `usage` as soon as it knows them, so a reply that later fails validation still counts.
   */
  async track<T>(meta: CallMeta, run: (usage: TokenUsage) => Promise<T>): Promise<CallResult<T>> {
    const usage = new TokenUsage();
    const started = performance.now();
    try {
      const value = await run(usage);
      await this.record(meta, usage, started, {});
      return { ok: true, value };
    } catch (error) {
      const failure = classify(error);
      usage.attempts = Math.max(usage.attempts, failure.attempts);
      const { status, code } = failure.detail;
      const consequence = meta.purpose === 'embedding' ? 'matching goes on without it' : 'falling back to embedded mode';
      this.logger.warn(
        `LLM ${meta.purpose} failed (${failure.reason}); ${consequence}`,
        defined({ conversation: meta.conversationId, model: meta.model, reason: failure.reason, status, code, attempts: usage.attempts }),
      );
      await this.record(meta, usage, started, { error: failure.reason, status, code });
      return { ok: false, reason: failure.reason };
    }
  }

  private async record(meta: CallMeta, usage: TokenUsage, started: number, failure: { error?: FailureReason; status?: number; code?: string }) {
    const data: Record<string, unknown> = {
      purpose: meta.purpose,
      model: meta.model,
      promptTokens: usage.promptTokens,
      completionTokens: usage.completionTokens,
      totalTokens: usage.totalTokens,
      attempts: Math.max(1, usage.attempts),
      ok: failure.error === undefined,
      ms: Math.round(performance.now() - started),
      ...defined(failure),
    };
    const entry = { conversationId: meta.conversationId, data, at: new Date() };
    if (this.events) await this.write(entry);
    else if (this.pending.length < MAX_PENDING) this.pending.push(entry);
  }

  private async write(entry: { conversationId?: string; data: Record<string, unknown>; at: Date }): Promise<void> {
    // Losing a usage record must never cost the customer their answer.
    await this.events?.append('llm.call', entry).catch((error: unknown) => this.logger.warn('could not record an LLM call', { error: String(error) }));
  }
}

const defined = (fields: Record<string, unknown>) => Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
