/** The little dense linear algebra the supervised layer needs (row-major Float64Array matrices). */

/** Lower Cholesky factor L of a symmetric positive definite d×d matrix (M = L·Lᵀ). */
export function cholesky(m: Float64Array, d: number): Float64Array {
  const L = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    const ri = i * d;
    for (let j = 0; j <= i; j++) {
      const rj = j * d;
      let s = m[ri + j]!;
      for (let k = 0; k < j; k++) s -= L[ri + k]! * L[rj + k]!;
      L[ri + j] = i === j ? Math.sqrt(Math.max(s, 1e-12)) : s / L[rj + j]!;
    }
  }
  return L;
}

/** Solves (L·Lᵀ) x = b. */
export function choleskySolve(L: Float64Array, d: number, b: ArrayLike<number>): Float64Array {
  const y = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= L[i * d + k]! * y[k]!;
    y[i] = s / L[i * d + i]!;
  }
  const x = new Float64Array(d);
  for (let i = d - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < d; k++) s -= L[k * d + i]! * x[k]!;
    x[i] = s / L[i * d + i]!;
  }
  return x;
}

/**
 * Ledoit–Wolf shrunk covariance of already-centred rows: the sample covariance pulled towards a
 * scaled identity by the amount that minimises expected error. No tuning knob, and always invertible.
 */
export function ledoitWolfCovariance(rows: Iterable<ArrayLike<number>>, d: number): { covariance: Float64Array; shrinkage: number } {
  // `rows` is read twice, in order; it may make each row on the fly (the LDA scorer does, to save memory)
  let count = 0;
  const S = new Float64Array(d * d);
  for (const x of rows) {
    count++;
    for (let i = 0; i < d; i++) {
      const xi = x[i]!;
      const ri = i * d;
      for (let j = 0; j <= i; j++) S[ri + j]! += xi * x[j]!;
    }
  }
  const n = Math.max(1, count);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      S[i * d + j]! /= n;
      S[j * d + i] = S[i * d + j]!;
    }
  }
  let trace = 0;
  for (let i = 0; i < d; i++) trace += S[i * d + i]!;
  const mu = trace / d;
  let frobenius2 = 0;
  for (let i = 0; i < d * d; i++) frobenius2 += S[i]! * S[i]!;
  let fourth = 0;
  for (const x of rows) {
    let s = 0;
    for (let i = 0; i < d; i++) s += x[i]! * x[i]!;
    fourth += s * s;
  }
  const delta = (frobenius2 - 2 * mu * trace + d * mu * mu) / d;
  const beta = Math.min((fourth / n - frobenius2) / (d * n), delta);
  const shrinkage = delta <= 0 ? 1 : Math.max(0, beta / delta);
  const covariance = new Float64Array(d * d);
  for (let i = 0; i < d * d; i++) covariance[i] = (1 - shrinkage) * S[i]!;
  for (let i = 0; i < d; i++) covariance[i * d + i]! += shrinkage * mu;
  return { covariance, shrinkage };
}
