import type { SurveyResponse } from '../store/records.js';

/** CES summary of a set of answers. agree = share of 5–7; net = share of 6–7 minus share of 1–3. */
export interface CesSummary {
  count: number;
  mean: number;
  agree: number;
  net: number;
}

export function summariseCes(responses: readonly SurveyResponse[]): CesSummary {
  const count = responses.length;
  if (count === 0) return { count, mean: 0, agree: 0, net: 0 };
  const share = (test: (score: number) => boolean) => responses.filter((r) => test(r.score)).length / count;
  return {
    count,
    mean: round(responses.reduce((sum, r) => sum + r.score, 0) / count),
    agree: round(share((s) => s >= 5)),
    net: round(share((s) => s >= 6) - share((s) => s <= 3)),
  };
}

/** Answers grouped by `key`; those without one under `missing` (e.g. "(no article)"). */
export function groupCes(responses: readonly SurveyResponse[], key: (r: SurveyResponse) => string | undefined, missing: string): Record<string, CesSummary> {
  const groups = new Map<string, SurveyResponse[]>();
  for (const response of responses) {
    const k = key(response) ?? missing;
    groups.set(k, [...(groups.get(k) ?? []), response]);
  }
  return Object.fromEntries([...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, rs]) => [k, summariseCes(rs)]));
}

export const round = (n: number, places = 3) => Math.round(n * 10 ** places) / 10 ** places;
