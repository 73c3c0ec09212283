import { createHash } from 'node:crypto';
import type Keyv from 'keyv';
import { z } from 'zod';
import { fitCalibration } from './calibration.js';
import type { FusionWeights } from './fusion.js';
import { fitFusionWeights } from './fusion-training.js';
import type { PhrasingTable } from './phrasings.js';
import type { ScorerBuilder } from './scorer.js';
import { heldOutRows } from './training.js';

/** Bump when scoring or training changes, so cached models of older code are not reused. */
const MODEL_VERSION = 5;
const MIN_ROWS = 20;

const trainedSchema = z.object({
  weights: z.record(z.string(), z.number()),
  noneScore: z.number(),
  thresholds: z.object({ answer: z.number(), suggest: z.number(), margin: z.number() }),
  heldOut: z.object({ questions: z.number(), answerRate: z.number().nullable(), precision: z.number().nullable() }),
});
export type TrainedModel = z.infer<typeof trainedSchema>;

/**
 * Weights in logit units for knowledge bases with too few questions to learn from (fewer than 20):
 * a phrasing matched word for word scores about 12, an unrelated one about 0, "none" sits at 4.
 */
const DEFAULT_WEIGHTS: FusionWeights = {
  'char-centroid': 3, 'char-best': 2, 'word-centroid': 2, 'word-best': 3, 'word-body': 1, 'embed-centroid': 3, 'embed-best': 3,
};
const DEFAULT_NONE_SCORE = 4;

/** Fusion weights, none score and thresholds learned from the knowledge base's own held-out questions. */
export function trainModel(table: PhrasingTable, builders: readonly ScorerBuilder[]): TrainedModel {
  const channelNames = builders.flatMap((b) => b.channels);
  const rows = heldOutRows(table, builders);
  const learned = rows.length >= MIN_ROWS;
  const fused = learned ? fitFusionWeights(rows, channelNames) : defaultWeights(channelNames);
  const fit = fitCalibration(rows, fused, channelNames);
  const weights = learned ? Object.fromEntries(Object.entries(fused).map(([c, w]) => [c, w * fit.scale])) : fused;
  const noneScore = learned ? fit.noneScore : DEFAULT_NONE_SCORE;
  return {
    weights,
    noneScore,
    thresholds: fit.thresholds,
    heldOut: { questions: rows.length, answerRate: nullIfNaN(fit.heldOut.answerRate), precision: nullIfNaN(fit.heldOut.precision) },
  };
}

/** The trained model for this exact knowledge (by content hashes), from the store when it has it. */
export async function cachedTrainModel(
  table: PhrasingTable,
  builders: readonly ScorerBuilder[],
  identity: string,
  store?: Keyv,
): Promise<{ model: TrainedModel; fromCache: boolean }> {
  const hash = createHash('sha256').update(JSON.stringify([MODEL_VERSION, identity, builders.map((b) => b.name), table.articles.map((a) => a.hash)])).digest('hex');
  const key = `matching:model:${hash}`;
  const stored = store ? trainedSchema.safeParse(await store.get(key).catch(() => undefined)) : undefined;
  if (stored?.success) return { model: stored.data, fromCache: true };
  const model = trainModel(table, builders);
  await store?.set(key, model).catch(() => undefined);
  return { model, fromCache: false };
}

function defaultWeights(channelNames: readonly string[]): FusionWeights {
  return Object.fromEntries(channelNames.map((n) => [n, DEFAULT_WEIGHTS[n] ?? 0]));
}

const nullIfNaN = (x: number) => (Number.isFinite(x) ? x : null);
