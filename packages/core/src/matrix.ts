import { ShapeError } from './errors.js';

/**
 * A dense row-major matrix of float64: element (i, j) is `data[i * cols + j]`.
 * Cost matrices (rows = tracks, cols = detections), IoU matrices and the like
 * use it so that a 1000 x 1000 matrix is one allocation, not 1000 arrays.
 */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** A rows x cols matrix filled with `fill` (default 0). */
export function createMatrix(rows: number, cols: number, fill = 0): Matrix {
  if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(cols) || cols < 0) {
    throw new ShapeError(`createMatrix: rows and cols must be non-negative integers, got ${rows} x ${cols}`);
  }
  const data = new Float64Array(rows * cols);
  if (fill !== 0) data.fill(fill);
  return { rows, cols, data };
}

/** Wraps nested arrays (all rows of equal length) as a {@link Matrix}. */
export function matrixFromRows(rows: ReadonlyArray<ArrayLike<number>>): Matrix {
  const n = rows.length;
  const m = n === 0 ? 0 : rows[0].length;
  const out = createMatrix(n, m);
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (row.length !== m) {
      throw new ShapeError(`matrixFromRows: every row must have ${m} columns, row ${i} has ${row.length}`);
    }
    for (let j = 0; j < m; j++) out.data[i * m + j] = row[j];
  }
  return out;
}

/** The matrix as nested arrays, for printing and tests. */
export function matrixToRows(a: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < a.rows; i++) out.push(Array.from(a.data.subarray(i * a.cols, (i + 1) * a.cols)));
  return out;
}
