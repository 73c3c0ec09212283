import { I8_STRIDE_MULTIPLE } from './kernels.js';
import { roundUp, rowBlock, type RowBlock } from './row-block.js';
import { copyRows, forEachRun, type VectorRows } from './vector-rows.js';

/** The rows themselves, shared by a block and the views on it (training folds). */
interface Storage {
  block: RowBlock;
  stride: number;
  data: Int8Array;
  scales: Float32Array;
  query: Int16Array;
  out: Float64Array;
}

/**
 * Vectors stored as int8 with one scale per row (the row's largest |component| maps to 127): a quarter
 * of float32's memory, which is what keeps 100,000+ phrasing embeddings affordable. A cosine computed
 * from them is within about 0.002 of the float32 one. Dot products with a query run in WebAssembly
 * SIMD (the query is scaled to int16, so the sums are exact integers).
 *
 * A view (`subset`) shares the rows of its parent under new row numbers, without copying them.
 */
export class Int8Rows implements VectorRows {
  private constructor(
    readonly count: number,
    readonly dims: number,
    private readonly storage: Storage,
    /** Row i of this view is storage row index[i] (undefined: the identity). */
    private readonly index?: Int32Array,
  ) {}

  static create(count: number, dims: number, options: { simd?: boolean } = {}): Int8Rows {
    const stride = roundUp(Math.max(dims, 1), I8_STRIDE_MULTIPLE);
    const block = rowBlock(count * stride, stride * 2, count, options.simd ?? true);
    const scales = new Float32Array(count);
    const storage: Storage = {
      block,
      stride,
      data: new Int8Array(block.buffer, 0, count * stride),
      scales,
      query: new Int16Array(block.buffer, block.queryAt, stride),
      out: new Float64Array(block.buffer, block.outAt, block.outRows),
    };
    return new Int8Rows(count, dims, storage);
  }

  /** Packs vectors (each of `dims` numbers). */
  static of(vectors: readonly ArrayLike<number>[], dims: number, options?: { simd?: boolean }): Int8Rows {
    const rows = Int8Rows.create(vectors.length, dims, options);
    vectors.forEach((v, i) => rows.set(i, v));
    return rows;
  }

  /** A view whose row i is this view's row `rows[i]`. */
  subset(rows: ArrayLike<number>): Int8Rows {
    const index = Int32Array.from(rows, (r) => this.physical(r));
    return new Int8Rows(index.length, this.dims, this.storage, index);
  }

  /** Stores `vector` as row i. */
  set(i: number, vector: ArrayLike<number>): void {
    const { data, scales, stride } = this.storage;
    const at = this.physical(i);
    let max = 0;
    for (let k = 0; k < this.dims; k++) max = Math.max(max, Math.abs(vector[k]!));
    const scale = max / 127;
    scales[at] = scale;
    const base = at * stride;
    for (let k = 0; k < this.dims; k++) data[base + k] = scale > 0 ? Math.round(vector[k]! / scale) : 0;
  }

  /** Copies `count` rows of `source` starting at its row `from` into this block from row `to` (exactly, from another Int8Rows). */
  copyRows(source: VectorRows, from: number, count: number, to: number): void {
    if (!(source instanceof Int8Rows)) return copyRows(this, source, from, count, to);
    const s = source.storage, d = this.storage;
    for (let i = 0; i < count; i++) {
      const src = source.physical(from + i);
      const dst = this.physical(to + i);
      d.data.set(s.data.subarray(src * s.stride, src * s.stride + this.dims), dst * d.stride);
      d.scales[dst] = s.scales[src]!;
    }
  }

  /** Row i as float32 (dequantised). */
  row(i: number, out: Float32Array = new Float32Array(this.dims)): Float32Array {
    const { data, scales, stride } = this.storage;
    const at = this.physical(i);
    const scale = scales[at]!;
    for (let k = 0; k < this.dims; k++) out[k] = data[at * stride + k]! * scale;
    return out;
  }

  /** target += row i (dequantised). */
  addTo(i: number, target: Float64Array): void {
    const { data, scales, stride } = this.storage;
    const at = this.physical(i);
    const scale = scales[at]!;
    for (let k = 0; k < this.dims; k++) target[k]! += data[at * stride + k]! * scale;
  }

  /** out[i − from] ≈ row i · query for rows from … to − 1. */
  dot(query: ArrayLike<number>, out: Float64Array = new Float64Array(this.count), from = 0, to = this.count): Float64Array {
    const s = this.storage;
    const queryScale = this.loadQuery(query);
    const kernels = s.block.kernels;
    forEachRun((i) => this.physical(i), from, to, s.block.outRows, (first, run, at) => {
      if (kernels) kernels.dotI8(first * s.stride, s.block.queryAt, s.block.outAt, run, s.stride);
      else this.dotInJs(first, run);
      for (let j = 0; j < run; j++) out[at + j] = s.out[j]! * s.scales[first + j]! * queryScale;
    });
    return out;
  }

  /** Writes the query as int16 into the scratch area; returns the factor back to its units. */
  private loadQuery(query: ArrayLike<number>): number {
    const { query: q, stride } = this.storage;
    let max = 0;
    for (let k = 0; k < this.dims; k++) max = Math.max(max, Math.abs(query[k]!));
    // the largest integer the int32 sums cannot overflow with: 127 · limit · stride < 2³¹
    const limit = Math.min(32_767, Math.floor(0x7fffffff / (127 * stride)));
    const scale = max / limit;
    for (let k = 0; k < this.dims; k++) q[k] = scale > 0 ? Math.round(query[k]! / scale) : 0;
    return scale;
  }

  private dotInJs(first: number, run: number): void {
    const { data, query, out, stride } = this.storage;
    for (let j = 0; j < run; j++) {
      const base = (first + j) * stride;
      let sum = 0;
      for (let k = 0; k < this.dims; k++) sum += data[base + k]! * query[k]!;
      out[j] = sum;
    }
  }

  private physical(i: number): number {
    return this.index ? this.index[i]! : i;
  }
}
