import { join } from 'node:path';
import type { KnowledgeProblem } from '../knowledge/problems.js';
import { loadKnowledge } from '../knowledge/load.js';
import type { Logger } from '../logger.js';
import { createMatcher, type MatcherOptions } from '../matching/create-matcher.js';
import type { Thresholds } from '../matching/types.js';
import { readCases, type EvalCase } from './cases.js';

/** What the matcher said about one case: enough to replay its decision at any thresholds. */
export interface CaseOutcome {
  expect: string | null;
  /** Ids of the three best candidates, best first. */
  top: string[];
  /** Confidence of the best and second-best candidate. */
  first: number;
  second: number;
  /** The question is written word for word in the top article, which the bot answers at any thresholds. */
  written?: boolean;
}

export interface EvalRun {
  /** The matcher that actually ran (hybrid falls back to lexical when the encoder fails). */
  kind: 'hybrid' | 'lexical';
  articles: number;
  outcomes: CaseOutcome[];
  /** Expected ids that are not in the knowledge base (these cases can never be right). */
  unknownIds: string[];
  problems: KnowledgeProblem[];
  thresholds: Thresholds;
  loadMs: number;
  latenciesMs: number[];
  peakRssMb: number;
}

/** Loads `<dir>/knowledge` into a matcher and matches every case of `<dir>/cases.jsonl`, timing each one. */
export async function runEval(dir: string, options: MatcherOptions & { logger?: Logger } = {}): Promise<EvalRun> {
  const cases: EvalCase[] = await readCases(join(dir, 'cases.jsonl'));
  const started = performance.now();
  const knowledge = await loadKnowledge(join(dir, 'knowledge'));
  const matcher = await createMatcher(knowledge, options);
  const loadMs = performance.now() - started;

  const outcomes: CaseOutcome[] = [];
  const latenciesMs: number[] = [];
  for (const c of cases) {
    const t0 = performance.now();
    const result = await matcher.match(c.text, { limit: 3 });
    latenciesMs.push(performance.now() - t0);
    outcomes.push({
      expect: c.expect,
      top: result.candidates.map((x) => x.article.id),
      first: result.candidates[0]?.score ?? 0,
      second: result.candidates[1]?.score ?? 0,
      ...(result.decision.kind === 'answer' && result.decision.written ? { written: true } : {}),
    });
  }
  const unknownIds = [...new Set(cases.flatMap((c) => (c.expect !== null && !knowledge.byId.has(c.expect) ? [c.expect] : [])))];
  return {
    kind: matcher.kind,
    articles: knowledge.articles.length,
    outcomes,
    unknownIds,
    problems: knowledge.problems,
    thresholds: matcher.thresholds,
    loadMs,
    latenciesMs,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}
