/**
 * Boundary checks shared by the box functions of this package (NMS, losses,
 * box coding, anchors). Internal: not re-exported from the package index.
 */
import { ConfigError, ShapeError } from '@mot/core';

/**
 * Checks that `boxes` is a flat [N,4] xyxy array of finite numbers with
 * x2 >= x1 and y2 >= y1, and returns N.
 * @throws ShapeError when the length is not a multiple of 4 or a box is malformed
 */
export function checkXyxyBoxes(fn: string, arg: string, boxes: ArrayLike<number>): number {
  if (boxes.length % 4 !== 0) {
    throw new ShapeError(`${fn}: ${arg} must be a flat [N,4] array (length a multiple of 4), got length ${boxes.length}`);
  }
  for (let i = 0; i < boxes.length; i += 4) {
    const x1 = boxes[i];
    const y1 = boxes[i + 1];
    const x2 = boxes[i + 2];
    const y2 = boxes[i + 3];
    // The comparisons are false for NaN, so one test covers ordering and NaN.
    if (!(x2 >= x1 && y2 >= y1) || !Number.isFinite(x1 + y1 + x2 + y2)) {
      throw new ShapeError(
        `${fn}: ${arg} must hold finite xyxy boxes with x2 >= x1 and y2 >= y1, got [${x1}, ${y1}, ${x2}, ${y2}] at row ${i / 4}`,
      );
    }
  }
  return boxes.length / 4;
}

/**
 * Checks that `values` has `n` finite numbers.
 * @throws ShapeError on a length mismatch, ConfigError on a non-finite value
 */
export function checkFinite(fn: string, arg: string, values: ArrayLike<number>, n: number): void {
  if (values.length !== n) throw new ShapeError(`${fn}: ${arg} must have length ${n}, got ${values.length}`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(values[i])) throw new ConfigError(`${fn}: ${arg} must be finite, got ${values[i]} at index ${i}`);
  }
}

/** Checks that `same` has the same length as `ref` (two aligned [N,k] arrays). */
export function checkSameLength(fn: string, arg: string, same: ArrayLike<number>, refArg: string, ref: ArrayLike<number>): void {
  if (same.length !== ref.length) {
    throw new ShapeError(`${fn}: ${arg} must have the length of ${refArg} (${ref.length}), got ${same.length}`);
  }
}

/** Checks a number option against an inclusive range. */
export function checkRange(fn: string, arg: string, value: number, lo: number, hi: number): void {
  if (!(value >= lo && value <= hi)) throw new ConfigError(`${fn}: ${arg} must be in [${lo}, ${hi}], got ${value}`);
}

/** Checks a positive integer (or, with `allowZero`, a non-negative one). */
export function checkInteger(fn: string, arg: string, value: number, allowZero = false): void {
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) {
    throw new ConfigError(`${fn}: ${arg} must be a ${allowZero ? 'non-negative' : 'positive'} integer, got ${value}`);
  }
}
