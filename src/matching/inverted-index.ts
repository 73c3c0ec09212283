import type { SparseVector } from './sparse.js';
import { SparseRows } from './sparse-rows.js';

/**
 * Term → (row, weight) postings in one compressed block (CSR), so a query's dot product with every row
 * touches only rows that share a term with it. Memory is one int + one float per non-zero.
 */
export class InvertedIndex {
  private readonly offsets: Int32Array;
  private readonly rows: Int32Array;
  private readonly weights: Float32Array;

  constructor(vectors: SparseRows | readonly SparseVector[], dimensions: number) {
    // either storage is read as-is (a list is not packed first: that would hold a second copy)
    const rowCount = vectors instanceof SparseRows ? vectors.count : vectors.length;
    const rowAt = vectors instanceof SparseRows ? (r: number) => vectors.row(r) : (r: number) => vectors[r]!;
    const counts = new Int32Array(dimensions + 1);
    for (let r = 0; r < rowCount; r++) for (const t of rowAt(r).indices) counts[t + 1]!++;
    for (let t = 0; t < dimensions; t++) counts[t + 1]! += counts[t]!;
    this.offsets = counts;
    const nnz = counts[dimensions]!;
    this.rows = new Int32Array(nnz);
    this.weights = new Float32Array(nnz);
    const cursor = counts.slice(0, dimensions);
    for (let row = 0; row < rowCount; row++) {
      const { indices, values } = rowAt(row);
      for (let i = 0; i < indices.length; i++) {
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
