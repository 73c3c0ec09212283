import { describe, expect, it } from 'vitest';
import { random } from '../../src/bench/synthetic.js';
import { FloatRows } from '../../src/matching/simd/float-rows.js';
import { OUT_CHUNK } from '../../src/matching/simd/row-block.js';

const randomVectors = (count: number, dims: number, seed: number) => {
  const next = random(seed);
  return Array.from({ length: count }, () => Float32Array.from({ length: dims }, () => next() - 0.5));
};
const naiveDot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k]! * b[k]!;
  return s;
};

describe('FloatRows', () => {
  for (const simd of [true, false]) {
    for (const dims of [512, 37, 1]) {
      it(`multiplies every row by a query (${simd ? 'WebAssembly SIMD' : 'JavaScript'}, ${dims} dimensions)`, () => {
        const vectors = randomVectors(300, dims, dims);
        const rows = FloatRows.of(vectors, dims, { simd });
        const [query] = randomVectors(1, dims, 99);
        const out = rows.dot(query!);
        expect(out).toHaveLength(300);
        vectors.forEach((v, r) => expect(out[r]).toBeCloseTo(naiveDot(v, query!), 4));
      });
    }
  }

  it('runs on SIMD in this runtime (Node 20 has it), so the fast path is the one tested above', () => {
    expect((FloatRows.of([[1, 2]], 2) as unknown as { block: { kernels: unknown } }).block.kernels).toBeDefined();
  });

  it('multiplies a range of rows, and more rows than one kernel call takes', () => {
    const count = OUT_CHUNK + 1000;
    const vectors = Array.from({ length: count }, (_, r) => Float32Array.from({ length: 16 }, (_, k) => (k === r % 16 ? r : 0)));
    const rows = FloatRows.of(vectors, 16);
    const query = Float32Array.from({ length: 16 }, (_, k) => k + 1);
    const all = rows.dot(query);
    expect(all[count - 1]).toBe((count - 1) * (((count - 1) % 16) + 1));
    const part = rows.dot(query, new Float64Array(3), 100, 103);
    expect([...part]).toEqual([100 * 5, 101 * 6, 102 * 7]);
  });
});
