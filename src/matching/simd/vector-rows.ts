/**
 * A packed block of vectors (phrasing embeddings, centroids) as the matcher uses it. Two storages:
 * FloatRows (float32, exact) and Int8Rows (a quarter of the memory, cosines within ~0.002).
 */
export interface VectorRows {
  readonly count: number;
  readonly dims: number;
  /** A view whose row i is this block's row `rows[i]` (shares the rows, copies nothing). */
  subset(rows: ArrayLike<number>): VectorRows;
  /** Stores `vector` as row i. */
  set(i: number, vector: ArrayLike<number>): void;
  /** Copies `count` rows of `source` (same dims) from its row `from` into this block from row `to`. */
  copyRows(source: VectorRows, from: number, count: number, to: number): void;
  /** Row i as float32 (a fresh array, or `out`). */
  row(i: number, out?: Float32Array): Float32Array;
  /** target += row i. */
  addTo(i: number, target: Float64Array): void;
  /** out[i − from] = row i · query for rows from … to − 1 (all rows by default). */
  dot(query: ArrayLike<number>, out?: Float64Array, from?: number, to?: number): Float64Array;
}

/**
 * Calls `each(first, run)` for every run of consecutive stored rows among view rows from … to − 1,
 * at most `maxRun` long: a whole range is one run unless the view skips rows.
 */
export function forEachRun(physical: (i: number) => number, from: number, to: number, maxRun: number, each: (first: number, run: number, at: number) => void): void {
  for (let i = from; i < to; ) {
    const first = physical(i);
    let run = 1;
    while (i + run < to && run < maxRun && physical(i + run) === first + run) run++;
    each(first, run, i - from);
    i += run;
  }
}

/** Copies rows between blocks of any storage (through float32 when they differ). */
export function copyRows(target: VectorRows, source: VectorRows, from: number, count: number, to: number): void {
  const scratch = new Float32Array(source.dims);
  for (let i = 0; i < count; i++) target.set(to + i, source.row(from + i, scratch));
}
