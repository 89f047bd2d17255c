/**
 * Checks of a cost matrix shared by the functions of this package, split in
 * a shape half and an entry half so that the 'sap' solver can check the
 * entries itself on its copy in WebAssembly memory.
 */
import { ConfigError, ShapeError, assert, type Matrix } from '@mot/core';

/**
 * Throws unless `cost` is a well-formed matrix whose entries are finite or
 * +Infinity. Shared by the functions of this package that take a cost matrix.
 * @param fn name of the public function, for the message
 */
export function validateCostMatrix(fn: string, cost: Matrix): void {
  validateCostShape(fn, cost);
  validateCostEntries(fn, cost);
}

/** The shape half of {@link validateCostMatrix}. */
export function validateCostShape(fn: string, cost: Matrix): void {
  assert(
    typeof cost === 'object' && cost !== null && Number.isInteger(cost.rows) && cost.rows >= 0 && Number.isInteger(cost.cols) && cost.cols >= 0,
    () => `${fn}: cost must be a Matrix with non-negative integer rows and cols, got ${cost === null || typeof cost !== 'object' ? String(cost) : `${cost.rows} x ${cost.cols}`}`,
    ShapeError,
  );
  const { rows, cols, data } = cost;
  assert(
    data !== null && typeof data === 'object' && data.length === rows * cols,
    () => `${fn}: cost.data must have rows * cols = ${rows * cols} values, got ${data?.length}`,
    ShapeError,
  );
}

/**
 * The entry half of {@link validateCostMatrix}, on a matrix of valid shape:
 * throws naming the first entry that is NaN or -Infinity.
 */
export function validateCostEntries(fn: string, cost: Matrix): void {
  const { data } = cost;
  // NaN fails the comparison; -Infinity has no meaning as a cost.
  for (let k = 0; k < data.length; k++) if (!(data[k] > -Infinity)) throwBadCostEntry(fn, cost, k);
}

/**
 * The error of {@link validateCostEntries} for entry `k` (row-major), for
 * functions that test each entry while copying the matrix anyway
 * (`!(c > -Infinity)`) instead of in a pass of their own.
 */
export function throwBadCostEntry(fn: string, cost: Matrix, k: number): never {
  const i = Math.floor(k / cost.cols);
  throw new ConfigError(`${fn}: cost[${i}][${k - i * cost.cols}] must be a finite number or +Infinity, got ${cost.data[k]}`);
}

