/**
 * Greedy non-maximum suppression (the classic detector post-processing step),
 * on the shared selection loop of `nms-impl.ts` with core's xyxy IoU.
 */
import { iouXyxy } from '@mot/core';
import { checkFinite, checkInteger, checkRange, checkXyxyBoxes } from './box-checks.js';
import { nmsImpl, type NmsWeight } from './nms-impl.js';

/** Options shared by the NMS functions. */
export interface NmsOptions {
  /** A candidate is suppressed when its IoU with a kept box is >= this. Default 0.5. */
  iouThreshold?: number;
  /** Only boxes with score > this are considered. Default -Infinity (all). */
  scoreThreshold?: number;
  /** At most this many boxes are kept. Default: all. */
  maxOutput?: number;
}

/** Validated options with defaults filled in (internal). */
export interface ResolvedNmsOptions {
  iouThreshold: number;
  scoreThreshold: number;
  maxOutput: number;
}

/**
 * Checks boxes, scores and options of an NMS call and fills in the defaults.
 * Internal helper of the NMS functions; returns the box count in `n`.
 */
export function resolveNms(
  fn: string,
  boxes: Float32Array,
  scores: ArrayLike<number>,
  options: NmsOptions,
  defaultIou = 0.5,
): ResolvedNmsOptions & { n: number } {
  const n = checkXyxyBoxes(fn, 'boxes', boxes);
  checkFinite(fn, 'scores', scores, n);
  const iouThreshold = options.iouThreshold ?? defaultIou;
  checkRange(fn, 'iouThreshold', iouThreshold, 0, 1);
  const scoreThreshold = options.scoreThreshold ?? -Infinity;
  checkRange(fn, 'scoreThreshold', scoreThreshold, -Infinity, Infinity);
  const maxOutput = options.maxOutput ?? n;
  checkInteger(fn, 'maxOutput', maxOutput, true);
  return { n, iouThreshold, scoreThreshold, maxOutput };
}

/** Weight function of greedy NMS: drop when IoU >= threshold, else keep the score. */
export function greedyWeight(iouThreshold: number): NmsWeight {
  return (b, i, j) => {
    const p = 4 * i;
    const q = 4 * j;
    return iouXyxy(b[p], b[p + 1], b[p + 2], b[p + 3], b[q], b[q + 1], b[q + 2], b[q + 3]) >= iouThreshold ? -1 : 1;
  };
}

/**
 * Greedy NMS: repeatedly keeps the best remaining box and drops the boxes whose
 * IoU with it is >= `iouThreshold` (TensorFlow's `>=`; torchvision uses `>`,
 * which differs only at exact equality). Same selection as tfjs
 * `tf.image.nonMaxSuppression` given the same boxes in its [y1,x1,y2,x2] order.
 *
 * @param boxes xyxy (px) as a flat [N,4] Float32Array, x2 >= x1, y2 >= y1
 * @param scores [N]
 * @returns kept row indices by descending score (ties: lower index first)
 * @throws ShapeError for a malformed box array or a scores length != N; ConfigError for bad options
 * @example
 * const keep = nms(new Float32Array([0, 0, 10, 10, 1, 0, 11, 10, 20, 20, 30, 30]), [0.9, 0.8, 0.7]);
 * // IoU(0, 1) = 90/110 >= 0.5, so keep = [0, 2]
 */
export function nms(boxes: Float32Array, scores: ArrayLike<number>, options: NmsOptions = {}): Int32Array {
  const o = resolveNms('nms', boxes, scores, options);
  return nmsImpl(boxes, scores, null, o.maxOutput, o.scoreThreshold, greedyWeight(o.iouThreshold)).indices;
}
