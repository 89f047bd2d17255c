/**
 * Dense anchors over a feature map: the common core of RPN and FPN anchors.
 * Internal (the public entry points are rpnAnchors and fpnAnchors).
 */
import { ConfigError } from '@mot/core';
import { checkInteger, checkRange } from './box-checks.js';

/**
 * Anchors of every size x ratio at every cell, xyxy in px, flat
 * [featureH * featureW * ratios.length * sizes.length, 4]; rows ordered by
 * cell (y, then x), then ratio, then size (py-faster-rcnn's order). An anchor
 * of size s and ratio r = h / w has area s^2: w = s / sqrt(r), h = s sqrt(r),
 * centred at ((x + offset) stride, (y + offset) stride).
 */
export function gridAnchors(
  fn: string,
  featureH: number,
  featureW: number,
  stride: number,
  sizes: readonly number[],
  ratios: readonly number[],
  offset: number,
): Float32Array {
  checkInteger(fn, 'featureH', featureH);
  checkInteger(fn, 'featureW', featureW);
  checkRange(fn, 'stride', stride, Number.MIN_VALUE, Infinity);
  checkRange(fn, 'offset', offset, 0, 1);
  if (sizes.length === 0) throw new ConfigError(`${fn}: sizes must not be empty, got []`);
  if (ratios.length === 0) throw new ConfigError(`${fn}: ratios must not be empty, got []`);
  for (const s of sizes) checkRange(fn, 'each size', s, Number.MIN_VALUE, Infinity);
  for (const r of ratios) checkRange(fn, 'each ratio', r, Number.MIN_VALUE, Infinity);
  // Half-extents of the base anchors, computed once.
  const a = ratios.length * sizes.length;
  const half = new Float64Array(2 * a);
  for (let i = 0; i < ratios.length; i++) {
    const sq = Math.sqrt(ratios[i]);
    for (let j = 0; j < sizes.length; j++) {
      half[2 * (i * sizes.length + j)] = sizes[j] / sq / 2;
      half[2 * (i * sizes.length + j) + 1] = (sizes[j] * sq) / 2;
    }
  }
  const out = new Float32Array(4 * featureH * featureW * a);
  let p = 0;
  for (let y = 0; y < featureH; y++) {
    const cy = (y + offset) * stride;
    for (let x = 0; x < featureW; x++) {
      const cx = (x + offset) * stride;
      for (let k = 0; k < a; k++, p += 4) {
        out[p] = cx - half[2 * k];
        out[p + 1] = cy - half[2 * k + 1];
        out[p + 2] = cx + half[2 * k];
        out[p + 3] = cy + half[2 * k + 1];
      }
    }
  }
  return out;
}
