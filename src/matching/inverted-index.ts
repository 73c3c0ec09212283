import type { SparseVector } from './sparse.js';
import { packSparse, SparseRows } from './sparse-rows.js';

/**
 * Term → (row, weight) postings in one compressed block (CSR), so a query's dot product with every row
 * touches only rows that share a term with it. Memory is one int + one float per non-zero.
 */
export class InvertedIndex {
  private readonly offsets: Int32Array;
  private readonly rows: Int32Array;
  private readonly weights: Float32Array;

  constructor(vectors: SparseRows | readonly SparseVector[], dimensions: number) {
    const { offsets: rowStart, indices, values } = vectors instanceof SparseRows ? vectors : packSparse(vectors);
    const counts = new Int32Array(dimensions + 1);
    for (const t of indices) counts[t + 1]!++;
    for (let t = 0; t < dimensions; t++) counts[t + 1]! += counts[t]!;
    this.offsets = counts;
    const nnz = counts[dimensions]!;
    this.rows = new Int32Array(nnz);
    this.weights = new Float32Array(nnz);
    const cursor = counts.slice(0, dimensions);
    for (let row = 0; row + 1 < rowStart.length; row++) {
      for (let i = rowStart[row]!; i < rowStart[row + 1]!; i++) {
        const at = cursor[indices[i]!]!++;
        this.rows[at] = row;
        this.weights[at] = values[i]!;
      }
    }
  }

  get rowCount(): number {
    return this.rows.length;
  }

  /**
   * out[row] += query · row, for every row sharing a term with the query. Terms found in more than
   * `maxPostings` rows are skipped: in a large index such near-ubiquitous terms (common character
   * n-grams) cost most of the time while barely changing the ranking.
   */
  accumulate(query: SparseVector, out: Float64Array, maxPostings = Infinity): void {
    for (let i = 0; i < query.indices.length; i++) {
      const t = query.indices[i]!;
      const q = query.values[i]!;
      const start = this.offsets[t]!;
      const end = this.offsets[t + 1]!;
      if (end - start > maxPostings) continue;
      for (let p = start; p < end; p++) out[this.rows[p]!]! += q * this.weights[p]!;
    }
  }
}
