import type Keyv from 'keyv';
import type { Article } from '../knowledge/article.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { silentLogger, type Logger } from '../logger.js';
import { resolveThresholds } from './decide.js';
import { bayesScorer } from './bayes-scorer.js';
import { denseScorer } from './dense-scorer.js';
import { normalized, type EmbeddingProvider } from './embeddings/provider.js';
import { sharedUseLite } from './embeddings/use-lite.js';
import { vectorCacheFor } from './embeddings/vector-cache.js';
import { ldaScorer } from './lda-scorer.js';
import { lexicalScorer } from './lexical-scorer.js';
import { phrasingTable, type PhrasingTable } from './phrasings.js';
import type { Scorer, ScorerBuilder } from './scorer.js';
import { ScoringMatcher } from './scoring-matcher.js';
import { cachedTrainModel } from './train-model.js';
import type { Thresholds } from './types.js';

export type MatcherKind = 'hybrid' | 'lexical';

export interface MatcherOptions {
  /** hybrid (default) adds sentence embeddings and the LDA layer to the lexical scorer; lexical uses words and characters only. */
  kind?: MatcherKind;
  /** Overrides (from MATCH_* settings); the rest are derived from the knowledge base. */
  thresholds?: Partial<Thresholds>;
  /** Where article vectors and trained models are cached by content hash (the app passes its store's Keyv). */
  cache?: Keyv;
  logger?: Logger;
  /** The sentence encoder for hybrid matching; default: the bundled USE-lite, loaded once per process. */
  embeddings?: () => Promise<EmbeddingProvider>;
  /** Abandons the build (it rejects with the signal's reason) between embedding chunks: shutdown need not wait for it. */
  signal?: AbortSignal;
}

const LEXICAL: readonly ScorerBuilder[] = [lexicalScorer];
const HYBRID: readonly ScorerBuilder[] = [lexicalScorer, bayesScorer, denseScorer, ldaScorer];

/**
 * Builds the matcher the app, eval and bench use. Never throws on bad articles (they are simply not
 * in `knowledge`); if the encoder cannot load or embed, a hybrid matcher falls back to lexical-only
 * with a warning instead of failing.
 */
export async function createMatcher(knowledge: KnowledgeBase, options: MatcherOptions = {}): Promise<ScoringMatcher> {
  const logger = options.logger ?? silentLogger;
  const started = performance.now();
  const articles = knowledge.articles;
  const encoded = options.kind === 'lexical' ? undefined : await encode(knowledge, options, logger);
  options.signal?.throwIfAborted();

  const builders = encoded ? HYBRID : LEXICAL;
  const table = phrasingTable(articles, encoded?.vectors);
  const identity = encoded ? `hybrid:${encoded.provider.id}` : 'lexical';
  const { model, fromCache } = await cachedTrainModel(table, builders, identity, options.cache);
  const provider = encoded?.provider;
  const matcher = new ScoringMatcher({
    kind: encoded ? 'hybrid' : 'lexical',
    articles,
    scorers: builders.map((b) => buildScorer(b, table)),
    weights: model.weights,
    noneScore: model.noneScore,
    thresholds: resolveThresholds(model.thresholds, options.thresholds),
    embed: provider ? (text) => embedQuestion(provider, text, logger) : undefined,
  });
  logger.debug('matcher ready', {
    kind: matcher.kind,
    articles: articles.length,
    ms: Math.round(performance.now() - started),
    trained: fromCache ? 'from cache' : `on ${model.heldOut.questions} held-out questions`,
    thresholds: matcher.thresholds,
  });
  return matcher;
}

/**
 * Scorers that read no vectors depend only on the articles, so matchers of the same knowledge share them: the
 * lexical stand-in of a long first build and the hybrid matcher that replaces it hold one lexical index, not two.
 * Scorers keep no state between questions (only scratch space, reset within each call), so sharing is safe.
 */
const sharedScorers = new WeakMap<readonly Article[], Map<string, Scorer>>();

function buildScorer(builder: ScorerBuilder, table: PhrasingTable): Scorer {
  if (builder.needsVectors) return builder.build(table);
  let byName = sharedScorers.get(table.articles);
  if (!byName) sharedScorers.set(table.articles, (byName = new Map()));
  let scorer = byName.get(builder.name);
  if (!scorer) byName.set(builder.name, (scorer = builder.build(table)));
  return scorer;
}

/** The encoder and every article's phrasing vectors, or undefined (with a warning) when that fails. */
async function encode(knowledge: KnowledgeBase, options: MatcherOptions, logger: Logger) {
  let provider: EmbeddingProvider;
  try {
    provider = await (options.embeddings ?? sharedUseLite)();
  } catch (error) {
    logger.warn('the sentence encoder could not be loaded; matching is lexical-only until it can (answers may be less accurate)', { error });
    return undefined;
  }
  try {
    const { vectors, stats } = await vectorCacheFor(provider, options.cache).vectorsFor(knowledge.articles, options.signal);
    logger.debug('article vectors', { ...stats });
    return { provider, vectors };
  } catch (error) {
    if (options.signal?.aborted) throw error;
    logger.warn('embedding the articles failed; matching is lexical-only for now (answers may be less accurate)', { error });
    return undefined;
  }
}

/** A failing encoder (e.g. an embeddings API that is down) must not hand every question to a person. */
async function embedQuestion(provider: EmbeddingProvider, text: string, logger: Logger): Promise<Float32Array | undefined> {
  try {
    return normalized((await provider.embed([text]))[0]!);
  } catch (error) {
    logger.warn('question embedding failed; matching this question on words and characters only', { provider: provider.id, error: error instanceof Error ? error.message : String(error) });
    return undefined;
  }
}
