import type { ChatPromptTemplate } from '@langchain/core/prompts';
import type { ChatOpenAI } from '@langchain/openai';
import { z } from 'zod';
import type { Answerer, GroundedAnswer } from '../engine/answering.js';
import type { TranscriptLine } from '../engine/types.js';
import type { Article } from '../knowledge/article.js';
import type { Logger } from '../logger.js';
import type { Candidate } from '../matching/types.js';
import type { LlmCallLog } from './call-log.js';
import { askForJson, type JsonReply } from './chat-json.js';
import { articleBlocks, conversationBlock, echoesMarkup, LIMITS, questionBlock } from './delimit.js';
import type { RetryPolicy } from './retry.js';

export const ANSWER_PLACEHOLDERS = ['company', 'articles', 'history', 'question'] as const;

const wire = z.strictObject({
  answer: z.string().describe('The answer for the customer, from the articles only; empty when not confident.'),
  citedArticleIds: z.array(z.string()).describe('Ids of the supplied articles the answer relies on, most relevant first.'),
  confident: z.boolean().describe('True only when the cited articles clearly answer the question.'),
});

export const answerReply: JsonReply<typeof wire, z.infer<typeof wire>> = {
  name: 'grounded_answer',
  wire,
  validate: wire.extend({
    answer: z.string().trim().max(4000),
    citedArticleIds: z.array(z.string().trim()).max(10),
  }),
};

/** Why a well-formed reply was still not sent to the customer. */
export type Rejection = 'not-confident' | 'no-citation' | 'unknown-citation' | 'empty-answer' | 'unsupported-link' | 'echoes-prompt';

export interface GroundedAnswererDeps {
  model: ChatOpenAI;
  modelName: string;
  prompt: ChatPromptTemplate;
  companyName: string;
  retry: RetryPolicy;
  calls: LlmCallLog;
  logger: Logger;
}

/**
 * Writes an answer from the matcher's candidates only. It returns undefined (and the engine takes its
 * usual article / suggestion / handoff path) whenever the answer is not clearly grounded: the model is
 * not confident, cites nothing, cites an article it was not given, or adds a link the articles lack;
 * and whenever the call fails. It never throws.
 */
export class GroundedAnswerer implements Answerer {
  constructor(private readonly deps: GroundedAnswererDeps) {}

  async answer(request: { conversationId: string; question: string; history: TranscriptLine[]; candidates: Candidate[] }): Promise<GroundedAnswer | undefined> {
    const { deps } = this;
    const supplied = request.candidates.map((c) => c.article);
    if (supplied.length === 0) return undefined;
    try {
      const messages = await deps.prompt.formatMessages({
        company: deps.companyName,
        articles: articleBlocks(supplied),
        history: conversationBlock(withoutCurrentQuestion(request.history, request.question), LIMITS.historyLines),
        question: questionBlock(request.question),
      });
      const result = await deps.calls.track({ purpose: 'answer', model: deps.modelName, conversationId: request.conversationId }, (usage) =>
        askForJson(deps.model, messages, answerReply, { retry: deps.retry, usage }),
      );
      if (!result.ok) return undefined;
      const checked = ground(result.value, supplied);
      if ('rejected' in checked) {
        deps.logger.info('LLM answer not used; the usual article / suggestion / handoff path takes over', {
          conversation: request.conversationId,
          why: checked.rejected,
        });
        return undefined;
      }
      return checked;
    } catch (error) {
      deps.logger.error('LLM answer failed unexpectedly; falling back to embedded mode', { conversation: request.conversationId, error: String(error) });
      return undefined;
    }
  }
}

/** The answer with its citations resolved to the supplied articles, or why it must not be sent. */
export function ground(reply: z.infer<typeof wire>, supplied: readonly Article[]): GroundedAnswer | { rejected: Rejection } {
  const byId = new Map(supplied.map((a) => [a.id, a]));
  const ids = [...new Set(reply.citedArticleIds)];
  const text = reply.answer.trim();
  if (!reply.confident) return { rejected: 'not-confident' };
  if (ids.length === 0) return { rejected: 'no-citation' };
  if (ids.some((id) => !byId.has(id))) return { rejected: 'unknown-citation' };
  if (!text) return { rejected: 'empty-answer' };
  const citations = ids.map((id) => byId.get(id)!);
  if (echoesMarkup(text)) return { rejected: 'echoes-prompt' };
  if (!linksAreGrounded(text, citations)) return { rejected: 'unsupported-link' };
  return { text, citations };
}

const LINK = /\bhttps?:\/\/[^\s)<>\]"']+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/gi;

/** Every URL and email address in the answer appears in a cited article: invented links are the costliest hallucination. */
function linksAreGrounded(text: string, cited: readonly Article[]): boolean {
  const source = cited.map((a) => `${a.body} ${a.url ?? ''}`).join(' ').toLowerCase();
  return (text.match(LINK) ?? []).every((link) => source.includes(link.replace(/[.,;:!?]+$/, '').toLowerCase()));
}

/** The engine's history ends with the question itself; the prompt shows it once, in its own block. */
function withoutCurrentQuestion(history: readonly TranscriptLine[], question: string): TranscriptLine[] {
  const last = history.at(-1);
  return last && last.from === 'customer' && last.text.trim() === question.trim() ? history.slice(0, -1) : [...history];
}
