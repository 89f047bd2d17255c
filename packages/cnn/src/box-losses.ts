/**
 * IoU-based box regression losses over [N,4] xyxy arrays: 1 - IoU, 1 - GIoU
 * (Rezatofighi et al. 2019, eq. "L_GIoU = 1 - GIoU"), 1 - DIoU and 1 - CIoU
 * (Zheng et al. 2020, eqs. 7 and 10: L = 1 - IoU + rho^2/c^2 (+ alpha v), with
 * alpha = v / ((1 - IoU) + v)). Forward values only; the metrics come from
 * core's IoU family.
 */
import { ciouXyxy, diouXyxy, giouXyxy, iouXyxy } from '@mot/core';
import { checkSameLength, checkXyxyBoxes } from './box-checks.js';
import { reduceLoss, type LossOptions, type LossOutput, type Reduction } from './loss-reduction.js';

type Metric = (ax1: number, ay1: number, ax2: number, ay2: number, bx1: number, by1: number, bx2: number, by2: number) => number;

function oneMinus<R extends Reduction>(fn: string, metric: Metric, pred: Float32Array, target: Float32Array, options: LossOptions<R>): LossOutput<R> {
  const n = checkXyxyBoxes(fn, 'pred', pred);
  checkXyxyBoxes(fn, 'target', target);
  checkSameLength(fn, 'target', target, 'pred', pred);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const p = 4 * i;
    out[i] = 1 - metric(pred[p], pred[p + 1], pred[p + 2], pred[p + 3], target[p], target[p + 1], target[p + 2], target[p + 3]);
  }
  return reduceLoss(fn, out, options.reduction);
}

/**
 * IoU loss 1 - IoU per box pair, in [0, 1].
 * @param pred predicted boxes, xyxy (px), flat [N,4]
 * @param target target boxes, xyxy (px), flat [N,4]
 * @returns the reduced loss, or [N] losses for reduction 'none'
 * @throws ShapeError for malformed or mismatched box arrays; ConfigError for an unknown reduction
 * @example iouLoss(new Float32Array([0, 0, 2, 2]), new Float32Array([1, 0, 3, 2])) // 2/3
 */
export function iouLoss<R extends Reduction = 'mean'>(pred: Float32Array, target: Float32Array, options: LossOptions<R> = {}): LossOutput<R> {
  return oneMinus('iouLoss', iouXyxy, pred, target, options);
}

/**
 * GIoU loss 1 - GIoU, in [0, 2); non-zero gradient signal even for disjoint boxes.
 * @param pred predicted boxes, xyxy (px), flat [N,4]
 * @param target target boxes, xyxy (px), flat [N,4]
 * @returns the reduced loss, or [N] losses for reduction 'none'
 * @throws ShapeError for malformed or mismatched box arrays; ConfigError for an unknown reduction
 * @example giouLoss(new Float32Array([0, 0, 1, 1]), new Float32Array([2, 0, 3, 1])) // 4/3
 */
export function giouLoss<R extends Reduction = 'mean'>(pred: Float32Array, target: Float32Array, options: LossOptions<R> = {}): LossOutput<R> {
  return oneMinus('giouLoss', giouXyxy, pred, target, options);
}

/**
 * DIoU loss 1 - IoU + rho^2 / c^2, in [0, 2).
 * @param pred predicted boxes, xyxy (px), flat [N,4]
 * @param target target boxes, xyxy (px), flat [N,4]
 * @returns the reduced loss, or [N] losses for reduction 'none'
 * @throws ShapeError for malformed or mismatched box arrays; ConfigError for an unknown reduction
 * @example diouLoss(new Float32Array([0, 0, 1, 1]), new Float32Array([2, 0, 3, 1])) // 1 + 4/10
 */
export function diouLoss<R extends Reduction = 'mean'>(pred: Float32Array, target: Float32Array, options: LossOptions<R> = {}): LossOutput<R> {
  return oneMinus('diouLoss', diouXyxy, pred, target, options);
}

/**
 * CIoU loss 1 - IoU + rho^2 / c^2 + alpha v, with v the aspect-ratio
 * discrepancy and alpha = v / ((1 - IoU) + v).
 * @param pred predicted boxes, xyxy (px), flat [N,4]
 * @param target target boxes, xyxy (px), flat [N,4]
 * @returns the reduced loss, or [N] losses for reduction 'none'
 * @throws ShapeError for malformed or mismatched box arrays; ConfigError for an unknown reduction
 * @example ciouLoss(new Float32Array([0, 0, 2, 2]), new Float32Array([0, 0, 4, 2])) // 0.5532481
 */
export function ciouLoss<R extends Reduction = 'mean'>(pred: Float32Array, target: Float32Array, options: LossOptions<R> = {}): LossOutput<R> {
  return oneMinus('ciouLoss', ciouXyxy, pred, target, options);
}
