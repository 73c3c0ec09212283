import { join } from 'node:path';
import { readCases } from '../eval/cases.js';
import { percentile, quality } from '../eval/metrics.js';
import { runEval } from '../eval/run-eval.js';
import { loadKnowledge } from '../knowledge/load.js';
import { trainNlpjs } from './nlpjs-peer.js';

/** One system's figures on one set (fractions 0–1, times in ms). */
export interface PeerFigures {
  inScopeAccuracy: number;
  answerRate: number;
  answeredPrecision: number;
  /** Undefined when the set has no out-of-scope cases. */
  oosRecall?: number;
  buildMs: number;
  p50Ms: number;
  p99Ms: number;
}

export interface PeerComparison {
  set: string;
  ours: PeerFigures;
  nlpjs: PeerFigures;
}

/** Our hybrid matcher (its own thresholds) and nlp.js on the same set, one after the other. */
export async function comparePeers(dir: string, name: string): Promise<PeerComparison> {
  const run = await runEval(dir, { kind: 'hybrid' });
  const q = quality(run.outcomes, run.thresholds);
  const hasOos = run.outcomes.some((o) => o.expect === null);
  const ours: PeerFigures = {
    inScopeAccuracy: q.inScopeAccuracy,
    answerRate: q.answerRate,
    answeredPrecision: q.answeredPrecision,
    oosRecall: hasOos ? q.oosRecall : undefined,
    buildMs: run.loadMs,
    p50Ms: percentile(run.latenciesMs, 50),
    p99Ms: percentile(run.latenciesMs, 99),
  };
  return { set: name, ours, nlpjs: await nlpjsFigures(dir, hasOos) };
}

async function nlpjsFigures(dir: string, hasOos: boolean): Promise<PeerFigures> {
  const cases = await readCases(join(dir, 'cases.jsonl'));
  const started = performance.now();
  const knowledge = await loadKnowledge(join(dir, 'knowledge'));
  const peer = await trainNlpjs(knowledge.articles);
  const buildMs = performance.now() - started;
  const latencies: number[] = [];
  const outcomes = [];
  for (const c of cases) {
    const t0 = performance.now();
    const answer = await peer.classify(c.text);
    latencies.push(performance.now() - t0);
    // replay "answered" through the same metric code: answered ⇔ first ≥ 1 with no margin needed
    outcomes.push({ expect: c.expect, top: answer.top, first: answer.answered ? 1 : 0, second: 0 });
  }
  const q = quality(outcomes, { answer: 1, suggest: 1, margin: 0 });
  return {
    inScopeAccuracy: q.inScopeAccuracy,
    answerRate: q.answerRate,
    answeredPrecision: q.answeredPrecision,
    oosRecall: hasOos ? q.oosRecall : undefined,
    buildMs,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}
