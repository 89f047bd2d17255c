import { ShapeError } from '@mot/core';
import type { MotRows } from './mot-rows.js';

/**
 * The rows at `indices`, in that order, as a new {@link MotRows} (same
 * source; `line` keeps each row's source line, so errors still point into
 * the original file).
 *
 * @param rows parsed rows
 * @param indices row indices into `rows` (repeats allowed)
 * @throws ShapeError for an index that is not an integer in [0, rows.length)
 * @example
 * selectRows(rows, [2, 0]).frame; // Int32Array [rows.frame[2], rows.frame[0]]
 */
export function selectRows(rows: MotRows, indices: readonly number[]): MotRows {
  for (const i of indices) {
    if (!Number.isInteger(i) || i < 0 || i >= rows.length) throw new ShapeError(`selectRows: indices must be integers in [0, ${rows.length}), got ${i}`);
  }
  const pick = <A extends Int32Array | Float64Array>(col: A): A => {
    const out = new (col.constructor as new (n: number) => A)(indices.length);
    indices.forEach((i, k) => {
      out[k] = col[i];
    });
    return out;
  };
  return {
    source: rows.source,
    length: indices.length,
    frame: pick(rows.frame),
    id: pick(rows.id),
    x: pick(rows.x),
    y: pick(rows.y),
    w: pick(rows.w),
    h: pick(rows.h),
    score: pick(rows.score),
    classId: pick(rows.classId),
    visibility: pick(rows.visibility),
    line: pick(rows.line),
    ...(rows.worldCoordinates === true ? { worldCoordinates: true } : {}),
  };
}
