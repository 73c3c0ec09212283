import { simdKernels, wasmMemory, type Kernels } from './kernels.js';

/**
 * One block of memory laid out as [rows | query scratch | output scratch]: WebAssembly memory when the
 * runtime has SIMD (so the kernels read the rows in place, never copied), a plain ArrayBuffer otherwise.
 * Its size is fixed at creation, so views on it stay valid.
 */
export interface RowBlock {
  buffer: ArrayBuffer;
  kernels: Kernels | undefined;
  /** Byte offsets; rows start at 0. */
  queryAt: number;
  outAt: number;
  /** Output scratch capacity in rows (float64 each). */
  outRows: number;
}

/** Rows per kernel call at most: bounds the output scratch whatever the row count. */
export const OUT_CHUNK = 16_384;

export function rowBlock(rowBytes: number, queryBytes: number, rows: number, useSimd = true): RowBlock {
  const queryAt = align(rowBytes);
  const outAt = align(queryAt + queryBytes);
  const outRows = Math.max(1, Math.min(rows, OUT_CHUNK));
  const total = outAt + outRows * 8;
  const memory = useSimd ? wasmMemory(total) : undefined;
  const kernels = memory && simdKernels(memory);
  if (memory && kernels) return { buffer: memory.buffer, kernels, queryAt, outAt, outRows };
  return { buffer: new ArrayBuffer(total), kernels: undefined, queryAt, outAt, outRows };
}

/** Rounds a byte offset up to 16 (v128 alignment). */
const align = (bytes: number) => Math.ceil(bytes / 16) * 16;

/** Smallest multiple of `m` that is ≥ n. */
export const roundUp = (n: number, m: number) => Math.ceil(n / m) * m;
