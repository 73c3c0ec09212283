import { basename } from 'node:path';
import type { MatcherOptions } from '../matching/create-matcher.js';
import { calibrateThresholds, TARGET_PRECISION } from './calibrate.js';
import { percentile, quality, type EvalFigures } from './metrics.js';
import { formatFigures, formatThresholds, formatWarnings } from './report.js';
import { runEval } from './run-eval.js';

export interface EvaluateOptions extends MatcherOptions {
  /** Report (and score at) the thresholds that answer most at ≥ 95% answered precision. */
  calibrate?: boolean;
}

export interface Evaluation {
  figures: EvalFigures;
  /** Human-readable report, one entry per line. */
  lines: string[];
  warnings: string[];
}

/** Runs a set and turns it into the figures and the report `threadline eval` prints. */
export async function evaluate(dir: string, options: EvaluateOptions = {}): Promise<Evaluation> {
  const run = await runEval(dir, options);
  const inScopeCases = run.outcomes.filter((o) => o.expect !== null).length;
  const figuresAt = (thresholds: typeof run.thresholds): EvalFigures => {
    const q = quality(run.outcomes, thresholds);
    return {
      articles: run.articles,
      cases: run.outcomes.length,
      inScopeCases,
      oosCases: run.outcomes.length - inScopeCases,
      inScopeAccuracy: q.inScopeAccuracy,
      top3Accuracy: q.top3Accuracy,
      answerRate: q.answerRate,
      answeredPrecision: q.answeredPrecision,
      oosRecall: q.oosRecall,
      loadMs: run.loadMs,
      p50Ms: percentile(run.latenciesMs, 50),
      p99Ms: percentile(run.latenciesMs, 99),
      peakRssMb: run.peakRssMb,
    };
  };

  const lines = [
    `${basename(dir)}: ${run.articles} articles, ${run.outcomes.length} cases (${inScopeCases} in scope, ${run.outcomes.length - inScopeCases} out of scope), ${run.kind} matcher`,
    `thresholds: ${formatThresholds(run.thresholds)}`,
  ];
  let figures = figuresAt(run.thresholds);
  lines.push(...formatFigures(figures, quality(run.outcomes, run.thresholds)));

  if (options.calibrate) {
    const calibrated = calibrateThresholds(run.outcomes, run.thresholds);
    if (!calibrated) {
      lines.push(`calibrate: no thresholds reach ${pct(TARGET_PRECISION)} answered precision on this set; figures above are at the matcher's thresholds`);
    } else {
      figures = figuresAt(calibrated.thresholds);
      lines.push(
        `calibrated for ${pct(TARGET_PRECISION)} answered precision: ${formatThresholds(calibrated.thresholds)}`,
        `  (set MATCH_ANSWER_THRESHOLD=${calibrated.thresholds.answer.toFixed(3)} MATCH_MARGIN=${calibrated.thresholds.margin.toFixed(2)} to use them)`,
        ...formatFigures(figures, quality(run.outcomes, calibrated.thresholds), { decisionsOnly: true }),
      );
    }
    const strict = figures.oosCases ? calibrateThresholds(run.outcomes, run.thresholds, TARGET_PRECISION, { countOutOfScope: true }) : undefined;
    if (strict) {
      const at = figuresAt(strict.thresholds);
      lines.push(
        `stricter, counting answered out-of-scope cases as wrong answers: ${formatThresholds(strict.thresholds)}`,
        `  answer rate ${pct(at.answerRate)}, answered precision ${pct(at.answeredPrecision)}, out-of-scope recall ${pct(at.oosRecall)}`,
      );
    }
  }
  return { figures, lines, warnings: formatWarnings(run.problems, run.unknownIds) };
}

const pct = (x: number) => `${Math.round(100 * x)}%`;
