/**
 * Builds the columnar rows the metrics read from nested arrays, for tracks
 * and ground truth held in memory rather than in MOTChallenge files.
 */
import { InputError } from '@mot/core';
import type { MotRowsLike } from './sequence-data.js';

/**
 * Rows `[frame, id, x, y, w, h, score?, classId?]` (tlwh px, frame 1-based;
 * score defaults to 1, i.e. "consider" for gt, class to -1) as a
 * {@link MotRowsLike} for {@link preprocessSequence}.
 * @param rows one array of 6 to 10 numbers per box
 * @param source label used in error messages; `line` is the 1-based row index
 * @throws InputError naming the row when it has fewer than 6 or more than 10
 *   values, or a non-finite value
 * @example
 * ```ts
 * const gt = motRowsFromArrays([[1, 1, 10, 10, 20, 40], [2, 1, 12, 10, 20, 40]], 'gt');
 * ```
 */
export function motRowsFromArrays(rows: readonly (readonly number[])[], source = '<array>'): MotRowsLike {
  const n = rows.length;
  const out = {
    source,
    length: n,
    frame: new Int32Array(n),
    id: new Int32Array(n),
    x: new Float64Array(n),
    y: new Float64Array(n),
    w: new Float64Array(n),
    h: new Float64Array(n),
    score: new Float64Array(n),
    classId: new Int32Array(n),
    line: Int32Array.from({ length: n }, (_, i) => i + 1),
  };
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    const where = { source, line: i + 1 };
    if (!Array.isArray(r) || r.length < 6 || r.length > 10) {
      throw new InputError(`motRowsFromArrays: row must have 6 to 10 numbers, got ${Array.isArray(r) ? r.length : typeof r}`, where);
    }
    for (let k = 0; k < r.length; k++) {
      if (typeof r[k] !== 'number' || !Number.isFinite(r[k])) {
        throw new InputError(`motRowsFromArrays: value ${k + 1} must be a finite number, got ${String(r[k])}`, where);
      }
    }
    if (!Number.isInteger(r[0]) || !Number.isInteger(r[1])) {
      throw new InputError(`motRowsFromArrays: frame and id must be integers, got ${r[0]}, ${r[1]}`, where);
    }
    out.frame[i] = r[0];
    out.id[i] = r[1];
    out.x[i] = r[2];
    out.y[i] = r[3];
    out.w[i] = r[4];
    out.h[i] = r[5];
    out.score[i] = r.length > 6 ? r[6] : 1;
    out.classId[i] = r.length > 7 ? Math.trunc(r[7]) : -1;
  }
  return out;
}
