/**
 * Smooth-L1 (Huber-like) loss of Fast R-CNN (Girshick 2015, eq. 3), with the
 * transition point `beta` of Detectron / torchvision.
 */
import { checkFinite, checkRange } from './box-checks.js';
import { reduceLoss, type LossOptions, type LossOutput, type Reduction } from './loss-reduction.js';

/** Options of {@link smoothL1Loss}. */
export interface SmoothL1Options<R extends Reduction> extends LossOptions<R> {
  /** Quadratic below |x| < beta, linear above. Default 1 (Fast R-CNN); 0 gives plain L1. */
  beta?: number;
}

/**
 * Elementwise 0.5 x^2 / beta for |x| < beta, else |x| - 0.5 beta, x = pred - target.
 * @param pred any shape, flat
 * @param target same length as pred
 * @returns the reduced loss, or the elementwise losses for reduction 'none'
 * @throws ShapeError on a length mismatch; ConfigError for a negative beta, non-finite values or an unknown reduction
 * @example smoothL1Loss(new Float32Array([0.5, 2]), new Float32Array([0, 0]), { reduction: 'sum' }) // 0.125 + 1.5
 */
export function smoothL1Loss<R extends Reduction = 'mean'>(pred: ArrayLike<number>, target: ArrayLike<number>, options: SmoothL1Options<R> = {}): LossOutput<R> {
  const beta = options.beta ?? 1;
  checkRange('smoothL1Loss', 'beta', beta, 0, Infinity);
  checkFinite('smoothL1Loss', 'pred', pred, pred.length);
  checkFinite('smoothL1Loss', 'target', target, pred.length);
  const out = new Float32Array(pred.length);
  for (let i = 0; i < pred.length; i++) {
    const x = Math.abs(pred[i] - target[i]);
    out[i] = x < beta ? (0.5 * x * x) / beta : x - 0.5 * beta;
  }
  return reduceLoss('smoothL1Loss', out, options.reduction);
}
