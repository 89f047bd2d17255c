import { assert, type Matrix } from '@mot/core';
import { validateCostEntries, validateCostShape } from './cost-validation.js';
import { solveMunkres } from './munkres-solver.js';
import { solveSap, type AssignmentResult } from './sap-solver.js';

export type { AssignmentResult } from './sap-solver.js';
export { validateCostMatrix } from './cost-validation.js';

/**
 * Which algorithm solves the assignment:
 * - `'sap'`: shortest augmenting paths (Jonker-Volgenant / Crouse 2016),
 *   SciPy's algorithm and tie-breaking; O(n^3) worst case, fast in practice.
 * - `'munkres'`: munkres-js, the reference implementation; much slower.
 */
export type SolverName = 'sap' | 'munkres';

/** Options of {@link linearSumAssignment}. */
export interface LinearSumAssignmentOptions {
  /** Algorithm; default `'sap'`. */
  readonly solver?: SolverName;
}

const SOLVERS: Record<SolverName, (cost: Matrix) => AssignmentResult> = {
  sap: (cost) => solveSap(cost, 'linearSumAssignment'),
  munkres: solveMunkres,
};

/**
 * Minimum-cost assignment of rows to columns, each used at most once; the
 * equivalent of `scipy.optimize.linear_sum_assignment(cost)`.
 *
 * +Infinity marks a forbidden pair. The result is, among the assignments of
 * maximum cardinality that use only finite entries, one of minimum total
 * cost. When min(rows, cols) pairs can be made (always, without +Infinity),
 * that is SciPy's problem, and the `'sap'` solver returns SciPy's pairs,
 * ties included. (SciPy raises "cost matrix is infeasible" instead of
 * leaving rows out.)
 *
 * @param cost `rows x cols` (e.g. rows = tracks, cols = detections), either
 *   may be 0; entries finite or +Infinity. Not modified.
 * @param options `solver`: `'sap'` (default) or `'munkres'`
 * @returns `{rows, cols}`: pair k assigns row `rows[k]` to column `cols[k]`;
 *   rows ascending; length <= min(rows, cols)
 * @throws ShapeError when `cost` is not a Matrix or `data.length !== rows * cols`
 * @throws ConfigError when an entry is NaN or -Infinity (the message names
 *   it), or `options.solver` is unknown
 * @example
 * ```ts
 * import { matrixFromRows } from '@mot/core';
 * import { linearSumAssignment } from '@mot/hungarian';
 * const { rows, cols } = linearSumAssignment(matrixFromRows([[4, 1, 3], [2, 0, 5], [3, 2, 2]]));
 * // rows = [0, 1, 2], cols = [1, 0, 2]: total 1 + 2 + 2 = 5
 * ```
 */
export function linearSumAssignment(cost: Matrix, options: LinearSumAssignmentOptions = {}): AssignmentResult {
  const solver = options.solver ?? 'sap';
  assert(
    Object.prototype.hasOwnProperty.call(SOLVERS, solver),
    () => `linearSumAssignment: options.solver must be 'sap' or 'munkres', got ${JSON.stringify(solver)}`,
  );
  validateCostShape('linearSumAssignment', cost);
  // 'sap' checks the entries on its copy of them in WebAssembly memory (one
  // vector pass that also finds +Infinity), which at n = 50 saves more time
  // than the solve's whole JavaScript part; the error is the same.
  if (solver !== 'sap') validateCostEntries('linearSumAssignment', cost);
  return SOLVERS[solver](cost);
}
