import { assembleKnowledgeBase } from '../knowledge/knowledge-base.js';
import { percentile } from '../eval/metrics.js';
import { createMatcher, type MatcherKind } from '../matching/create-matcher.js';
import { syntheticKnowledge } from './synthetic.js';

export interface ScaleResult {
  articles: number;
  kind: MatcherKind;
  /** What actually ran (hybrid falls back to lexical if the encoder fails). */
  ran: MatcherKind;
  buildMs: number;
  p50Ms: number;
  p99Ms: number;
  peakRssMb: number;
  queries: number;
}

/**
 * Builds a matcher over a synthetic knowledge base of `articles` articles (cold: no cache, so
 * build time includes embedding every phrasing) and times `queries` matches after a short warm-up.
 * Run one size per process so peak RSS belongs to that size alone.
 */
export async function runScale(articles: number, kind: MatcherKind, queries = 200): Promise<ScaleResult> {
  const synthetic = syntheticKnowledge(articles, 10, queries + 20);
  const knowledge = assembleKnowledgeBase(synthetic.articles, []);
  const started = performance.now();
  // no store: vectors would otherwise sit in an in-memory Keyv too (in production the store is sqlite or redis)
  const matcher = await createMatcher(knowledge, { kind });
  const buildMs = performance.now() - started;

  for (const q of synthetic.queries.slice(0, 20)) await matcher.match(q); // warm-up: JIT and first-call costs
  const latencies: number[] = [];
  for (const q of synthetic.queries.slice(20)) {
    const t0 = performance.now();
    await matcher.match(q);
    latencies.push(performance.now() - t0);
  }
  return {
    articles,
    kind,
    ran: matcher.kind,
    buildMs,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    queries: latencies.length,
  };
}
