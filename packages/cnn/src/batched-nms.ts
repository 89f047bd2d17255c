/**
 * Class-aware ("batched") NMS: boxes only suppress boxes of their own class, as
 * detectors do before reporting per-class detections.
 */
import { ConfigError, ShapeError } from '@mot/core';
import { checkInteger } from './box-checks.js';
import { greedyWeight, resolveNms, type NmsOptions } from './nms.js';
import { nmsImpl } from './nms-impl.js';

/** Options of {@link batchedNms}. */
export interface BatchedNmsOptions extends NmsOptions {
  /** At most this many boxes kept per class before merging. Default: all. */
  maxOutputPerClass?: number;
}

/**
 * Runs greedy NMS separately for each class and merges the survivors by
 * descending score (ties: lower index first), keeping at most `maxOutput`.
 *
 * @param boxes xyxy (px) as a flat [N,4] Float32Array
 * @param scores [N]
 * @param classIds [N] integer class of each box
 * @returns kept row indices by descending score
 * @throws ShapeError for malformed boxes, scores or classIds; ConfigError for bad options or a non-integer class
 * @example
 * // Same box twice, different classes: both kept; plain nms would keep one.
 * batchedNms(new Float32Array([0, 0, 10, 10, 0, 0, 10, 10]), [0.9, 0.8], [0, 1]); // [0, 1]
 */
export function batchedNms(
  boxes: Float32Array,
  scores: ArrayLike<number>,
  classIds: ArrayLike<number>,
  options: BatchedNmsOptions = {},
): Int32Array {
  const o = resolveNms('batchedNms', boxes, scores, options);
  if (classIds.length !== o.n) throw new ShapeError(`batchedNms: classIds must have length ${o.n}, got ${classIds.length}`);
  const perClass = options.maxOutputPerClass ?? o.n;
  checkInteger('batchedNms', 'maxOutputPerClass', perClass, true);

  const groups = new Map<number, number[]>();
  for (let i = 0; i < o.n; i++) {
    const c = classIds[i];
    if (!Number.isInteger(c)) throw new ConfigError(`batchedNms: classIds must be integers, got ${c} at index ${i}`);
    let g = groups.get(c);
    if (g === undefined) groups.set(c, (g = []));
    g.push(i);
  }
  const weight = greedyWeight(o.iouThreshold);
  const kept: number[] = [];
  for (const rows of groups.values()) {
    const sel = nmsImpl(boxes, scores, Int32Array.from(rows), perClass, o.scoreThreshold, weight);
    for (let k = 0; k < sel.indices.length; k++) kept.push(sel.indices[k]);
  }
  kept.sort((a, b) => scores[b] - scores[a] || a - b);
  return Int32Array.from(kept.length > o.maxOutput ? kept.slice(0, o.maxOutput) : kept);
}
