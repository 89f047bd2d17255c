/**
 * The assignment that lap's `lapjv(cost, extend_cost=True, cost_limit=...)`
 * (gatagat/lap, BSD-2) defines, which ByteTrack and OC-SORT call. lap makes
 * the problem square and solves it exactly; the padding decides which pairs
 * are kept:
 *
 * - with a finite `costLimit`, the `rows x cols` matrix becomes
 *   `(rows + cols)` square: `cost` top left, `costLimit / 2` in the two
 *   off-diagonal blocks, 0 bottom right. Leaving a row and a column unmatched
 *   then costs `costLimit`, so no pair above the limit is ever taken.
 * - without one, the matrix is padded with zeros to `max(rows, cols)` square
 *   (every row of the shorter side is matched).
 *
 * The padded matrix is solved by {@link linearSumAssignment} (SciPy's
 * algorithm and tie-breaking); the reference outputs in fixtures/ were made
 * that way, and a run with lap's own solver gave the same files.
 */
import { assert, createMatrix, type Matrix } from '@mot/core';
import { throwBadCostEntry, validateCostShape } from './cost-validation.js';
import { linearSumAssignment } from './linear-sum-assignment.js';

/** Outcome of {@link lapjvExtended}: lap's `x` and `y` arrays. */
export interface LapjvResult {
  /** Column assigned to each row, -1 when unmatched. */
  readonly rowToCol: Int32Array;
  /** Row assigned to each column, -1 when unmatched. */
  readonly colToRow: Int32Array;
}

/**
 * @param cost `rows x cols` (e.g. rows = tracks, cols = detections), finite entries
 * @param costLimit pairs costing more are never matched; `Infinity` (default) pads with zeros instead
 * @returns lap's `x` (row -> column) and `y` (column -> row), -1 for unmatched
 * @throws ShapeError / ConfigError as {@link linearSumAssignment}; ConfigError when `costLimit` is NaN
 * @example
 * ```ts
 * import { matrixFromRows } from '@mot/core';
 * import { lapjvExtended } from '@mot/hungarian';
 * const { rowToCol } = lapjvExtended(matrixFromRows([[0.2, 0.95], [0.9, 0.99]]), 0.9);
 * // rowToCol = [0, -1]: row 1's only free column costs 0.99, above the limit
 * ```
 */
export function lapjvExtended(cost: Matrix, costLimit = Infinity): LapjvResult {
  assert(!Number.isNaN(costLimit), () => `lapjvExtended: costLimit must be a number, got ${costLimit}`);
  validateCostShape('lapjvExtended', cost);
  const { rows: nr, cols: nc, data } = cost;
  const rowToCol = new Int32Array(nr).fill(-1);
  const colToRow = new Int32Array(nc).fill(-1);
  // Entries are checked as they are copied into the padded matrix below.
  if (nr === 0 || nc === 0) return { rowToCol, colToRow };
  const n = Number.isFinite(costLimit) ? nr + nc : Math.max(nr, nc);
  const padded = createMatrix(n, n);
  const pad = Number.isFinite(costLimit) ? costLimit / 2 : 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i < nr && j < nc) {
        const c = data[i * nc + j];
        if (!(c > -Infinity)) throwBadCostEntry('lapjvExtended', cost, i * nc + j);
        padded.data[i * n + j] = c;
      }
      else padded.data[i * n + j] = i >= nr && j >= nc ? 0 : pad;
    }
  }
  const { rows, cols } = linearSumAssignment(padded);
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    const j = cols[k];
    if (i < nr && j < nc) {
      rowToCol[i] = j;
      colToRow[j] = i;
    }
  }
  return { rowToCol, colToRow };
}
