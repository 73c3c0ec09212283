import { setImmediate as nextTurn } from 'node:timers/promises';
import type { KnowledgeChange } from '../knowledge/live-knowledge.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { silentLogger } from '../logger.js';
import { createMatcher, type MatcherKind, type MatcherOptions } from './create-matcher.js';
import type { Matcher, MatchResult, Thresholds } from './types.js';

/** What the live matcher needs from LiveKnowledge (a structural type, so tests can pass a plain object). */
export interface KnowledgeSource {
  readonly knowledge: KnowledgeBase;
  onChange(listener: (change: KnowledgeChange) => void | Promise<void>): void;
}

export interface LiveMatcherOptions extends MatcherOptions {
  /**
   * When the first hybrid index takes longer than this to build (a first start with thousands of articles
   * to embed), a lexical index answers meanwhile and the hybrid one takes over once ready. Default 10 s.
   */
  lexicalAfterMs?: number;
}

const LEXICAL_AFTER_MS = 10_000;

/**
 * A matcher that follows the knowledge folder: every change rebuilds the index in the background while
 * the previous one keeps answering; bursts of edits coalesce into one rebuild of the latest knowledge.
 * `match` never throws: a failure becomes a handoff, so the customer reaches a person.
 */
export class LiveMatcher implements Matcher {
  private rebuilding?: Promise<void>;
  private stale = false;
  private readonly options: LiveMatcherOptions;

  private constructor(
    private current: Matcher,
    private readonly source: KnowledgeSource,
    options: LiveMatcherOptions,
    private readonly stopping: AbortController,
  ) {
    this.options = { ...options, signal: stopping.signal };
  }

  static async start(source: KnowledgeSource, options: LiveMatcherOptions = {}): Promise<LiveMatcher> {
    // background builds (a rebuild, or the first hybrid index behind a lexical stand-in) end when stop() is called
    const stopping = new AbortController();
    const building = createMatcher(source.knowledge, { ...options, signal: stopping.signal });
    const ready = options.kind === 'lexical' ? await building : await within(building, options.lexicalAfterMs ?? LEXICAL_AFTER_MS);
    if (ready) {
      const live = new LiveMatcher(ready, source, options, stopping);
      source.onChange(() => live.rebuild());
      return live;
    }
    // Embedding thousands of phrasings takes minutes on one core: answer on words and characters meanwhile
    // rather than leave customers without a bot.
    (options.logger ?? silentLogger).warn('the sentence index is still being built (a first start with many articles to embed); answering with word and character matching until it is ready', {
      articles: source.knowledge.articles.length,
    });
    const live = new LiveMatcher(await createMatcher(source.knowledge, { ...options, kind: 'lexical' }), source, options, stopping);
    source.onChange(() => live.rebuild());
    live.takeOver(building);
    return live;
  }

  /** Which index answers right now: lexical while a first hybrid index is still being built. */
  get kind(): MatcherKind | undefined {
    return (this.current as Partial<{ kind: MatcherKind }>).kind;
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

  /** Abandons any build in the background (between embedding chunks) and waits for it to end: for shutdown. */
  async stop(): Promise<void> {
    this.stopping.abort(new Error('the matcher was stopped'));
    await this.settled();
  }

  /** Resolves once the index reflects every change seen so far (tests and shutdown wait on it). */
  async settled(): Promise<void> {
    while (this.rebuilding) await this.rebuilding;
  }

  /** The first hybrid index answers once built; edits seen meanwhile are then rebuilt on top of it. */
  private takeOver(building: Promise<Matcher>): void {
    const logger = this.options.logger ?? silentLogger;
    this.rebuilding = (async () => {
      try {
        this.current = await building;
        // (if the encoder failed, createMatcher has already warned and built a lexical matcher)
        if (this.kind === 'hybrid') logger.info('the sentence index is ready; hybrid matching answers from now on', { articles: this.source.knowledge.articles.length });
      } catch (error) {
        if (!this.stopping.signal.aborted) logger.error('building the sentence index failed; word and character matching keeps answering', { error });
      }
      await this.rebuildLoop();
    })().finally(() => {
      this.rebuilding = undefined;
    });
  }

  private rebuild(): void {
    if (this.stopping.signal.aborted) return;
    this.stale = true;
    if (this.rebuilding) return;
    this.rebuilding = this.rebuildLoop().finally(() => {
      this.rebuilding = undefined;
    });
  }

  private async rebuildLoop(): Promise<void> {
    const logger = this.options.logger ?? silentLogger;
    await nextTurn(); // let the change listener return and pending matches run first
    while (this.stale && !this.stopping.signal.aborted) {
      this.stale = false;
      const knowledge = this.source.knowledge;
      try {
        const started = performance.now();
        this.current = await createMatcher(knowledge, this.options);
        logger.info('matcher rebuilt', { articles: knowledge.articles.length, ms: Math.round(performance.now() - started) });
      } catch (error) {
        if (!this.stopping.signal.aborted) logger.error('matcher rebuild failed; the previous index keeps answering', { error });
      }
    }
  }
}

/** The promise's value if it settles within `ms`, else undefined (the promise keeps running). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
    timer.unref();
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
