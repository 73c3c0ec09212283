import { F32_STRIDE_MULTIPLE } from './kernels.js';
import { roundUp, rowBlock, type RowBlock } from './row-block.js';
import { copyRows, forEachRun, type VectorRows } from './vector-rows.js';

/** The rows themselves, shared by a block and the views on it. */
interface Storage {
  block: RowBlock;
  stride: number;
  data: Float32Array;
  query: Float32Array;
  out: Float64Array;
}

/**
 * A row-major float32 matrix (article centroids, whitened means, phrasing embeddings of a small
 * knowledge base) whose dot products with a query run in WebAssembly SIMD. Rows are padded with zeros
 * to a multiple of 16 floats.
 */
export class FloatRows implements VectorRows {
  private constructor(
    readonly count: number,
    readonly dims: number,
    private readonly storage: Storage,
    /** Row i of this view is storage row index[i] (undefined: the identity). */
    private readonly index?: Int32Array,
  ) {}

  static create(count: number, dims: number, options: { simd?: boolean } = {}): FloatRows {
    const stride = roundUp(Math.max(dims, 1), F32_STRIDE_MULTIPLE);
    const block = rowBlock(count * stride * 4, stride * 4, count, options.simd ?? true);
    return new FloatRows(count, dims, {
      block,
      stride,
      data: new Float32Array(block.buffer, 0, count * stride),
      query: new Float32Array(block.buffer, block.queryAt, stride),
      out: new Float64Array(block.buffer, block.outAt, block.outRows),
    });
  }

  /** Packs vectors of `dims` numbers as rows. */
  static of(vectors: readonly ArrayLike<number>[], dims: number, options?: { simd?: boolean }): FloatRows {
    const rows = FloatRows.create(vectors.length, dims, options);
    vectors.forEach((v, r) => rows.set(r, v));
    return rows;
  }

  subset(rows: ArrayLike<number>): FloatRows {
    return new FloatRows(rows.length, this.dims, this.storage, Int32Array.from(rows, (r) => this.physical(r)));
  }

  /** Row i in place (writing to it changes the matrix). */
  view(i: number): Float32Array {
    const at = this.physical(i) * this.storage.stride;
    return this.storage.data.subarray(at, at + this.dims);
  }

  set(i: number, vector: ArrayLike<number>): void {
    const row = this.view(i);
    for (let k = 0; k < this.dims; k++) row[k] = vector[k]!;
  }

  copyRows(source: VectorRows, from: number, count: number, to: number): void {
    copyRows(this, source, from, count, to);
  }

  row(i: number, out: Float32Array = new Float32Array(this.dims)): Float32Array {
    out.set(this.view(i));
    return out;
  }

  addTo(i: number, target: Float64Array): void {
    const row = this.view(i);
    for (let k = 0; k < this.dims; k++) target[k]! += row[k]!;
  }

  dot(query: ArrayLike<number>, out: Float64Array = new Float64Array(this.count), from = 0, to = this.count): Float64Array {
    const s = this.storage;
    const kernels = s.block.kernels;
    for (let k = 0; k < this.dims; k++) s.query[k] = query[k]!;
    forEachRun((i) => this.physical(i), from, to, s.block.outRows, (first, run, at) => {
      if (kernels) kernels.dotF32(first * s.stride * 4, s.block.queryAt, s.block.outAt, run, s.stride);
      else this.dotInJs(first, run);
      out.set(run === s.out.length ? s.out : s.out.subarray(0, run), at);
    });
    return out;
  }

  private dotInJs(first: number, run: number): void {
    const { data, query: q, out, stride } = this.storage;
    const dims = this.dims;
    const end4 = dims - (dims % 4);
    for (let j = 0; j < run; j++) {
      const base = (first + j) * stride;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let k = 0; k < end4; k += 4) {
        s0 += data[base + k]! * q[k]!;
        s1 += data[base + k + 1]! * q[k + 1]!;
        s2 += data[base + k + 2]! * q[k + 2]!;
        s3 += data[base + k + 3]! * q[k + 3]!;
      }
      for (let k = end4; k < dims; k++) s0 += data[base + k]! * q[k]!;
      out[j] = s0 + s1 + s2 + s3;
    }
  }

  private physical(i: number): number {
    return this.index ? this.index[i]! : i;
  }
}
