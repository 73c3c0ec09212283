/**
 * Just enough of the WebAssembly binary format to write the matcher's few SIMD kernels by hand:
 * one module, one imported memory, exported functions over i32 parameters. Kept tiny on purpose (no
 * toolchain, no dependency); `WebAssembly.validate` and the kernel tests check what it produces.
 */

export type Bytes = number[];

/** Unsigned LEB128. */
export function uleb(value: number): Bytes {
  const out: Bytes = [];
  let n = value >>> 0;
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
}

/** Signed LEB128 (i32 constants). */
export function sleb(value: number): Bytes {
  const out: Bytes = [];
  let n = value | 0;
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(byte & 0x40)) || (n === -1 && byte & 0x40)) return [...out, byte];
    out.push(byte | 0x80);
  }
}

const name = (text: string): Bytes => [...uleb(text.length), ...Buffer.from(text, 'utf8')];
const vector = (items: readonly Bytes[]): Bytes => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: Bytes): Bytes => [id, ...uleb(body.length), ...body];

export const I32 = 0x7f;
export const V128 = 0x7b;

/** The instructions the kernels use (numeric opcodes from the WebAssembly 2.0 spec, SIMD ones after the 0xfd prefix). */
export const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  br: (depth: number) => [0x0c, ...uleb(depth)],
  brIf: (depth: number) => [0x0d, ...uleb(depth)],
  get: (local: number) => [0x20, ...uleb(local)],
  set: (local: number) => [0x21, ...uleb(local)],
  tee: (local: number) => [0x22, ...uleb(local)],
  i32Const: (value: number) => [0x41, ...sleb(value)],
  i32Add: [0x6a],
  i32Shl: [0x74],
  i32LtU: [0x49],
  i32GeU: [0x4f],
  f32Add: [0x92],
  f64ConvertI32S: [0xb7],
  f64PromoteF32: [0xbb],
  /** f64.store with 8-byte alignment, no offset. */
  f64Store: [0x39, 3, 0],
  v128Load: (offset: number) => simd(0x00, 4, ...uleb(offset)),
  /** Eight signed bytes widened to eight i16 lanes. */
  v128Load8x8S: (offset: number) => simd(0x01, 3, ...uleb(offset)),
  v128Zero: simd(0x0c, ...new Array<number>(16).fill(0)),
  i32x4ExtractLane: (lane: number) => simd(0x1b, lane),
  f32x4ExtractLane: (lane: number) => simd(0x1f, lane),
  i32x4Add: simd(0xae),
  /** Pairwise i16 products summed into four i32 lanes. */
  i32x4DotI16x8S: simd(0xba),
  f32x4Add: simd(0xe4),
  f32x4Mul: simd(0xe6),
} as const;

function simd(code: number, ...immediates: number[]): Bytes {
  return [0xfd, ...uleb(code), ...immediates];
}

export interface WasmFunction {
  name: string;
  /** Number of i32 parameters. */
  params: number;
  /** Extra locals as [count, type] groups, numbered after the parameters. */
  locals: ReadonlyArray<readonly [number, number]>;
  body: Bytes;
}

/** A module importing `env.memory` and exporting each function (all `(i32 …) -> ()`). */
export function wasmModule(functions: readonly WasmFunction[]): Uint8Array {
  const types = functions.map((f) => [0x60, ...vector(new Array<Bytes>(f.params).fill([I32])), 0]);
  const memoryImport = [...name('env'), ...name('memory'), 0x02, 0x00, 0x01];
  const exports = functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]);
  const code = functions.map((f) => {
    const body = [...vector(f.locals.map(([count, type]) => [...uleb(count), type])), ...f.body, ...op.end];
    return [...uleb(body.length), ...body];
  });
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector(types)),
    ...section(2, vector([memoryImport])),
    ...section(3, vector(functions.map((_, i) => uleb(i)))),
    ...section(7, vector(exports)),
    ...section(10, vector(code)),
  ]);
}
