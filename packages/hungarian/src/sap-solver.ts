/**
 * The 'sap' solver: SciPy's reduction of a rectangular problem to the
 * "every row assigned" case, around the shortest-augmenting-path cores.
 *
 * Impl file: assumes a validated matrix (entries finite or +Infinity).
 */
import { ConfigError, type Matrix } from '@mot/core';
import { shortestAugmentingPathWasm } from './shortest-augmenting-path-wasm.js';
import { shortestAugmentingPathForbidden } from './shortest-augmenting-path-forbidden.js';

/** Pairs of a solved assignment: `rows[k]` is assigned `cols[k]`, rows ascending. */
export interface AssignmentResult {
  readonly rows: Int32Array;
  readonly cols: Int32Array;
}

/**
 * Solves a validated cost matrix with the shortest-augmenting-path cores.
 * @returns pairs sorted by row; forbidden (+Infinity) pairs are left out
 * @throws ConfigError when finite costs are so large that path costs overflow
 */
export function solveSap(cost: Matrix): AssignmentResult {
  const { rows: nr0, cols: nc0, data } = cost;
  if (nr0 === 0 || nc0 === 0) return { rows: new Int32Array(0), cols: new Int32Array(0) };

  // A tall matrix is solved transposed so that every (short-side) row can be
  // given a column; SciPy does the same, which fixes its tie-breaking.
  const transpose = nc0 < nr0;
  const nr = transpose ? nc0 : nr0;
  const nc = transpose ? nr0 : nc0;
  let work = data;
  if (transpose) {
    work = new Float64Array(nr * nc);
    for (let i = 0; i < nr0; i++) {
      const base = i * nc0;
      for (let j = 0; j < nc0; j++) work[j * nr0 + i] = data[base + j];
    }
  }

  let forbidden = false;
  for (let k = 0; k < work.length; k++) {
    if (work[k] === Infinity) {
      forbidden = true;
      break;
    }
  }

  // Without forbidden pairs (the common case, and the large one) the core
  // runs in WebAssembly; shortest-augmenting-path.ts is the same algorithm in
  // TypeScript, kept as its readable reference and checked against it.
  const col4row = new Int32Array(nr);
  const ok = forbidden
    ? shortestAugmentingPathForbidden(nr, nc, work, col4row)
    : shortestAugmentingPathWasm(nr, nc, work, col4row);
  if (!ok) {
    throw new ConfigError('linearSumAssignment: cost entries must be small enough for path sums to stay finite, got an overflow to Infinity');
  }

  // Pairs in original orientation, sorted by original row. When transposed,
  // the solved rows are original columns and col4row holds original rows,
  // all distinct, so a placement by row replaces SciPy's argsort.
  const colOf = new Int32Array(nr0).fill(-1);
  if (transpose) for (let t = 0; t < nr; t++) colOf[col4row[t]] = t;
  else colOf.set(col4row);
  let n = 0;
  for (let i = 0; i < nr0; i++) if (colOf[i] >= 0 && data[i * nc0 + colOf[i]] !== Infinity) n++;
  const rows = new Int32Array(n);
  const cols = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < nr0; i++) {
    const j = colOf[i];
    if (j >= 0 && data[i * nc0 + j] !== Infinity) {
      rows[k] = i;
      cols[k] = j;
      k++;
    }
  }
  return { rows, cols };
}
