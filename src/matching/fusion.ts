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

/**
 * The `k` best indices by score, best first (ties: lower index first, so results are deterministic).
 * A size-k min-heap: O(n log k), and most scores are rejected by one comparison with the heap's root.
 */
export function topK(scores: Float64Array, k: number): number[] {
  const heap: number[] = [];
  // "a is worse than b": lower score, or equal score and higher index
  const worse = (a: number, b: number) => scores[a]! < scores[b]! || (scores[a] === scores[b] && a > b);
  const siftDown = (from: number) => {
    let i = from;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  let i = 0;
  for (; i < scores.length && heap.length < k; i++) {
    heap.push(i);
    for (let c = heap.length - 1; c > 0; ) {
      const p = (c - 1) >> 1;
      if (!worse(heap[c]!, heap[p]!)) break;
      [heap[c], heap[p]] = [heap[p]!, heap[c]!];
      c = p;
    }
  }
  // the heap is full: a later index only gets in with a strictly higher score than the root's
  let root = heap.length ? scores[heap[0]!]! : NaN;
  for (; i < scores.length; i++) {
    if (!(scores[i]! > root)) continue;
    heap[0] = i;
    siftDown(0);
    root = scores[heap[0]!]!;
  }
  return heap.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
}
