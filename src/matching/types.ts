import type { Article } from '../knowledge/article.js';

/** An article the matcher considers, with a calibrated confidence in [0, 1] (about: how likely it is the right one). */
export interface Candidate {
  article: Article;
  score: number;
}

/** What the bot should do with a question. */
export type Decision =
  /** Confident: answer with this one article. */
  | { kind: 'answer'; article: Article; score: number; /** The question is written word for word in this article: answered whatever the thresholds. */ written?: true }
  /** Close: offer these 1–3 choices ("Did you mean …"). */
  | { kind: 'suggest'; candidates: Candidate[] }
  /** Nothing fits well enough: a person should take it. */
  | { kind: 'handoff'; reason: 'no-match' | 'empty-question' | 'empty-knowledge' };

export interface MatchResult {
  question: string;
  /** Best first; at most `limit` (default 5). */
  candidates: Candidate[];
  decision: Decision;
}

/** answer: top score ≥ answer and (top − second) ≥ margin; suggest: top score ≥ suggest; else handoff. */
export interface Thresholds {
  answer: number;
  suggest: number;
  margin: number;
}

/** The one interface callers (engine, eval, bench) use; lexical, embedding and hybrid scorers sit behind it. */
export interface Matcher {
  match(question: string, options?: { limit?: number }): Promise<MatchResult>;
  readonly thresholds: Thresholds;
}
