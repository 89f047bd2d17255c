/**
 * Sigmoid focal loss (Lin et al., "Focal Loss for Dense Object Detection",
 * ICCV 2017, eq. 5): FL(p_t) = -alpha_t (1 - p_t)^gamma log(p_t).
 */
import { checkFinite, checkRange } from './box-checks.js';
import { reduceLoss, type LossOptions, type LossOutput, type Reduction } from './loss-reduction.js';

/** Options of {@link focalLoss}. */
export interface FocalLossOptions<R extends Reduction> extends LossOptions<R> {
  /** Weight of positives, alpha_t = alpha t + (1 - alpha)(1 - t); null disables it. Default 0.25 (paper). */
  alpha?: number | null;
  /** Focusing exponent. Default 2 (paper). */
  gamma?: number;
}

/**
 * Focal loss on logits: p = sigmoid(x), p_t = p t + (1 - p)(1 - t),
 * loss = alpha_t (1 - p_t)^gamma BCE(x, t). The cross-entropy is computed as
 * max(x, 0) - x t + log(1 + exp(-|x|)), which stays finite for large |x|.
 * Targets may be soft (in [0, 1]), as in torchvision's sigmoid_focal_loss.
 * @param logits any shape, flat (one logit per class per anchor)
 * @param targets same length, in [0, 1] (1 = positive)
 * @returns the reduced loss, or the elementwise losses for reduction 'none'
 * @throws ShapeError on a length mismatch; ConfigError for out-of-range values or options
 * @example focalLoss(new Float32Array([0]), new Float32Array([1])) // 0.25 * 0.25 * ln 2 = 0.0433217
 */
export function focalLoss<R extends Reduction = 'mean'>(logits: ArrayLike<number>, targets: ArrayLike<number>, options: FocalLossOptions<R> = {}): LossOutput<R> {
  const alpha = options.alpha === undefined ? 0.25 : options.alpha;
  const gamma = options.gamma ?? 2;
  if (alpha !== null) checkRange('focalLoss', 'alpha', alpha, 0, 1);
  checkRange('focalLoss', 'gamma', gamma, 0, Infinity);
  checkFinite('focalLoss', 'logits', logits, logits.length);
  checkFinite('focalLoss', 'targets', targets, logits.length);
  const out = new Float32Array(logits.length);
  for (let i = 0; i < logits.length; i++) {
    const x = logits[i];
    const t = targets[i];
    if (!(t >= 0 && t <= 1)) checkRange('focalLoss', `targets[${i}]`, t, 0, 1);
    const ce = Math.max(x, 0) - x * t + Math.log1p(Math.exp(-Math.abs(x)));
    const p = 1 / (1 + Math.exp(-x));
    const pt = p * t + (1 - p) * (1 - t);
    let loss = ce * Math.pow(1 - pt, gamma);
    if (alpha !== null) loss *= alpha * t + (1 - alpha) * (1 - t);
    out[i] = loss;
  }
  return reduceLoss('focalLoss', out, options.reduction);
}
