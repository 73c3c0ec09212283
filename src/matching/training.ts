import { topK } from './fusion.js';
import { subsetTable, type PhrasingTable } from './phrasings.js';
import type { Scorer, ScorerBuilder } from './scorer.js';

/**
 * A held-out question: every channel's scores over the candidate articles and which candidate is its
 * own article. Candidates are all articles in small knowledge bases; in large ones, the best few by
 * any channel plus the right one (the rest would get ~0 probability anyway, and memory stays bounded).
 */
export interface HeldOutRow {
  channels: Float64Array[];
  target: number;
}

/** Up to this many articles every row keeps every article. */
const ALL_CANDIDATES = 200;
const PER_CHANNEL = 20;

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
  const foldOf = new Map<number, number>();
  if (stride === 1) {
    // every question is held out once: fold by position, so each fold takes ~1/5 of every article's questions
    for (const i of questions) foldOf.set(i, (table.position[i]! - 1) % FOLDS);
  } else {
    // a sample is held out: as few folds as keep each fold's share of the questions at ~1/5 or less
    const sampled = questions.filter((_, k) => k % stride === 0);
    const folds = Math.min(FOLDS, Math.ceil((FOLDS * sampled.length) / questions.length));
    sampled.forEach((i, k) => foldOf.set(i, k % folds));
  }
  const rows: HeldOutRow[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const held = questions.filter((i) => foldOf.get(i) === fold);
    if (!held.length) continue;
    const heldSet = new Set(held);
    const scorers: Scorer[] = builders.map((b) => b.build(subsetTable(table, (i) => !heldSet.has(i))));
    for (const i of held) {
      const query = { text: table.texts[i]!, vector: table.vectors?.row(i) };
      rows.push(restrict(scorers.flatMap((s) => s.score(query)), table.owner[i]!));
    }
  }
  return rows;
}

function restrict(channels: Float64Array[], target: number): HeldOutRow {
  const articleCount = channels[0]?.length ?? 0;
  if (articleCount <= ALL_CANDIDATES) return { channels, target };
  const candidates = new Set<number>([target]);
  for (const channel of channels) for (const a of topK(channel, PER_CHANNEL)) candidates.add(a);
  const list = [...candidates];
  return { channels: channels.map((c) => Float64Array.from(list, (a) => c[a]!)), target: 0 };
}
