import type { PeerComparison, PeerFigures } from './peers.js';
import type { ScaleResult } from './scale.js';

const pct = (x: number | undefined) => (x === undefined ? '—' : `${(100 * x).toFixed(1)}%`);
const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(0));
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || b === 0 ? '—' : `${(a / b).toFixed(2)}×`);

/** Markdown table: our matcher vs nlp.js per set, with ours/nlp.js ratios. */
export function peersTable(rows: readonly PeerComparison[]): string[] {
  const lines = [
    '| set | system | top-1 accuracy | answer rate | answered precision | OOS recall | build ms | p50 ms | p99 ms |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const line = (set: string, who: string, f: PeerFigures) =>
    `| ${set} | ${who} | ${pct(f.inScopeAccuracy)} | ${pct(f.answerRate)} | ${pct(f.answeredPrecision)} | ${pct(f.oosRecall)} | ${f.buildMs.toFixed(0)} | ${ms(f.p50Ms)} | ${ms(f.p99Ms)} |`;
  for (const r of rows) {
    lines.push(line(r.set, 'threadline hybrid', r.ours), line(r.set, 'nlp.js 4', r.nlpjs));
    const o = r.ours, n = r.nlpjs;
    lines.push(
      `| ${r.set} | ratio (ours / nlp.js) | ${ratio(o.inScopeAccuracy, n.inScopeAccuracy)} | ${ratio(o.answerRate, n.answerRate)} | ${ratio(o.answeredPrecision, n.answeredPrecision)} | ${ratio(o.oosRecall, n.oosRecall)} | ${ratio(o.buildMs, n.buildMs)} | ${ratio(o.p50Ms, n.p50Ms)} | ${ratio(o.p99Ms, n.p99Ms)} |`,
    );
  }
  return lines;
}

/** Markdown table of the scale benchmark. */
export function scaleTable(rows: readonly (ScaleResult | { articles: number; kind: string; error: string })[]): string[] {
  const lines = ['| articles | phrasings | matcher | build (cold) | p50 match | p99 match | peak RSS |', '|---:|---:|---|---:|---:|---:|---:|'];
  for (const r of rows) {
    if ('error' in r) {
      lines.push(`| ${r.articles.toLocaleString('en')} | ${(r.articles * 11).toLocaleString('en')} | ${r.kind} | failed: ${r.error} | | | |`);
      continue;
    }
    const kind = r.ran === r.kind ? r.kind : `${r.kind} (ran ${r.ran})`;
    lines.push(
      `| ${r.articles.toLocaleString('en')} | ${(r.articles * 11).toLocaleString('en')} | ${kind} | ${(r.buildMs / 1000).toFixed(1)} s | ${ms(r.p50Ms)} ms | ${ms(r.p99Ms)} ms | ${r.peakRssMb.toFixed(0)} MB |`,
    );
  }
  return lines;
}
