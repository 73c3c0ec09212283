import type { FusionWeights } from './fusion.js';

/** One held-out phrasing: every channel's scores over the candidate articles, and which one is right. */
export interface FusionExample {
  /** channels[c][k]: channel c's score for candidate k. */
  channels: readonly Float64Array[];
  /** Index into the candidates of the right article. */
  target: number;
}

const L2 = 1e-3;
const ITERATIONS = 25;

/**
 * Fusion weights by maximum likelihood of a conditional logit, P(article) ∝ exp(Σ_c w_c · score_c),
 * over held-out phrasings of the knowledge base itself (so nothing is tuned on test questions).
 * Newton's method on a handful of weights: deterministic, converges in a few steps. Channels are
 * standardised first so a small ridge penalty treats them alike; weights come back in raw units.
 * Weights are kept ≥ 0: unconstrained, correlated channels took negative weights ("the closer to its best
 * phrasing, the less likely"), which held-out questions never contradict but a question written almost like a
 * phrasing does ("How do I turn on 2FA?" ranked "Lost your 2FA device" above "Turn on 2FA"). Measured on the
 * shared sets: the same or better top-1 with the constraint.
 */
export function fitFusionWeights(examples: readonly FusionExample[], channelNames: readonly string[]): FusionWeights {
  const C = channelNames.length;
  const scale = channelScales(examples, C);
  const penalty = L2 * examples.length;
  const objective = (w: Float64Array) => {
    let nll = 0;
    for (const ex of examples) nll += accumulate(ex, w, scale);
    return nll + penalty * w.reduce((s, x) => s + x * x, 0);
  };
  let w = new Float64Array(C);
  let current = objective(w);
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    const gradient = new Float64Array(C);
    const hessian = new Float64Array(C * C);
    for (const ex of examples) accumulate(ex, w, scale, gradient, hessian);
    for (let c = 0; c < C; c++) {
      gradient[c]! += 2 * penalty * w[c]!;
      hessian[c * C + c]! += 2 * penalty;
    }
    // every channel is a similarity (more is likelier): weights stay ≥ 0. A weight at 0 that the gradient pushes
    // below stays out of the Newton step (projected Newton, Bertsekas).
    const bound = Array.from({ length: C }, (_, c) => w[c]! <= 0 && gradient[c]! > 0);
    const step = freeStep(hessian, gradient, C, bound);
    // damped Newton: halve the step until the objective improves
    const project = (x: number) => Math.max(0, x);
    let t = 1;
    let next = w.map((x, c) => project(x - step[c]!));
    let value = objective(next);
    while (value > current && t > 1e-4) {
      t /= 2;
      next = w.map((x, c) => project(x - t * step[c]!));
      value = objective(next);
    }
    if (value > current) break;
    const improvement = current - value;
    w = next;
    current = value;
    if (improvement < 1e-9 * Math.max(1, current)) break;
  }
  return Object.fromEntries(channelNames.map((name, c) => [name, w[c]! / scale[c]!]));
}

/** The Newton step over the channels not held at their bound (those get 0). */
function freeStep(H: Float64Array, g: Float64Array, n: number, bound: readonly boolean[]): Float64Array {
  const free = [...Array(n).keys()].filter((c) => !bound[c]);
  const m = free.length;
  const Hf = new Float64Array(m * m);
  const gf = new Float64Array(m);
  free.forEach((ci, i) => {
    gf[i] = g[ci]!;
    free.forEach((cj, j) => (Hf[i * m + j] = H[ci * n + cj]!));
  });
  const stepFree = m ? solveSymmetric(Hf, gf, m) : new Float64Array(0);
  const step = new Float64Array(n);
  free.forEach((c, i) => (step[c] = stepFree[i]!));
  return step;
}

/** Standard deviation of each channel over all candidates, so weights are comparable. */
function channelScales(examples: readonly FusionExample[], C: number): Float64Array {
  const scale = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    let n = 0, sum = 0, sum2 = 0;
    for (const ex of examples) {
      for (const x of ex.channels[c]!) {
        n++;
        sum += x;
        sum2 += x * x;
      }
    }
    const variance = n ? sum2 / n - (sum / n) ** 2 : 0;
    scale[c] = variance > 1e-12 ? Math.sqrt(variance) : 1;
  }
  return scale;
}

/**
 * One example's negative log-likelihood (returned) and, when asked, its gradient and Hessian added in
 * (all in standardised units).
 */
function accumulate(ex: FusionExample, w: Float64Array, scale: Float64Array, gradient?: Float64Array, hessian?: Float64Array): number {
  const C = w.length;
  const K = ex.channels[0]?.length ?? 0;
  if (K === 0) return 0;
  const logits = new Float64Array(K);
  for (let c = 0; c < C; c++) {
    const wc = w[c]! / scale[c]!;
    const f = ex.channels[c]!;
    for (let k = 0; k < K; k++) logits[k]! += wc * f[k]!;
  }
  let max = -Infinity;
  for (const l of logits) max = Math.max(max, l);
  let total = 0;
  const p = logits.map((l) => {
    const e = Math.exp(l - max);
    total += e;
    return e;
  });
  for (let k = 0; k < K; k++) p[k]! /= total;
  const nll = Math.log(total) + max - logits[ex.target]!;
  if (!gradient || !hessian) return nll;
  const mean = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    const f = ex.channels[c]!;
    for (let k = 0; k < K; k++) mean[c]! += (p[k]! * f[k]!) / scale[c]!;
    gradient[c]! += mean[c]! - ex.channels[c]![ex.target]! / scale[c]!;
  }
  for (let k = 0; k < K; k++) {
    if (p[k]! < 1e-12) continue;
    for (let c = 0; c < C; c++) {
      const dc = ex.channels[c]![k]! / scale[c]! - mean[c]!;
      for (let d = 0; d <= c; d++) hessian[c * C + d]! += p[k]! * dc * (ex.channels[d]![k]! / scale[d]! - mean[d]!);
    }
  }
  for (let c = 0; c < C; c++) for (let d = 0; d < c; d++) hessian[d * C + c] = hessian[c * C + d]!;
  return nll;
}

/** Solves H x = g for a small symmetric positive definite H (Gaussian elimination with pivoting). */
function solveSymmetric(H: Float64Array, g: Float64Array, n: number): Float64Array {
  const m = Array.from({ length: n }, (_, i) => [...H.slice(i * n, i * n + n), g[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const diag = m[col]![col]! || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const factor = m[r]![col]! / diag;
      for (let k = col; k <= n; k++) m[r]![k]! -= factor * m[col]![k]!;
    }
  }
  return Float64Array.from({ length: n }, (_, i) => m[i]![n]! / (m[i]![i]! || 1e-12));
}
