import { subsetTable, type PhrasingTable } from './phrasings.js';
import type { Scorer, ScorerBuilder } from './scorer.js';

/** A held-out question: every channel's scores over all articles (of the fold's index) and its article. */
export interface HeldOutRow {
  channels: Float64Array[];
  target: number;
}

export const FOLDS = 5;
/** Held-out questions used per knowledge base: enough for a few weights and thresholds, bounded at scale. */
const MAX_ROWS = 1500;

/**
 * K-fold cross-validation over the articles' own questions (titles always stay in the index): each
 * fold's questions are scored by scorers built without them. This is the honest view of how the
 * matcher treats a question it has not seen, and all fusion weights and thresholds are learned from
 * it, so nothing is fitted to test questions.
 */
export function heldOutRows(table: PhrasingTable, builders: readonly ScorerBuilder[]): HeldOutRow[] {
  const questions = table.texts.flatMap((_, i) => (table.position[i]! > 0 ? [i] : []));
  const stride = Math.max(1, Math.ceil(questions.length / MAX_ROWS));
  const sampled = new Set(questions.filter((_, k) => k % stride === 0));
  const rows: HeldOutRow[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const held = (i: number) => table.position[i]! > 0 && (table.position[i]! - 1) % FOLDS === fold;
    if (!questions.some((i) => held(i) && sampled.has(i))) continue;
    const scorers: Scorer[] = builders.map((b) => b.build(subsetTable(table, (i) => !held(i))));
    for (const i of questions) {
      if (!held(i) || !sampled.has(i)) continue;
      const query = { text: table.texts[i]!, vector: table.vectors?.[i] };
      rows.push({ channels: scorers.flatMap((s) => s.score(query)), target: table.owner[i]! });
    }
  }
  return rows;
}
