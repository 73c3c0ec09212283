import type { KnowledgeChange } from '../knowledge/live-knowledge.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { silentLogger } from '../logger.js';
import { createMatcher, type MatcherOptions } from './create-matcher.js';
import type { Matcher, MatchResult, Thresholds } from './types.js';

/** What the live matcher needs from LiveKnowledge (a structural type, so tests can pass a plain object). */
export interface KnowledgeSource {
  readonly knowledge: KnowledgeBase;
  onChange(listener: (change: KnowledgeChange) => void | Promise<void>): void;
}

/**
 * A matcher that follows the knowledge folder: every change rebuilds the index in the background while
 * the previous one keeps answering; bursts of edits coalesce into one rebuild of the latest knowledge.
 * `match` never throws: a failure becomes a handoff, so the customer reaches a person.
 */
export class LiveMatcher implements Matcher {
  private rebuilding?: Promise<void>;
  private stale = false;

  private constructor(
    private current: Matcher,
    private readonly source: KnowledgeSource,
    private readonly options: MatcherOptions,
  ) {}

  static async start(source: KnowledgeSource, options: MatcherOptions = {}): Promise<LiveMatcher> {
    const live = new LiveMatcher(await createMatcher(source.knowledge, options), source, options);
    source.onChange(() => live.rebuild());
    return live;
  }

  get thresholds(): Thresholds {
    return this.current.thresholds;
  }

  async match(question: string, options?: { limit?: number }): Promise<MatchResult> {
    try {
      return await this.current.match(question, options);
    } catch (error) {
      (this.options.logger ?? silentLogger).error('matching failed; handing the question to a person', { error });
      return { question, candidates: [], decision: { kind: 'handoff', reason: 'no-match' } };
    }
  }

  /** Resolves once the index reflects every change seen so far (tests and shutdown wait on it). */
  async settled(): Promise<void> {
    while (this.rebuilding) await this.rebuilding;
  }

  private rebuild(): void {
    this.stale = true;
    if (this.rebuilding) return;
    this.rebuilding = this.rebuildLoop().finally(() => {
      this.rebuilding = undefined;
    });
  }

  private async rebuildLoop(): Promise<void> {
    const logger = this.options.logger ?? silentLogger;
    await new Promise((resolve) => setImmediate(resolve)); // let the change listener return and pending matches run first
    while (this.stale) {
      this.stale = false;
      const knowledge = this.source.knowledge;
      try {
        const started = performance.now();
        this.current = await createMatcher(knowledge, this.options);
        logger.info('matcher rebuilt', { articles: knowledge.articles.length, ms: Math.round(performance.now() - started) });
      } catch (error) {
        logger.error('matcher rebuild failed; the previous index keeps answering', { error });
      }
    }
  }
}
