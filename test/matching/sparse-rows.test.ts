import { describe, expect, it } from 'vitest';
import { random } from '../../src/bench/synthetic.js';
import { InvertedIndex } from '../../src/matching/inverted-index.js';
import { centroid, toSparse, type SparseVector } from '../../src/matching/sparse.js';
import { groupCentroids, packSparse, SparseRowsBuilder } from '../../src/matching/sparse-rows.js';

const randomSparse = (next: () => number, dims: number): SparseVector => {
  const weights = new Map<number, number>();
  for (let i = 0; i < 1 + Math.floor(next() * 6); i++) weights.set(Math.floor(next() * dims), 0.1 + next());
  return toSparse(weights);
};

describe('SparseRows', () => {
  const next = random(11);
  const vectors = Array.from({ length: 40 }, () => randomSparse(next, 30));

  it('packs rows and gives each back unchanged, across growth of its arrays', () => {
    const builder = new SparseRowsBuilder();
    const many = Array.from({ length: 400 }, () => vectors[Math.floor(next() * vectors.length)]!);
    for (const v of many) builder.push(v);
    const rows = builder.build();
    expect(rows.count).toBe(400);
    many.forEach((v, r) => {
      expect([...rows.row(r).indices]).toEqual([...v.indices]);
      expect([...rows.row(r).values]).toEqual([...v.values]);
    });
  });

  it('computes each group centroid exactly as centroid() does', () => {
    const groups = Int32Array.from([0, 3, 3, 10, 40]); // one group empty
    const packed = groupCentroids(packSparse(vectors), groups, 30);
    for (let g = 0; g < 4; g++) {
      const expected = centroid(vectors.slice(groups[g], groups[g + 1]));
      expect([...packed.row(g).indices]).toEqual([...expected.indices]);
      expect([...packed.row(g).values]).toEqual([...expected.values]);
    }
  });

  it('indexes packed rows and vector lists alike', () => {
    const query = randomSparse(next, 30);
    const fromRows = new Float64Array(40);
    const fromList = new Float64Array(40);
    new InvertedIndex(packSparse(vectors), 30).accumulate(query, fromRows);
    new InvertedIndex(vectors, 30).accumulate(query, fromList);
    expect([...fromRows]).toEqual([...fromList]);
    const dots = vectors.map((v) => {
      let s = 0;
      v.indices.forEach((t, i) => {
        const j = query.indices.indexOf(t);
        if (j >= 0) s += v.values[i]! * query.values[j]!;
      });
      return s;
    });
    dots.forEach((d, r) => expect(fromRows[r]).toBeCloseTo(d, 6));
  });
});
