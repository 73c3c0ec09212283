export type { Candidate, Decision, Matcher, MatchResult, Thresholds } from './types.js';
export { createMatcher, DEFAULT_THRESHOLDS, LEXICAL_WEIGHTS, type MatcherKind, type MatcherOptions } from './create-matcher.js';
export { LiveMatcher, type KnowledgeSource } from './live-matcher.js';
export { ScoringMatcher, type Calibration, type MatcherModel } from './scoring-matcher.js';
export type { Scorer, ScorerBuilder } from './scorer.js';
export { buildLexicalScorer, LEXICAL_CHANNELS } from './lexical-scorer.js';
export { decide, isConfident, resolveThresholds, thresholdOverrides, MAX_SUGGESTIONS } from './decide.js';
export type { FusionWeights } from './fusion.js';
