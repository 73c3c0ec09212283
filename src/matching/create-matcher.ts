import type Keyv from 'keyv';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { silentLogger, type Logger } from '../logger.js';
import { resolveThresholds } from './decide.js';
import type { FusionWeights } from './fusion.js';
import { buildLexicalScorer } from './lexical-scorer.js';
import { ScoringMatcher } from './scoring-matcher.js';
import type { Thresholds } from './types.js';

export type MatcherKind = 'hybrid' | 'lexical';

export interface MatcherOptions {
  /** hybrid (default) adds sentence embeddings to the lexical scorer; lexical uses words and characters only. */
  kind?: MatcherKind;
  /** Overrides (from MATCH_* settings); the rest come from the matcher's defaults. */
  thresholds?: Partial<Thresholds>;
  /** Where derived article vectors are cached by content hash. */
  cache?: Keyv;
  logger?: Logger;
}

/** Lexical fusion: the article's phrasings as a whole (centroid) and its closest single phrasing, in characters and words. */
export const LEXICAL_WEIGHTS: FusionWeights = {
  'char-centroid': 0.35,
  'char-best': 0.15,
  'word-centroid': 0.15,
  'word-best': 0.25,
  'word-body': 0.1,
};

export const DEFAULT_THRESHOLDS: Thresholds = { answer: 0.5, suggest: 0.25, margin: 0.05 };

/** Builds the matcher the app, eval and bench use. Never throws on bad articles (they are simply not in `knowledge`). */
export async function createMatcher(knowledge: KnowledgeBase, options: MatcherOptions = {}): Promise<ScoringMatcher> {
  const logger = options.logger ?? silentLogger;
  const started = performance.now();
  const articles = knowledge.articles;
  if (options.kind === 'hybrid') logger.warn('the hybrid (embedding) scorer is not built yet; matching is lexical');
  const lexical = await buildLexicalScorer(articles);
  const matcher = new ScoringMatcher({
    articles,
    scorers: [lexical],
    weights: LEXICAL_WEIGHTS,
    calibrate: (sorted) => sorted.map((s) => Math.min(1, Math.max(0, s))),
    thresholds: resolveThresholds(DEFAULT_THRESHOLDS, options.thresholds),
  });
  logger.debug('matcher ready', { articles: articles.length, ms: Math.round(performance.now() - started) });
  return matcher;
}
