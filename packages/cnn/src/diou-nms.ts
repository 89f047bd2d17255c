/**
 * DIoU-NMS (Zheng et al., "Distance-IoU Loss", AAAI 2020, section 5): greedy
 * NMS whose overlap measure subtracts the centre-distance penalty, so that two
 * boxes with distant centres (say, two occluding people) both survive.
 */
import { diouXyxy } from '@mot/core';
import { resolveNms, type NmsOptions } from './nms.js';
import { nmsImpl } from './nms-impl.js';

/**
 * DIoU-NMS: keeps the best remaining box M and drops every box B with
 * IoU(M, B) - rho^2(M, B) / c^2 >= iouThreshold (the paper keeps B when the
 * difference is < epsilon; the `>=` mirrors greedy {@link nms}).
 *
 * @param boxes xyxy (px) as a flat [N,4] Float32Array
 * @param scores [N]
 * @returns kept row indices by descending score (ties: lower index first)
 * @throws ShapeError for malformed boxes or scores; ConfigError for bad options
 * @example
 * // IoU 75/125 = 0.6; centres 2.5 px apart, enclosing 12.5 x 10: 0.6 - 6.25/256.25 = 0.5756 < 0.58
 * diouNms(new Float32Array([0, 0, 10, 10, 2.5, 0, 12.5, 10]), [0.9, 0.8], { iouThreshold: 0.58 }); // [0, 1]
 */
export function diouNms(boxes: Float32Array, scores: ArrayLike<number>, options: NmsOptions = {}): Int32Array {
  const o = resolveNms('diouNms', boxes, scores, options);
  const threshold = o.iouThreshold;
  return nmsImpl(boxes, scores, null, o.maxOutput, o.scoreThreshold, (b, i, j) => {
    const p = 4 * i;
    const q = 4 * j;
    return diouXyxy(b[p], b[p + 1], b[p + 2], b[p + 3], b[q], b[q + 1], b[q + 2], b[q + 3]) >= threshold ? -1 : 1;
  }).indices;
}
