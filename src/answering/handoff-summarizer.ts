import type { ChatPromptTemplate } from '@langchain/core/prompts';
import type { ChatOpenAI } from '@langchain/openai';
import { z } from 'zod';
import type { Summarizer } from '../engine/answering.js';
import type { TranscriptLine, TriedArticle } from '../engine/types.js';
import type { Logger } from '../logger.js';
import type { LlmCallLog } from './call-log.js';
import { askForJson, type JsonReply } from './chat-json.js';
import { conversationBlock, echoesMarkup, LIMITS, questionBlock, triedBlock } from './delimit.js';
import type { RetryPolicy } from './retry.js';

export const SUMMARY_PLACEHOLDERS = ['question', 'transcript', 'tried', 'reason'] as const;

const wire = z.strictObject({
  lines: z.array(z.string()).describe('2 to 4 short lines for the agent: what the customer needs, what was tried, what to check first.'),
});

export const summaryReply: JsonReply<typeof wire, { lines: string[] }> = {
  name: 'handoff_summary',
  wire,
  validate: z.strictObject({
    lines: z
      .array(z.string().trim().min(1).max(240).refine((line) => !echoesMarkup(line) && !line.includes('\n'), 'one plain line'))
      .min(2)
      .max(4),
  }),
};

export interface HandoffSummarizerDeps {
  model: ChatOpenAI;
  modelName: string;
  prompt: ChatPromptTemplate;
  retry: RetryPolicy;
  calls: LlmCallLog;
  logger: Logger;
}

/** A 2–4 line note for the agent on top of the context packet; undefined on any failure (the packet is complete without it). */
export class HandoffSummarizer implements Summarizer {
  constructor(private readonly deps: HandoffSummarizerDeps) {}

  async summarize(request: { conversationId: string; question: string; transcript: TranscriptLine[]; tried: TriedArticle[]; reason: string }): Promise<string | undefined> {
    const { deps } = this;
    try {
      const messages = await deps.prompt.formatMessages({
        question: questionBlock(request.question),
        transcript: conversationBlock(request.transcript, LIMITS.transcriptLines),
        tried: triedBlock(request.tried),
        reason: request.reason,
      });
      const result = await deps.calls.track({ purpose: 'summary', model: deps.modelName, conversationId: request.conversationId }, (usage) =>
        askForJson(deps.model, messages, summaryReply, { retry: deps.retry, usage }),
      );
      return result.ok ? result.value.lines.join('\n') : undefined;
    } catch (error) {
      deps.logger.error('handoff summary failed unexpectedly; the packet goes without it', { conversation: request.conversationId, error: String(error) });
      return undefined;
    }
  }
}
