import { ConfigError } from '@mot/core';
import { type Tensor, expectRank, tensor } from './tensor.js';

/**
 * Coordinate convention of a resize, as tfjs's `resizeBilinear(images, size,
 * alignCorners, halfPixelCenters)` / `resizeNearestNeighbor`:
 * - both false (default): source = out * in / outSize (TF1 legacy);
 * - `alignCorners`: corner pixel centres map onto each other,
 *   source = out * (in - 1) / (outSize - 1) (PyTorch `align_corners=True`);
 * - `halfPixelCenters`: pixel centres at +0.5, source = (out + 0.5) * in / outSize - 0.5
 *   for bilinear (TF2, PyTorch `align_corners=False`, OpenCV `INTER_LINEAR`);
 *   nearest takes floor((out + 0.5) * in / outSize) (PyTorch `'nearest-exact'`).
 * The two flags are mutually exclusive.
 */
export interface ResizeOptions {
  alignCorners?: boolean;
  halfPixelCenters?: boolean;
}

interface Plan {
  n: number;
  c: number;
  h: number;
  w: number;
  outH: number;
  outW: number;
  /** Input-per-output scale along each axis under the chosen convention. */
  ratioH: number;
  ratioW: number;
  alignCorners: boolean;
  halfPixel: boolean;
}

function plan(fn: string, x: Tensor, size: readonly [number, number], options: ResizeOptions): Plan {
  const [n, c, h, w] = expectRank(x, 4, `${fn}: input`);
  if (!Array.isArray(size) || size.length !== 2 || !size.every((d) => Number.isInteger(d) && d > 0)) {
    throw new ConfigError(`${fn}: size must be [outH, outW] of positive integers, got ${JSON.stringify(size)}`);
  }
  if (h === 0 || w === 0) throw new ConfigError(`${fn}: input height and width must be > 0, got [${x.shape.join(', ')}]`);
  const alignCorners = options.alignCorners ?? false;
  const halfPixel = options.halfPixelCenters ?? false;
  if (alignCorners && halfPixel) {
    throw new ConfigError(`${fn}: alignCorners and halfPixelCenters must not both be true, got both true`);
  }
  const [outH, outW] = size;
  // tfjs: with alignCorners the effective sizes are (size - 1), unless the output is 1 wide.
  const ratioH = alignCorners && outH > 1 ? (h - 1) / (outH - 1) : h / outH;
  const ratioW = alignCorners && outW > 1 ? (w - 1) / (outW - 1) : w / outW;
  return { n, c, h, w, outH, outW, ratioH, ratioW, alignCorners, halfPixel };
}

/** Nearest source index along one axis for each output index. */
function nearestIndex(out: number, inSize: number, ratio: number, alignCorners: boolean, halfPixel: boolean): Int32Array {
  const idx = new Int32Array(out);
  for (let o = 0; o < out; o++) {
    const src = halfPixel ? ratio * (o + 0.5) : ratio * o;
    // alignCorners rounds (half up, as Math.round), the other conventions floor.
    const i = alignCorners ? Math.round(src) : Math.floor(src);
    idx[o] = Math.max(0, Math.min(inSize - 1, i));
  }
  return idx;
}

/**
 * Nearest-neighbour resize of an NCHW tensor to `[outH, outW]`, with tfjs's
 * `resizeNearestNeighbor` index rule for each convention ({@link ResizeOptions}).
 *
 * @param x input `[N, C, H, W]`, H, W > 0
 * @param size `[outH, outW]`, px
 * @returns `[N, C, outH, outW]`
 * @throws ShapeError when `x` is not rank 4
 * @throws ConfigError for a bad size, an empty input plane, or both flags set
 * @example
 * resizeNearest(tensor([1, 1, 1, 2], [1, 2]), [1, 4]).data; // [1, 1, 2, 2]
 */
export function resizeNearest(x: Tensor, size: readonly [number, number], options: ResizeOptions = {}): Tensor {
  const p = plan('resizeNearest', x, size, options);
  const rows = nearestIndex(p.outH, p.h, p.ratioH, p.alignCorners, p.halfPixel);
  const cols = nearestIndex(p.outW, p.w, p.ratioW, p.alignCorners, p.halfPixel);
  const out = new Float32Array(p.n * p.c * p.outH * p.outW);
  const src = x.data;
  let o = 0;
  for (let plane = 0; plane < p.n * p.c; plane++) {
    const base = plane * p.h * p.w;
    for (let oy = 0; oy < p.outH; oy++) {
      const row = base + rows[oy] * p.w;
      for (let ox = 0; ox < p.outW; ox++) out[o++] = src[row + cols[ox]];
    }
  }
  return tensor([p.n, p.c, p.outH, p.outW], out);
}

/** Lower/upper source index and weight of the upper one, per output index. */
function linearTaps(out: number, inSize: number, ratio: number, halfPixel: boolean) {
  const lo = new Int32Array(out);
  const hi = new Int32Array(out);
  const frac = new Float64Array(out);
  for (let o = 0; o < out; o++) {
    let s = halfPixel ? ratio * (o + 0.5) - 0.5 : ratio * o;
    // Clamping the coordinate to [0, in - 1] equals tfjs's clamped floor/ceil taps.
    s = Math.min(Math.max(s, 0), inSize - 1);
    const f = Math.floor(s);
    lo[o] = f;
    hi[o] = Math.min(f + 1, inSize - 1);
    frac[o] = s - f;
  }
  return { lo, hi, frac };
}

/**
 * Bilinear resize of an NCHW tensor to `[outH, outW]`, matching tfjs's
 * `resizeBilinear` for each convention ({@link ResizeOptions}); source
 * coordinates outside the input are clamped to its edge.
 *
 * @param x input `[N, C, H, W]`, H, W > 0
 * @param size `[outH, outW]`, px
 * @returns `[N, C, outH, outW]`
 * @throws ShapeError when `x` is not rank 4
 * @throws ConfigError for a bad size, an empty input plane, or both flags set
 * @example
 * resizeBilinear(tensor([1, 1, 1, 2], [0, 3]), [1, 4], { alignCorners: true }).data; // [0, 1, 2, 3]
 */
export function resizeBilinear(x: Tensor, size: readonly [number, number], options: ResizeOptions = {}): Tensor {
  const p = plan('resizeBilinear', x, size, options);
  const ty = linearTaps(p.outH, p.h, p.ratioH, p.halfPixel);
  const tx = linearTaps(p.outW, p.w, p.ratioW, p.halfPixel);
  const out = new Float32Array(p.n * p.c * p.outH * p.outW);
  const src = x.data;
  let o = 0;
  for (let plane = 0; plane < p.n * p.c; plane++) {
    const base = plane * p.h * p.w;
    for (let oy = 0; oy < p.outH; oy++) {
      const top = base + ty.lo[oy] * p.w;
      const bottom = base + ty.hi[oy] * p.w;
      const fy = ty.frac[oy];
      for (let ox = 0; ox < p.outW; ox++) {
        const l = tx.lo[ox];
        const r = tx.hi[ox];
        const fx = tx.frac[ox];
        const t = src[top + l] + (src[top + r] - src[top + l]) * fx;
        const b = src[bottom + l] + (src[bottom + r] - src[bottom + l]) * fx;
        out[o++] = t + (b - t) * fy;
      }
    }
  }
  return tensor([p.n, p.c, p.outH, p.outW], out);
}
