/**
 * Test helpers for the boxes / NMS / anchors part (C3): a seeded RNG, random
 * box sets, tfjs box layout and tolerance checks. Not exported from the index.
 */
import * as assert from 'uvu/assert';
import { seededRandom } from '@mot/core';
import { maxAbsError } from './tolerance.js';

export { maxAbsError } from './tolerance.js';

export { seededRandom };

/**
 * `n` random xyxy boxes inside a `size` x `size` image with sides in
 * [minSide, maxSide], and random scores in (0, 1), as float32.
 */
export function randomBoxes(n: number, seed: number, size = 1000, minSide = 10, maxSide = 120): { boxes: Float32Array; scores: Float32Array } {
  const rnd = seededRandom(seed);
  const boxes = new Float32Array(4 * n);
  const scores = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const w = minSide + rnd() * (maxSide - minSide);
    const h = minSide + rnd() * (maxSide - minSide);
    const x = rnd() * (size - w);
    const y = rnd() * (size - h);
    boxes.set([x, y, x + w, y + h], 4 * i);
    scores[i] = rnd();
  }
  return { boxes, scores };
}

/** Reorders flat xyxy boxes to TensorFlow's [y1, x1, y2, x2]. */
export function toTfjsBoxes(xyxy: Float32Array): Float32Array {
  const out = new Float32Array(xyxy.length);
  for (let i = 0; i < xyxy.length; i += 4) {
    out[i] = xyxy[i + 1];
    out[i + 1] = xyxy[i];
    out[i + 2] = xyxy[i + 3];
    out[i + 3] = xyxy[i + 2];
  }
  return out;
}

/** Asserts |actual - expected| <= tol for numbers or elementwise for arrays. */
export function assertClose(actual: number | ArrayLike<number>, expected: number | ArrayLike<number>, tol = 1e-6, what = ''): void {
  if (typeof actual === 'number' || typeof expected === 'number') {
    assert.ok(
      typeof actual === 'number' && typeof expected === 'number' && Math.abs(actual - expected) <= tol,
      `${what} expected ${String(expected)}, got ${String(actual)} (tol ${tol})`,
    );
    return;
  }
  const err = maxAbsError(actual, expected);
  assert.ok(err <= tol, `${what} max abs error ${err} > ${tol}: got [${Array.from(actual).join(', ')}], expected [${Array.from(expected).join(', ')}]`);
}

/**
 * Asserts that `fn` throws an instance of `ErrorClass` whose message matches
 * `pattern` (uvu's `throws` takes a predicate, not a class).
 */
export function assertThrows(fn: () => unknown, ErrorClass: new (...args: never[]) => Error, pattern?: RegExp): void {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown !== undefined, 'expected a throw, got none');
  assert.ok(thrown instanceof ErrorClass, `expected ${ErrorClass.name}, got ${String(thrown)}`);
  if (pattern !== undefined) assert.match((thrown as Error).message, pattern);
}

/**
 * Textbook greedy NMS, written independently of `nms-impl.ts`: sort by score
 * (ties by index), then keep each box not suppressed by an earlier kept box.
 * `overlap(i, j)` >= threshold suppresses. O(N^2); for reference use only.
 */
export function bruteForceNms(
  n: number,
  scores: ArrayLike<number>,
  overlap: (i: number, j: number) => number,
  threshold: number,
  rows?: number[],
): number[] {
  const order = (rows ?? Array.from({ length: n }, (_, i) => i)).slice().sort((a, b) => scores[b] - scores[a] || a - b);
  const kept: number[] = [];
  for (const i of order) {
    if (kept.every((j) => overlap(i, j) < threshold)) kept.push(i);
  }
  return kept;
}
