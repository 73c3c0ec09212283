/** Channel name → weight. Channels without a weight are ignored. */
export type FusionWeights = Readonly<Record<string, number>>;

/** Weighted sum of the scorers' channels, one fused score per article. Weights are used as given. */
export function fuse(channelNames: readonly string[], channels: readonly Float64Array[], weights: FusionWeights, articleCount: number): Float64Array {
  const fused = new Float64Array(articleCount);
  channels.forEach((values, c) => {
    const w = weights[channelNames[c]!] ?? 0;
    if (w === 0) return;
    for (let a = 0; a < articleCount; a++) fused[a]! += w * values[a]!;
  });
  return fused;
}

/** The `k` best indices by score, best first (ties: lower index first, so results are deterministic). */
export function topK(scores: Float64Array, k: number): number[] {
  const best: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    if (best.length === k && s <= scores[best[k - 1]!]!) continue;
    let at = best.length;
    while (at > 0 && scores[best[at - 1]!]! < s) at--;
    best.splice(at, 0, i);
    if (best.length > k) best.pop();
  }
  return best;
}
