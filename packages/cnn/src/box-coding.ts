/**
 * R-CNN box deltas (Girshick et al. 2014, appendix C; Faster R-CNN eq. 2):
 * tx = (x - xa) / wa, ty = (y - ya) / ha, tw = log(w / wa), th = log(h / ha),
 * with (x, y) box centres and (w, h) sizes, each optionally multiplied by a
 * weight as in Detectron's BoxCoder. Widths are x2 - x1 (no +1 pixel).
 */
import { ShapeError } from '@mot/core';
import { checkFinite, checkRange, checkSameLength, checkXyxyBoxes } from './box-checks.js';

/** Detectron's second-stage (Fast R-CNN head) delta weights (wx, wy, ww, wh); the RPN uses (1, 1, 1, 1). */
export const RCNN_BOX_WEIGHTS: readonly [number, number, number, number] = [10, 10, 5, 5];

/** Detectron's BBOX_XFORM_CLIP = log(1000 / 16): caps dw, dh before exp() on decode. */
export const BBOX_XFORM_CLIP = Math.log(1000 / 16);

/** Options of {@link encodeBoxDeltas} and {@link decodeBoxDeltas}. */
export interface BoxCodingOptions {
  /** (wx, wy, ww, wh) multipliers of the four deltas. Default (1, 1, 1, 1). */
  weights?: readonly [number, number, number, number];
  /** decode only: dw / dh (after dividing by the weights) are capped at this. Default {@link BBOX_XFORM_CLIP}. */
  clamp?: number;
}

function resolveWeights(fn: string, w: readonly number[] | undefined): readonly number[] {
  const weights = w ?? [1, 1, 1, 1];
  if (weights.length !== 4) throw new ShapeError(`${fn}: weights must have 4 numbers, got ${weights.length}`);
  for (let k = 0; k < 4; k++) checkRange(fn, `weights[${k}]`, weights[k], Number.MIN_VALUE, Infinity);
  return weights;
}

function checkPositiveSizes(fn: string, arg: string, boxes: Float32Array): void {
  for (let i = 0; i < boxes.length; i += 4) {
    if (!(boxes[i + 2] > boxes[i] && boxes[i + 3] > boxes[i + 1])) {
      throw new ShapeError(`${fn}: ${arg} must have positive width and height, got [${Array.from(boxes.subarray(i, i + 4)).join(', ')}] at row ${i / 4}`);
    }
  }
}

/**
 * Encodes boxes relative to anchors (or proposals) as weighted deltas.
 * @param boxes target boxes, xyxy (px), flat [N,4], positive sizes
 * @param anchors reference boxes, xyxy (px), flat [N,4], positive sizes
 * @returns deltas (tx, ty, tw, th) * weights, flat [N,4]
 * @throws ShapeError for malformed, empty or mismatched boxes; ConfigError for non-positive weights
 * @example encodeBoxDeltas(new Float32Array([2, 3, 12, 23]), new Float32Array([0, 0, 10, 10])) // [0.2, 0.8, 0, ln 2]
 */
export function encodeBoxDeltas(boxes: Float32Array, anchors: Float32Array, options: BoxCodingOptions = {}): Float32Array {
  const fn = 'encodeBoxDeltas';
  const n = checkXyxyBoxes(fn, 'boxes', boxes);
  checkXyxyBoxes(fn, 'anchors', anchors);
  checkSameLength(fn, 'anchors', anchors, 'boxes', boxes);
  checkPositiveSizes(fn, 'boxes', boxes);
  checkPositiveSizes(fn, 'anchors', anchors);
  const [wx, wy, ww, wh] = resolveWeights(fn, options.weights);
  const out = new Float32Array(4 * n);
  for (let p = 0; p < 4 * n; p += 4) {
    const aw = anchors[p + 2] - anchors[p];
    const ah = anchors[p + 3] - anchors[p + 1];
    const ax = anchors[p] + 0.5 * aw;
    const ay = anchors[p + 1] + 0.5 * ah;
    const gw = boxes[p + 2] - boxes[p];
    const gh = boxes[p + 3] - boxes[p + 1];
    out[p] = (wx * (boxes[p] + 0.5 * gw - ax)) / aw;
    out[p + 1] = (wy * (boxes[p + 1] + 0.5 * gh - ay)) / ah;
    out[p + 2] = ww * Math.log(gw / aw);
    out[p + 3] = wh * Math.log(gh / ah);
  }
  return out;
}

/**
 * Inverse of {@link encodeBoxDeltas}: centre = d * anchor size + anchor centre,
 * size = anchor size * exp(min(d, clamp)), after dividing by the weights.
 * @param deltas flat [N,4] (tx, ty, tw, th) * weights
 * @param anchors reference boxes, xyxy (px), flat [N,4], positive sizes
 * @returns decoded boxes, xyxy (px), flat [N,4]
 * @throws ShapeError for malformed or mismatched arrays; ConfigError for non-finite deltas or bad options
 * @example decodeBoxDeltas(new Float32Array([0.2, 0.8, 0, Math.LN2]), new Float32Array([0, 0, 10, 10])) // [2, 3, 12, 23]
 */
export function decodeBoxDeltas(deltas: Float32Array, anchors: Float32Array, options: BoxCodingOptions = {}): Float32Array {
  const fn = 'decodeBoxDeltas';
  const n = checkXyxyBoxes(fn, 'anchors', anchors);
  checkPositiveSizes(fn, 'anchors', anchors);
  checkSameLength(fn, 'deltas', deltas, 'anchors', anchors);
  checkFinite(fn, 'deltas', deltas, deltas.length);
  const [wx, wy, ww, wh] = resolveWeights(fn, options.weights);
  const clamp = options.clamp ?? BBOX_XFORM_CLIP;
  checkRange(fn, 'clamp', clamp, -Infinity, Infinity);
  const out = new Float32Array(4 * n);
  for (let p = 0; p < 4 * n; p += 4) {
    const aw = anchors[p + 2] - anchors[p];
    const ah = anchors[p + 3] - anchors[p + 1];
    const cx = (deltas[p] / wx) * aw + anchors[p] + 0.5 * aw;
    const cy = (deltas[p + 1] / wy) * ah + anchors[p + 1] + 0.5 * ah;
    const w = aw * Math.exp(Math.min(deltas[p + 2] / ww, clamp));
    const h = ah * Math.exp(Math.min(deltas[p + 3] / wh, clamp));
    out[p] = cx - 0.5 * w;
    out[p + 1] = cy - 0.5 * h;
    out[p + 2] = cx + 0.5 * w;
    out[p + 3] = cy + 0.5 * h;
  }
  return out;
}
