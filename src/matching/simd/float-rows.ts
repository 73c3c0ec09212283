import { F32_STRIDE_MULTIPLE } from './kernels.js';
import { roundUp, rowBlock, type RowBlock } from './row-block.js';

/**
 * A row-major float32 matrix (article centroids, whitened means) whose dot products with a query run
 * in WebAssembly SIMD. Rows are padded with zeros to a multiple of 16 floats.
 */
export class FloatRows {
  readonly stride: number;
  private readonly block: RowBlock;
  /** All rows, padding included. */
  private readonly data: Float32Array;
  private readonly query: Float32Array;
  private readonly out: Float64Array;

  constructor(
    readonly count: number,
    readonly dims: number,
    options: { simd?: boolean } = {},
  ) {
    this.stride = roundUp(Math.max(dims, 1), F32_STRIDE_MULTIPLE);
    this.block = rowBlock(count * this.stride * 4, this.stride * 4, count, options.simd ?? true);
    this.data = new Float32Array(this.block.buffer, 0, count * this.stride);
    this.query = new Float32Array(this.block.buffer, this.block.queryAt, this.stride);
    this.out = new Float64Array(this.block.buffer, this.block.outAt, this.block.outRows);
  }

  /** Packs vectors of `dims` numbers as rows. */
  static of(vectors: readonly ArrayLike<number>[], dims: number, options?: { simd?: boolean }): FloatRows {
    const rows = new FloatRows(vectors.length, dims, options);
    vectors.forEach((v, r) => rows.row(r).set(v));
    return rows;
  }

  /** Row r (a view: writing to it changes the matrix). */
  row(r: number): Float32Array {
    return this.data.subarray(r * this.stride, r * this.stride + this.dims);
  }

  /** out[r − from] = row r · query for rows from … to − 1 (all rows by default). */
  dot(query: ArrayLike<number>, out = new Float64Array(this.count), from = 0, to = this.count): Float64Array {
    const kernels = this.block.kernels;
    if (!kernels) return this.dotInJs(query, out, from, to);
    this.query.set(query);
    for (let start = from; start < to; start += this.block.outRows) {
      const count = Math.min(this.block.outRows, to - start);
      kernels.dotF32(start * this.stride * 4, this.block.queryAt, this.block.outAt, count, this.stride);
      out.set(count === this.out.length ? this.out : this.out.subarray(0, count), start - from);
    }
    return out;
  }

  private dotInJs(query: ArrayLike<number>, out: Float64Array, from: number, to: number): Float64Array {
    const { data, dims, stride } = this;
    const q = Float32Array.from(query);
    const end4 = dims - (dims % 4);
    for (let r = from; r < to; r++) {
      const base = r * stride;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let k = 0; k < end4; k += 4) {
        s0 += data[base + k]! * q[k]!;
        s1 += data[base + k + 1]! * q[k + 1]!;
        s2 += data[base + k + 2]! * q[k + 2]!;
        s3 += data[base + k + 3]! * q[k + 3]!;
      }
      for (let k = end4; k < dims; k++) s0 += data[base + k]! * q[k]!;
      out[r - from] = s0 + s1 + s2 + s3;
    }
    return out;
  }
}
