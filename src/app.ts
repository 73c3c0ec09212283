import { join } from 'node:path';
import { createLlmMode } from './answering/index.js';
import { configuredTeams, type Config } from './config.js';
import { Engine } from './engine/engine.js';
import { readTexts, SHIPPED_MESSAGES, withCompanyName, type Texts } from './engine/texts.js';
import type { Answerer, Summarizer } from './engine/answering.js';
import { LiveKnowledge } from './knowledge/live-knowledge.js';
import { formatProblem } from './knowledge/problems.js';
import { createLogger, type Logger } from './logger.js';
import { LiveMatcher } from './matching/index.js';
import { openStore, type Store } from './store/store.js';

/** Everything the platforms share: one store, one live knowledge base, one matcher, one engine. */
export interface App {
  config: Config;
  logger: Logger;
  store: Store;
  knowledge: LiveKnowledge;
  matcher: LiveMatcher;
  texts: Texts;
  engine: Engine;
  close(): Promise<void>;
}

export interface AppOptions {
  logger?: Logger;
  /** Follow edits to the knowledge folder (default true). */
  watch?: boolean;
  /** Replace the LLM mode pieces that config would build (tests). */
  answerer?: Answerer;
  summarizer?: Summarizer;
}

/**
 * Wires config → store → knowledge → matcher → engine, with LLM mode when OPENAI_API_KEY is set.
 * Platforms are started by the caller.
 */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const loaded = readTexts(config.PROMPTS_DIR);
  const { defaulted } = loaded;
  const texts = withCompanyName(loaded.texts, config.COMPANY_NAME);
  if (defaulted.length) {
    logger.warn(`${join(config.PROMPTS_DIR, 'messages.yml')} lacks ${defaulted.length} text(s) added since it was copied; using the shipped wording for: ${defaulted.join(', ')} (copy them from ${SHIPPED_MESSAGES} to change them)`);
  }
  const store = await openStore(config.STORE_URL);
  const llm = createLlmMode(config, { logger }); // undefined without OPENAI_API_KEY: embedded mode
  llm?.calls.attach(store.events);

  const knowledge = new LiveKnowledge(config.KNOWLEDGE_DIR, { knownTeams: configuredTeams(config) });
  knowledge.onChange(({ added, changed, removed, newProblems, fixed, knowledge: kb }) => {
    logger.info('knowledge reloaded', { articles: kb.articles.length, added: added.length, changed: changed.length, removed: removed.length });
    for (const problem of newProblems) (problem.severity === 'error' ? logger.error : logger.warn)(`knowledge: ${formatProblem(problem)}`);
    if (fixed.length) logger.info('knowledge: fixed, the new version is live', { files: fixed.join(', ') });
  });
  const kb = await knowledge.start({ watch: options.watch ?? true });
  if (kb.articles.length === 0) logger.warn(`no usable articles in ${config.KNOWLEDGE_DIR}: every question will go to a person`);

  const matcher = await LiveMatcher.start(knowledge, {
    kind: config.MATCHER,
    thresholds: {
      answer: config.MATCH_ANSWER_THRESHOLD,
      suggest: config.MATCH_SUGGEST_THRESHOLD,
      margin: config.MATCH_MARGIN,
    },
    cache: store.keyv,
    logger,
    embeddings: llm?.embeddings,
  });

  const engine = new Engine({
    store,
    matcher,
    knowledge: () => knowledge.knowledge,
    texts,
    settings: {
      companyName: config.COMPANY_NAME,
      defaultTeam: config.DEFAULT_TEAM,
      handoffAfterFailures: config.HANDOFF_AFTER_FAILURES,
      autoResolveAfterMinutes: config.AUTO_RESOLVE_AFTER_MINUTES,
      autoResolveSurvey: config.AUTO_RESOLVE_SURVEY,
      remindUnclaimedAfterMinutes: config.HANDOFF_REMIND_AFTER_MINUTES,
      lowScore: config.CES_LOW_SCORE,
      openingHours: config.SUPPORT_HOURS && { rules: config.SUPPORT_HOURS, timeZone: config.SUPPORT_TIMEZONE },
    },
    logger,
    answerer: options.answerer ?? llm?.answerer,
    summarizer: options.summarizer ?? llm?.summarizer,
  });

  return {
    config,
    logger,
    store,
    knowledge,
    matcher,
    texts,
    engine,
    async close() {
      knowledge.stop();
      await matcher.stop(); // a first build or rebuild still embedding in the background would keep the process alive
      await engine.idle();
      await store.close();
    },
  };
}
