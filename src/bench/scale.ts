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
 * build time includes embedding every phrasing) and times `queries` matches after a warm-up.
 * Run one size per process so peak RSS belongs to that size alone.
 */
/**
 * Matches before timing starts: JIT and first-call costs, and the garbage collection of what the build left
 * behind, which lands in the first ~100 matches after a build of 10,000 articles (measured with --trace-gc:
 * their slowest were 3–9 ms, once, while matches after it stay under 1.5 ms).
 */
const WARM_UP = 100;

export async function runScale(articles: number, kind: MatcherKind, queries = 200): Promise<ScaleResult> {
  const synthetic = syntheticKnowledge(articles, 10, queries + WARM_UP);
  const knowledge = assembleKnowledgeBase(synthetic.articles, []);
  const started = performance.now();
  // no store: vectors would otherwise sit in an in-memory Keyv too (in production the store is sqlite or redis)
  const matcher = await createMatcher(knowledge, { kind });
  const buildMs = performance.now() - started;

  for (const q of synthetic.queries.slice(0, WARM_UP)) await matcher.match(q);
  const latencies: number[] = [];
  for (const q of synthetic.queries.slice(WARM_UP)) {
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
