import type { Article } from '../knowledge/article.js';
import type { Candidate } from '../matching/types.js';
import type { TranscriptLine, TriedArticle } from './types.js';

/** An answer written from the supplied articles only, citing them. */
export interface GroundedAnswer {
  text: string;
  /** The articles the answer rests on; each was among the candidates supplied. */
  citations: Article[];
}

/**
 * Optional answer writer (LLM mode). Returns undefined when it cannot give a grounded, confident answer;
 * the engine then takes the usual article / suggestion / handoff path. Must not throw.
 */
export interface Answerer {
  answer(request: { conversationId: string; question: string; history: TranscriptLine[]; candidates: Candidate[] }): Promise<GroundedAnswer | undefined>;
}

/** Optional 2–4 line summary for the context packet. Returns undefined on any failure; must not throw. */
export interface Summarizer {
  summarize(request: {
    conversationId: string;
    question: string;
    transcript: TranscriptLine[];
    tried: TriedArticle[];
    reason: string;
  }): Promise<string | undefined>;
}
