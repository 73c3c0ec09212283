import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { createMatcher } from '../../src/matching/create-matcher.js';
import type { EmbeddingProvider } from '../../src/matching/embeddings/provider.js';
import { helpCentre, knowledgeOf } from './knowledge-factory.js';

/** A deterministic bag-of-words encoder that can be switched off, like an embeddings API going down. */
function switchableEncoder() {
  const state = { down: false };
  const provider: EmbeddingProvider = {
    id: 'test:bag-of-words',
    async embed(texts) {
      if (state.down) throw new Error('503 from the embeddings API');
      return texts.map((text) => {
        const vector = new Array<number>(64).fill(0);
        for (const word of text.toLowerCase().split(/\W+/).filter(Boolean)) vector[createHash('md5').update(word).digest()[0]! % 64]! += 1;
        return vector;
      });
    },
  };
  return { state, provider };
}

describe('when the question encoder fails after start-up', () => {
  it('matches that question on words and characters and logs a warning, instead of handing everything off', async () => {
    const { state, provider } = switchableEncoder();
    const lines: string[] = [];
    const matcher = await createMatcher(knowledgeOf(helpCentre()), { kind: 'hybrid', embeddings: async () => provider, logger: createLogger('warn', (l) => lines.push(l)) });
    expect(matcher.kind).toBe('hybrid');

    state.down = true;
    const result = await matcher.match('I forgot my password');
    expect(result.candidates[0]?.article.id).toBe('reset-password');
    expect(lines.join('\n')).toMatch(/WARN\s+question embedding failed; matching this question on words and characters only/);
  });
});
