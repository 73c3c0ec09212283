import { op, V128, I32, wasmModule, type Bytes, type WasmFunction } from './wasm-binary.js';

/**
 * The two loops most of a hybrid match at scale spends its time in: the question's embedding against
 * every row of a matrix. In WebAssembly with 128-bit SIMD they run 7× (float32) and 18× (int8)
 * faster than the same loop in JavaScript on one core.
 *
 * Both take byte addresses in the imported memory: `(rows, query, out, count, stride)`, and write
 * `out[r] = rows[r] · query` as float64 for `count` consecutive rows.
 *   - dotF32: float32 rows and query; `stride` (floats per row) is a multiple of 16.
 *   - dotI8: int8 rows, int16 query; `stride` (bytes per row) is a multiple of 32; exact integer sums.
 */
export const F32_STRIDE_MULTIPLE = 16;
export const I8_STRIDE_MULTIPLE = 32;

// parameters, then locals
const ROWS = 0, QUERY = 1, OUT = 2, COUNT = 3, STRIDE = 4;
const R = 5, Q = 6, Q_END = 7, ACC = 8; // ACC … ACC+3: four v128 accumulators

/**
 * for r in 0..count: acc = 0; for q in query..queryEnd step 4 vectors: acc += step(rows, q); out[r] = Σ lanes(acc).
 * `shift` turns the stride into the query's byte length; `rowStep`/`queryStep` are bytes per inner iteration.
 */
function rowDots(accumulate: (lane: number) => Bytes, sumLanes: Bytes, shift: number, rowStep: number): Bytes {
  return [
    ...op.block, ...op.loop,
    ...op.get(R), ...op.get(COUNT), ...op.i32GeU, ...op.brIf(1),
    ...op.v128Zero, ...op.tee(ACC), ...op.tee(ACC + 1), ...op.tee(ACC + 2), ...op.set(ACC + 3),
    ...op.get(QUERY), ...op.set(Q),
    ...op.get(QUERY), ...op.get(STRIDE), ...op.i32Const(shift), ...op.i32Shl, ...op.i32Add, ...op.set(Q_END),
    ...op.loop,
    ...[0, 1, 2, 3].flatMap(accumulate),
    ...op.get(ROWS), ...op.i32Const(rowStep), ...op.i32Add, ...op.set(ROWS),
    ...op.get(Q), ...op.i32Const(64), ...op.i32Add, ...op.tee(Q), ...op.get(Q_END), ...op.i32LtU, ...op.brIf(0),
    ...op.end,
    ...op.get(OUT), ...sumLanes, ...op.f64Store,
    ...op.get(OUT), ...op.i32Const(8), ...op.i32Add, ...op.set(OUT),
    ...op.get(R), ...op.i32Const(1), ...op.i32Add, ...op.set(R),
    ...op.br(0),
    ...op.end, ...op.end,
  ];
}

const LOCALS = [[3, I32], [4, V128]] as const;

const dotF32: WasmFunction = {
  name: 'dotF32',
  params: 5,
  locals: LOCALS,
  body: rowDots(
    // acc[j] += rows[16j … 16j+15 bytes] * query[same]
    (j) => [...op.get(ACC + j), ...op.get(ROWS), ...op.v128Load(16 * j), ...op.get(Q), ...op.v128Load(16 * j), ...op.f32x4Mul, ...op.f32x4Add, ...op.set(ACC + j)],
    [
      ...op.get(ACC), ...op.get(ACC + 1), ...op.f32x4Add, ...op.get(ACC + 2), ...op.get(ACC + 3), ...op.f32x4Add, ...op.f32x4Add, ...op.tee(ACC),
      ...op.f32x4ExtractLane(0), ...op.get(ACC), ...op.f32x4ExtractLane(1), ...op.f32Add,
      ...op.get(ACC), ...op.f32x4ExtractLane(2), ...op.f32Add, ...op.get(ACC), ...op.f32x4ExtractLane(3), ...op.f32Add,
      ...op.f64PromoteF32,
    ],
    2,
    64,
  ),
};

const dotI8: WasmFunction = {
  name: 'dotI8',
  params: 5,
  locals: LOCALS,
  body: rowDots(
    // acc[j] += dot(widen(rows[8j … 8j+7]), query[8j … 8j+7])
    (j) => [...op.get(ACC + j), ...op.get(ROWS), ...op.v128Load8x8S(8 * j), ...op.get(Q), ...op.v128Load(16 * j), ...op.i32x4DotI16x8S, ...op.i32x4Add, ...op.set(ACC + j)],
    [
      ...op.get(ACC), ...op.get(ACC + 1), ...op.i32x4Add, ...op.get(ACC + 2), ...op.get(ACC + 3), ...op.i32x4Add, ...op.i32x4Add, ...op.tee(ACC),
      ...op.i32x4ExtractLane(0), ...op.get(ACC), ...op.i32x4ExtractLane(1), ...op.i32Add,
      ...op.get(ACC), ...op.i32x4ExtractLane(2), ...op.i32Add, ...op.get(ACC), ...op.i32x4ExtractLane(3), ...op.i32Add,
      ...op.f64ConvertI32S,
    ],
    1,
    32,
  ),
};

export type RowDots = (rows: number, query: number, out: number, count: number, stride: number) => void;
export interface Kernels {
  dotF32: RowDots;
  dotI8: RowDots;
}

/** The part of the WebAssembly JS API used here (TypeScript's libraries without the DOM do not declare it). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => WasmMemory;
}
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

let compiled: object | null | undefined;

/** A fixed-size WebAssembly memory of at least `bytes`, or undefined when this runtime has no WebAssembly. */
export function wasmMemory(bytes: number): WasmMemory | undefined {
  return wasm ? new wasm.Memory({ initial: Math.ceil(bytes / 65_536) }) : undefined;
}

/** The kernels bound to `memory`, or undefined when this runtime has no WebAssembly SIMD (callers then loop in JS). */
export function simdKernels(memory: WasmMemory): Kernels | undefined {
  if (compiled === undefined) {
    const bytes = wasmModule([dotF32, dotI8]);
    compiled = wasm?.validate(bytes) ? new wasm.Module(bytes) : null;
  }
  if (!compiled || !wasm) return undefined;
  const { exports } = new wasm.Instance(compiled, { env: { memory } });
  return { dotF32: exports.dotF32 as RowDots, dotI8: exports.dotI8 as RowDots };
}
