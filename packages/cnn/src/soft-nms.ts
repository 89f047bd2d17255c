/**
 * Soft-NMS (Bodla et al., "Improving Object Detection With One Line of Code",
 * ICCV 2017): overlapping boxes have their scores decayed instead of removed.
 */
import { ConfigError, iouXyxy } from '@mot/core';
import { checkRange } from './box-checks.js';
import { resolveNms, type NmsOptions } from './nms.js';
import { nmsImpl, type NmsSelection, type NmsWeight } from './nms-impl.js';

/** Options of {@link softNms}. */
export interface SoftNmsOptions extends NmsOptions {
  /** 'gaussian' (default) or 'linear'. */
  method?: 'gaussian' | 'linear';
  /**
   * Gaussian width, TensorFlow's `soft_nms_sigma`: weight = exp(-IoU^2 / (2 sigma)).
   * Bodla's paper writes exp(-IoU^2 / sigma_paper), so sigma_paper = 2 sigma
   * (the paper's 0.5 is 0.25 here). Default 0.25.
   */
  sigma?: number;
  /**
   * Gaussian: boxes with IoU >= this are dropped outright, as in tfjs (default 1,
   * so only boxes identical to a kept one). Linear: Bodla's N_t, decay by
   * (1 - IoU) once IoU >= N_t (default 0.3).
   */
  iouThreshold?: number;
}

/**
 * Soft-NMS. Gaussian: score *= exp(-IoU^2 / (2 sigma)) for every kept box with
 * IoU < iouThreshold, drop at IoU >= iouThreshold; this is exactly tfjs
 * `tf.image.nonMaxSuppressionWithScore(boxes, scores, maxOutput, iouThreshold,
 * scoreThreshold, sigma)`. Linear (Bodla eq. 2): score *= 1 - IoU when IoU >=
 * iouThreshold, unchanged below it. A box is dropped once its decayed score
 * falls to scoreThreshold or below.
 *
 * @param boxes xyxy (px) as a flat [N,4] Float32Array
 * @param scores [N]
 * @returns kept row indices by descending final score, and those final scores
 * @throws ShapeError for malformed boxes or scores; ConfigError for bad options
 * @example
 * const { indices, scores } = softNms(new Float32Array([0, 0, 10, 10, 5, 0, 15, 10]), [0.9, 0.8], { sigma: 0.5 });
 * // IoU 1/3: the second score becomes 0.8 * exp(-(1/9) / 1) = 0.7159
 */
export function softNms(boxes: Float32Array, scores: ArrayLike<number>, options: SoftNmsOptions = {}): NmsSelection {
  const method = options.method ?? 'gaussian';
  if (method !== 'gaussian' && method !== 'linear') {
    throw new ConfigError(`softNms: method must be 'gaussian' or 'linear', got ${String(method)}`);
  }
  const o = resolveNms('softNms', boxes, scores, options, method === 'gaussian' ? 1 : 0.3);
  let weight: NmsWeight;
  if (method === 'gaussian') {
    const sigma = options.sigma ?? 0.25;
    checkRange('softNms', 'sigma', sigma, Number.MIN_VALUE, Infinity);
    const scale = -0.5 / sigma;
    const threshold = o.iouThreshold;
    weight = (b, i, j) => {
      const p = 4 * i;
      const q = 4 * j;
      const iou = iouXyxy(b[p], b[p + 1], b[p + 2], b[p + 3], b[q], b[q + 1], b[q + 2], b[q + 3]);
      return iou >= threshold ? -1 : Math.exp(scale * iou * iou);
    };
  } else {
    const nt = o.iouThreshold;
    weight = (b, i, j) => {
      const p = 4 * i;
      const q = 4 * j;
      const iou = iouXyxy(b[p], b[p + 1], b[p + 2], b[p + 3], b[q], b[q + 1], b[q + 2], b[q + 3]);
      return iou >= nt ? 1 - iou : 1;
    };
  }
  return nmsImpl(boxes, scores, null, o.maxOutput, o.scoreThreshold, weight);
}
