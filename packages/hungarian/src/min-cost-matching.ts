import { assert, createMatrix, type Matrix } from '@mot/core';
import { throwBadCostEntry, validateCostShape } from './cost-validation.js';
import { linearSumAssignment, type LinearSumAssignmentOptions } from './linear-sum-assignment.js';

/** Outcome of {@link minCostMatching}. */
export interface MatchingResult {
  /** `[row, col]` pairs with cost <= maxCost, in ascending row order. */
  readonly matches: Array<[row: number, col: number]>;
  /** Rows left without a match, ascending. */
  readonly unmatchedRows: number[];
  /** Columns left without a match, ascending. */
  readonly unmatchedCols: number[];
}

/**
 * deep_sort's gated assignment (`linear_assignment.min_cost_matching`):
 * entries above `maxCost` (including +Infinity) are set to
 * `maxCost + 1e-5` before solving, so that gated pairs are used only to
 * fill in, and any pair whose cost exceeds `maxCost` is then rejected.
 *
 * @param cost `rows x cols`, e.g. rows = tracks, cols = detections; entries
 *   finite or +Infinity (an IoU or cosine distance, a gated Mahalanobis
 *   cost). Not modified.
 * @param maxCost gate, same unit as `cost`: pairs above it never match
 * @param options forwarded to {@link linearSumAssignment} (`solver`)
 * @returns matches in row order, unmatched rows and columns ascending
 * @throws ShapeError when `cost` is not a well-formed Matrix
 * @throws ConfigError when an entry is NaN or -Infinity, `maxCost` is not
 *   finite, or the solver is unknown
 * @example
 * ```ts
 * import { matrixFromRows } from '@mot/core';
 * import { minCostMatching } from '@mot/hungarian';
 * const r = minCostMatching(matrixFromRows([[0.1, 0.9], [0.8, 0.95]]), 0.7);
 * // r.matches = [[0, 0]], r.unmatchedRows = [1], r.unmatchedCols = [1]
 * ```
 */
export function minCostMatching(cost: Matrix, maxCost: number, options: LinearSumAssignmentOptions = {}): MatchingResult {
  assert(typeof maxCost === 'number' && Number.isFinite(maxCost), () => `minCostMatching: maxCost must be a finite number, got ${maxCost}`);
  validateCostShape('minCostMatching', cost);
  const { rows: nr, cols: nc, data } = cost;

  // deep_sort uses 1e-5 as the amount by which a gated entry exceeds the gate.
  // The entries are checked in the same pass (the clipped copy is all finite,
  // so a bad entry would otherwise surface only under its clipped value).
  const clipped = createMatrix(nr, nc);
  const gated = maxCost + 1e-5;
  for (let k = 0; k < data.length; k++) {
    const c = data[k];
    if (!(c > -Infinity)) throwBadCostEntry('minCostMatching', cost, k);
    clipped.data[k] = c > maxCost ? gated : c;
  }

  const { rows, cols } = linearSumAssignment(clipped, options);
  const rowUsed = new Uint8Array(nr);
  const colUsed = new Uint8Array(nc);
  const matches: Array<[number, number]> = [];
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    const j = cols[k];
    // Testing the original entry instead of the clipped one gives deep_sort's
    // answer, and stays right when maxCost is so large that maxCost + 1e-5
    // rounds back to maxCost.
    if (data[i * nc + j] > maxCost) continue;
    matches.push([i, j]);
    rowUsed[i] = 1;
    colUsed[j] = 1;
  }
  const unmatchedRows: number[] = [];
  for (let i = 0; i < nr; i++) if (rowUsed[i] === 0) unmatchedRows.push(i);
  const unmatchedCols: number[] = [];
  for (let j = 0; j < nc; j++) if (colUsed[j] === 0) unmatchedCols.push(j);
  return { matches, unmatchedRows, unmatchedCols };
}
