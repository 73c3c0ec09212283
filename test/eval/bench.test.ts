import { describe, expect, it } from 'vitest';
import { trainNlpjs } from '../../src/bench/nlpjs-peer.js';
import { syntheticKnowledge } from '../../src/bench/synthetic.js';
import { peersTable, scaleTable } from '../../src/bench/tables.js';
import { helpCentre } from '../matching/knowledge-factory.js';

describe('bench pieces', () => {
  it('builds the same synthetic knowledge base every time, 10 questions per article', () => {
    const a = syntheticKnowledge(50, 10, 5);
    const b = syntheticKnowledge(50, 10, 5);
    expect(a).toEqual(b);
    expect(a.articles).toHaveLength(50);
    expect(a.articles.every((x) => x.questions.length === 10)).toBe(true);
    expect(new Set(a.articles.map((x) => x.hash)).size).toBe(50);
  });

  it('trains nlp.js on the articles\' questions and classifies with it', async () => {
    const peer = await trainNlpjs(helpCentre());
    const answer = await peer.classify('I forgot my password');
    expect(answer.top[0]).toBe('reset-password');
    expect(answer.answered).toBe(true);
  });

  it('prints side-by-side and scale tables with ratios', () => {
    const f = { inScopeAccuracy: 0.8, answerRate: 0.5, answeredPrecision: 0.9, oosRecall: undefined, buildMs: 100, p50Ms: 4, p99Ms: 8 };
    const peers = peersTable([{ set: 's', ours: f, nlpjs: { ...f, inScopeAccuracy: 0.4, p50Ms: 2 } }]);
    expect(peers.at(-1)).toBe('| s | ratio (ours / nlp.js) | 2.00× | 1.00× | 1.00× | — | 1.00× | 2.00× | 1.00× |');
    const scale = scaleTable([{ articles: 1000, kind: 'lexical', ran: 'lexical', buildMs: 2500, p50Ms: 0.5, p99Ms: 1.5, peakRssMb: 240, queries: 200 }]);
    expect(scale.at(-1)).toBe('| 1,000 | 11,000 | lexical | 2.5 s | 0.50 ms | 1.50 ms | 240 MB |');
  });
});
