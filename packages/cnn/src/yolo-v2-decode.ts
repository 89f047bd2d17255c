/**
 * YOLOv2 box decoding (Redmon & Farhadi, "YOLO9000", CVPR 2017, section 2,
 * "Direct location prediction"): bx = sigmoid(tx) + cx, by = sigmoid(ty) + cy,
 * bw = pw exp(tw), bh = ph exp(th), in grid cells, with (cx, cy) the cell's
 * top-left corner and (pw, ph) the anchor prior.
 */
import { ShapeError } from '@mot/core';
import { checkFinite, checkInteger, checkRange } from './box-checks.js';

/**
 * Decodes raw YOLOv2 offsets into boxes.
 * @param raw (tx, ty, tw, th) per cell and prior, flat [gridH, gridW, A, 4] (row-major: y, x, prior, coordinate)
 * @param gridH feature map height (cells)
 * @param gridW feature map width (cells)
 * @param priors anchor sizes (pw, ph) in grid cells, flat [A, 2]
 * @param stride px per grid cell; 1 returns grid units. Default 1.
 * @returns xyxy boxes in px (grid units x stride), flat [gridH * gridW * A, 4], same row order as `raw`
 * @throws ShapeError when `raw` or `priors` has the wrong length; ConfigError for bad sizes or non-finite values
 * @example
 * // cell (0,0), zero offsets, prior 1x2: centre (0.5, 0.5), box [0, -0.5, 1, 1.5]
 * decodeYoloV2(new Float32Array(4), 1, 1, [1, 2]);
 */
export function decodeYoloV2(raw: Float32Array, gridH: number, gridW: number, priors: ArrayLike<number>, stride = 1): Float32Array {
  const fn = 'decodeYoloV2';
  checkInteger(fn, 'gridH', gridH);
  checkInteger(fn, 'gridW', gridW);
  checkRange(fn, 'stride', stride, Number.MIN_VALUE, Infinity);
  if (priors.length === 0 || priors.length % 2 !== 0) {
    throw new ShapeError(`${fn}: priors must be a flat [A,2] array of (pw, ph) with A >= 1, got length ${priors.length}`);
  }
  checkFinite(fn, 'priors', priors, priors.length);
  const a = priors.length / 2;
  const n = gridH * gridW * a;
  if (raw.length !== 4 * n) throw new ShapeError(`${fn}: raw must have length gridH * gridW * A * 4 = ${4 * n}, got ${raw.length}`);
  checkFinite(fn, 'raw', raw, raw.length);
  const out = new Float32Array(4 * n);
  let p = 0;
  for (let cy = 0; cy < gridH; cy++) {
    for (let cx = 0; cx < gridW; cx++) {
      for (let k = 0; k < a; k++, p += 4) {
        const bx = 1 / (1 + Math.exp(-raw[p])) + cx;
        const by = 1 / (1 + Math.exp(-raw[p + 1])) + cy;
        const hw = 0.5 * priors[2 * k] * Math.exp(raw[p + 2]);
        const hh = 0.5 * priors[2 * k + 1] * Math.exp(raw[p + 3]);
        out[p] = (bx - hw) * stride;
        out[p + 1] = (by - hh) * stride;
        out[p + 2] = (bx + hw) * stride;
        out[p + 3] = (by + hh) * stride;
      }
    }
  }
  return out;
}
