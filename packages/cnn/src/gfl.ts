/**
 * Generalized Focal Loss box decoding (Li et al., "Generalized Focal Loss",
 * NeurIPS 2020, section 3.3), as NanoDet uses it: each side's distance is the
 * expectation sum_j j * softmax(logits)_j over reg_max + 1 bins, scaled by the
 * stride, measured from the cell centre. Channel layout is side-major
 * (channel = side * (reg_max + 1) + j, sides left, top, right, bottom), as
 * packages/detector/models/nanodet/README.md documents for the shipped model.
 */
import { ShapeError } from '@mot/core';
import { checkFinite, checkInteger, checkRange } from './box-checks.js';

/**
 * Integral of the per-side discrete distributions.
 * @param logits flat [N, 4 * (regMax + 1)], side-major
 * @param regMax largest bin index (NanoDet: 7 or 10)
 * @returns expected distances (l, t, r, b) in bins, flat [N,4], each in [0, regMax]
 * @throws ShapeError when the length is not a multiple of 4 * (regMax + 1); ConfigError for a bad regMax or non-finite logits
 * @example distributionToDistance(new Float32Array(8), 1) // uniform over {0, 1}: [0.5, 0.5, 0.5, 0.5]
 */
export function distributionToDistance(logits: Float32Array, regMax: number): Float32Array {
  const fn = 'distributionToDistance';
  checkInteger(fn, 'regMax', regMax);
  const bins = regMax + 1;
  if (logits.length % (4 * bins) !== 0) {
    throw new ShapeError(`${fn}: logits must be a flat [N, ${4 * bins}] array for regMax ${regMax}, got length ${logits.length}`);
  }
  checkFinite(fn, 'logits', logits, logits.length);
  const n = logits.length / (4 * bins);
  const out = new Float32Array(4 * n);
  for (let s = 0; s < 4 * n; s++) {
    const base = s * bins;
    // softmax with the max subtracted, so that large logits do not overflow exp()
    let max = -Infinity;
    for (let j = 0; j < bins; j++) max = Math.max(max, logits[base + j]);
    let sum = 0;
    let weighted = 0;
    for (let j = 0; j < bins; j++) {
      const e = Math.exp(logits[base + j] - max);
      sum += e;
      weighted += j * e;
    }
    out[s] = weighted / sum;
  }
  return out;
}

/**
 * Centres of a feature map's cells in input px: ((x + offset) stride, (y + offset) stride), row-major (y, then x).
 * @param offset 0.5 for cell centres (NanoDet), 0 for top-left corners. Default 0.5.
 * @returns flat [featureH * featureW, 2] (cx, cy)
 * @throws ConfigError for non-positive sizes or stride
 * @example gridCentres(1, 2, 8) // [4, 4, 12, 4]
 */
export function gridCentres(featureH: number, featureW: number, stride: number, offset = 0.5): Float32Array {
  checkInteger('gridCentres', 'featureH', featureH);
  checkInteger('gridCentres', 'featureW', featureW);
  checkRange('gridCentres', 'stride', stride, Number.MIN_VALUE, Infinity);
  const out = new Float32Array(2 * featureH * featureW);
  for (let y = 0, p = 0; y < featureH; y++) {
    for (let x = 0; x < featureW; x++, p += 2) {
      out[p] = (x + offset) * stride;
      out[p + 1] = (y + offset) * stride;
    }
  }
  return out;
}

/**
 * Boxes from centres and side distances: (cx - l s, cy - t s, cx + r s, cy + b s).
 * @param centres flat [N,2] (cx, cy) in px
 * @param distances flat [N,4] (l, t, r, b) in bins (multiplied by `stride`)
 * @param stride px per bin (the level's stride; 1 if distances are already px)
 * @param maxShape optional [height, width] (px): x is clamped to [0, width], y to [0, height]
 * @returns xyxy boxes in px, flat [N,4]
 * @throws ShapeError for mismatched lengths; ConfigError for a bad stride or maxShape
 * @example distanceToBox(new Float32Array([4, 4]), new Float32Array([1, 1, 2, 2]), 8) // [-4, -4, 20, 20]
 */
export function distanceToBox(
  centres: Float32Array,
  distances: Float32Array,
  stride: number,
  maxShape?: readonly [height: number, width: number],
): Float32Array {
  const fn = 'distanceToBox';
  if (centres.length % 2 !== 0) throw new ShapeError(`${fn}: centres must be a flat [N,2] array, got length ${centres.length}`);
  const n = centres.length / 2;
  if (distances.length !== 4 * n) throw new ShapeError(`${fn}: distances must have length 4 * N = ${4 * n}, got ${distances.length}`);
  checkRange(fn, 'stride', stride, Number.MIN_VALUE, Infinity);
  let maxX = Infinity;
  let maxY = Infinity;
  let minV = -Infinity;
  if (maxShape !== undefined) {
    checkRange(fn, 'maxShape height', maxShape[0], 0, Infinity);
    checkRange(fn, 'maxShape width', maxShape[1], 0, Infinity);
    [maxY, maxX, minV] = [maxShape[0], maxShape[1], 0];
  }
  const out = new Float32Array(4 * n);
  for (let i = 0; i < n; i++) {
    const cx = centres[2 * i];
    const cy = centres[2 * i + 1];
    const p = 4 * i;
    out[p] = Math.min(Math.max(cx - distances[p] * stride, minV), maxX);
    out[p + 1] = Math.min(Math.max(cy - distances[p + 1] * stride, minV), maxY);
    out[p + 2] = Math.min(Math.max(cx + distances[p + 2] * stride, minV), maxX);
    out[p + 3] = Math.min(Math.max(cy + distances[p + 3] * stride, minV), maxY);
  }
  return out;
}
