/**
 * The 'sap' solver: SciPy's reduction of a rectangular problem to the
 * "every row assigned" case, around the shortest-augmenting-path cores.
 *
 * Impl file: assumes a matrix of valid shape; checks its entries itself.
 */
import { ConfigError, type Matrix } from '@mot/core';
import { validateCostEntries } from './cost-validation.js';
import { sapCostBuffer, sapScanCost, sapSolve } from './shortest-augmenting-path-wasm.js';
import { shortestAugmentingPathForbidden } from './shortest-augmenting-path-forbidden.js';

/** Pairs of a solved assignment: `rows[k]` is assigned `cols[k]`, rows ascending. */
export interface AssignmentResult {
  readonly rows: Int32Array;
  readonly cols: Int32Array;
}

/**
 * Solves a cost matrix of valid shape with the shortest-augmenting-path cores.
 * @param fn name of the public function, for error messages
 * @returns pairs sorted by row; forbidden (+Infinity) pairs are left out
 * @throws ConfigError when an entry is NaN or -Infinity (as
 *   validateCostMatrix), or finite costs are so large that path costs overflow
 */
export function solveSap(cost: Matrix, fn: string): AssignmentResult {
  const { rows: nr0, cols: nc0, data } = cost;
  if (nr0 === 0 || nc0 === 0) return { rows: new Int32Array(0), cols: new Int32Array(0) };

  // A tall matrix is solved transposed so that every (short-side) row can be
  // given a column; SciPy does the same, which fixes its tie-breaking.
  const transpose = nc0 < nr0;
  const nr = transpose ? nc0 : nr0;
  const nc = transpose ? nr0 : nc0;
  // The matrix is copied once, straight into WebAssembly memory, and checked
  // there: bit 1 of the scan is a NaN or -Infinity (reported by the JS check,
  // which names the first one), bit 0 a forbidden (+Infinity) pair.
  const work = sapCostBuffer(nr, nc);
  if (transpose) {
    for (let i = 0; i < nr0; i++) {
      const base = i * nc0;
      for (let j = 0; j < nc0; j++) work[j * nr0 + i] = data[base + j];
    }
  } else {
    work.set(data);
  }
  const flags = sapScanCost(nr * nc);
  if ((flags & 2) !== 0) validateCostEntries(fn, cost);
  const forbidden = (flags & 1) !== 0;

  // Without forbidden pairs (the common case, and the large one) the core
  // runs in WebAssembly; shortest-augmenting-path.ts is the same algorithm in
  // TypeScript, kept as its readable reference and checked against it.
  let col4row: Int32Array | undefined;
  if (forbidden) {
    col4row = new Int32Array(nr);
    if (!shortestAugmentingPathForbidden(nr, nc, work, col4row)) col4row = undefined;
  } else {
    col4row = sapSolve(nr, nc);
  }
  if (col4row === undefined) {
    throw new ConfigError(`${fn}: cost entries must be small enough for path sums to stay finite, got an overflow to Infinity`);
  }

  // Every row of a square or wide matrix with no forbidden pair is assigned,
  // in row order: col4row is the answer.
  if (!transpose && !forbidden) {
    const rows = new Int32Array(nr0);
    for (let i = 0; i < nr0; i++) rows[i] = i;
    return { rows, cols: col4row };
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
