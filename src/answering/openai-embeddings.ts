import { createHash } from 'node:crypto';
import type OpenAI from 'openai';
import { z } from 'zod';
import type { EmbeddingProvider } from '../matching/embeddings/provider.js';
import type { LlmCallLog, TokenUsage } from './call-log.js';
import { LlmFailure } from './llm-failure.js';
import { withRetries, type RetryPolicy } from './retry.js';

/** Inputs per request: well under the API's 2,048, and a hot reload of a few articles stays one call. */
export const EMBED_BATCH = 128;

const embeddingResponse = z.object({
  data: z.array(z.object({ index: z.number().int().min(0), embedding: z.array(z.number()).min(1) })),
  usage: z.object({ prompt_tokens: z.number().optional(), total_tokens: z.number().optional() }).optional(),
});

export interface OpenAiEmbeddingsDeps {
  client: OpenAI;
  model: string;
  /** Part of the id, so vectors from one server's "same-named" model are never reused for another's. */
  baseURL?: string;
  retry: RetryPolicy;
  calls: LlmCallLog;
}

/**
 * Embeddings from an OpenAI-compatible API for the hybrid matcher. The matcher's ArticleVectorCache
 * stores article vectors in the Keyv store under this provider's id and each article's content hash,
 * so articles are embedded once and a restart reads them back; questions are embedded per message.
 * Each request is one `llm.call` event (purpose "embedding"). Failures throw (after being logged and
 * recorded): the matcher then runs lexical-only rather than on half a set of vectors.
 */
export class OpenAiEmbeddings implements EmbeddingProvider {
  readonly id: string;

  constructor(private readonly deps: OpenAiEmbeddingsDeps) {
    const server = createHash('sha256').update(deps.baseURL ?? 'api.openai.com').digest('hex').slice(0, 8);
    this.id = `openai:${deps.model}@${server}`;
  }

  async embed(texts: readonly string[]): Promise<number[][]> {
    const out: number[][] = [];
    for (let at = 0; at < texts.length; at += EMBED_BATCH) {
      const batch = texts.slice(at, at + EMBED_BATCH).map((t) => t.trim() || ' '); // the API rejects empty strings
      const result = await this.deps.calls.track({ purpose: 'embedding', model: this.deps.model }, (usage) => this.request(batch, usage));
      if (!result.ok) throw new LlmFailure(result.reason, false);
      out.push(...result.value);
    }
    return out;
  }

  private async request(batch: string[], usage: TokenUsage): Promise<number[][]> {
    const { value: raw, attempts } = await withRetries(
      () => this.deps.client.embeddings.create({ model: this.deps.model, input: batch, encoding_format: 'float' }),
      this.deps.retry,
    );
    usage.attempts = attempts;
    const parsed = embeddingResponse.safeParse(raw);
    if (!parsed.success) throw new LlmFailure('malformed-output', false);
    usage.add({ promptTokens: parsed.data.usage?.prompt_tokens, totalTokens: parsed.data.usage?.total_tokens ?? parsed.data.usage?.prompt_tokens });
    const sorted = [...parsed.data.data].sort((a, b) => a.index - b.index);
    const dims = sorted[0]?.embedding.length;
    // one vector per input, in input order, all of one size: anything else would silently misalign articles
    if (sorted.length !== batch.length || sorted.some((d, i) => d.index !== i || d.embedding.length !== dims)) throw new LlmFailure('malformed-output', false);
    return sorted.map((d) => d.embedding);
  }
}
