import { describe, expect, it } from 'vitest';
import { random } from '../../src/bench/synthetic.js';
import { FloatRows } from '../../src/matching/simd/float-rows.js';
import { Int8Rows } from '../../src/matching/simd/int8-rows.js';
import { articleVectors, INT8_ABOVE_ARTICLES, INT8_ABOVE_PHRASINGS, phrasingVectors } from '../../src/matching/simd/storage.js';
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
    const kernelsOf = (rows: unknown) => (rows as { storage: { block: { kernels: unknown } } }).storage.block.kernels;
    expect(kernelsOf(FloatRows.of([[1, 2]], 2))).toBeDefined();
    expect(kernelsOf(Int8Rows.of([[1, 2]], 2))).toBeDefined();
    expect(kernelsOf(FloatRows.of([[1, 2]], 2, { simd: false }))).toBeUndefined();
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

const unit = (v: Float32Array) => {
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
};

describe('Int8Rows', () => {
  for (const simd of [true, false]) {
    it(`keeps cosines of unit vectors within 0.002 of float32 (${simd ? 'WebAssembly SIMD' : 'JavaScript'})`, () => {
      const vectors = randomVectors(200, 512, 5).map(unit);
      const rows = Int8Rows.of(vectors, 512, { simd });
      const query = unit(randomVectors(1, 512, 6)[0]!);
      const out = rows.dot(query);
      vectors.forEach((v, r) => expect(Math.abs(out[r]! - naiveDot(v, query))).toBeLessThan(0.002));
    });
  }

  it('gives the same sums on SIMD and in JavaScript, for dimensions that are not a multiple of 32', () => {
    const vectors = randomVectors(50, 45, 7);
    const [query] = randomVectors(1, 45, 8);
    expect([...Int8Rows.of(vectors, 45).dot(query!)]).toEqual([...Int8Rows.of(vectors, 45, { simd: false }).dot(query!)]);
  });

  it('dequantises rows and adds them up close to the originals', () => {
    const vectors = randomVectors(3, 64, 9);
    const rows = Int8Rows.of(vectors, 64);
    const sum = new Float64Array(64);
    rows.addTo(1, sum);
    rows.addTo(1, sum);
    vectors[1]!.forEach((x, k) => {
      expect(rows.row(1)[k]).toBeCloseTo(x, 2);
      expect(sum[k]).toBeCloseTo(2 * x, 2);
    });
  });

});

describe.each([
  ['FloatRows', (v: Float32Array[]) => FloatRows.of(v, 32)],
  ['Int8Rows', (v: Float32Array[]) => Int8Rows.of(v, 32)],
] as const)('%s views and copies', (_, pack) => {
  const basis = Array.from({ length: 6 }, (_, r) => Float32Array.from({ length: 32 }, (_, k) => (k === r ? 1 : 0)));
  const query = Float32Array.from({ length: 32 }, (_, k) => k);
  const rounded = (out: Float64Array) => [...out].map((x) => Number(x.toFixed(5)));

  it('views a subset of rows without copying them', () => {
    const rows = pack(basis);
    const view = rows.subset([5, 1, 2]);
    expect(rounded(view.dot(query))).toEqual([5, 1, 2]);
    expect(rounded(view.dot(query, new Float64Array(2), 1, 3))).toEqual([1, 2]);
    expect(rounded(view.subset([2, 0]).dot(query))).toEqual([2, 5]);
    rows.set(5, basis[3]!);
    expect(rounded(view.dot(query))).toEqual([3, 1, 2]);
  });

  it('copies rows from a view of either storage', () => {
    for (const source of [FloatRows.of(basis, 32).subset([5, 1, 2]), Int8Rows.of(basis, 32).subset([5, 1, 2])]) {
      const copy = pack(basis.slice(0, 4).map(() => new Float32Array(32)));
      copy.copyRows(source, 0, 3, 1);
      expect(rounded(copy.dot(query))).toEqual([0, 5, 1, 2]);
    }
  });
});

describe('vector storage', () => {
  it('stores vectors exactly in small knowledge bases and as int8 in large ones', () => {
    expect(phrasingVectors(INT8_ABOVE_PHRASINGS, 8)).toBeInstanceOf(FloatRows);
    expect(phrasingVectors(INT8_ABOVE_PHRASINGS + 1, 8)).toBeInstanceOf(Int8Rows);
    expect(articleVectors(INT8_ABOVE_ARTICLES, 8)).toBeInstanceOf(FloatRows);
    expect(articleVectors(INT8_ABOVE_ARTICLES + 1, 8)).toBeInstanceOf(Int8Rows);
  });
});
