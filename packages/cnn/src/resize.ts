import { ConfigError, ShapeError } from '@mot/core';
import { type Tensor, expectRank, tensor } from './tensor.js';
import type { WasmKernels } from './wasm/wasm-kernels.js';

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
 * @param options the convention, and `out`: write into this array (every element) instead of a new one;
 *   `kernels`: when x and `out` are in this WebAssembly instance's memory, a half-pixel resize by
 *   exactly 2 runs in its float64 SIMD kernels (the same values)
 * @returns `[N, C, outH, outW]`
 * @throws ShapeError when `x` is not rank 4 or `out` is too short
 * @throws ConfigError for a bad size, an empty input plane, or both flags set
 * @example
 * resizeBilinear(tensor([1, 1, 1, 2], [0, 3]), [1, 4], { alignCorners: true }).data; // [0, 1, 2, 3]
 */
export function resizeBilinear(x: Tensor, size: readonly [number, number], options: ResizeOptions & { out?: Float32Array; kernels?: WasmKernels } = {}): Tensor {
  const p = plan('resizeBilinear', x, size, options);
  const ty = linearTaps(p.outH, p.h, p.ratioH, p.halfPixel);
  const tx = linearTaps(p.outW, p.w, p.ratioW, p.halfPixel);
  const { h, w, outH, outW } = p;
  const total = p.n * p.c * outH * outW;
  if (options.out !== undefined && options.out.length < total) {
    throw new ShapeError(`resizeBilinear: out must have at least N*C*outH*outW = ${total} elements, got ${options.out.length}`);
  }
  const out = options.out?.subarray(0, total) ?? new Float32Array(total);
  const src = x.data;
  // NanoDet's FPN resizes by exactly 2 both ways with half-pixel centres: the
  // taps then follow a fixed pattern, so these paths drop the tap tables and
  // evaluate the very same expressions (bit-identical to the general path).
  const kr = options.kernels;
  const inMemory = kr !== undefined && kr.owns(src) && kr.owns(out) && total > 0;
  if (p.halfPixel && outH === 2 * h && outW === 2 * w && h >= 2 && w >= 2) {
    if (inMemory) {
      // Two float64 rows of 2w for the rows interpolated along x.
      const [tmp] = kr.scratch(8 * w);
      kr.exports.up2x((src as Float32Array).byteOffset, p.n * p.c, h, w, out.byteOffset, tmp);
    } else upsample2xHalfPixel(src, p.n * p.c, h, w, out);
    return tensor([p.n, p.c, outH, outW], out);
  }
  if (p.halfPixel && h === 2 * outH && w === 2 * outW) {
    if (inMemory) kr.exports.down2x((src as Float32Array).byteOffset, p.n * p.c, outH, outW, out.byteOffset);
    else downsample2xHalfPixel(src, p.n * p.c, outH, outW, out);
    return tensor([p.n, p.c, outH, outW], out);
  }
  // Separable: each input row a tap reads is interpolated along x once, into
  // float64 (so every output is bit for bit the row-then-column formula), and
  // shared by the output rows that read it: an upsampling by 2 reuses each
  // such row for two output rows. A tap pair (lo, hi = lo or lo + 1) never
  // shares a parity unless equal, so slot `row & 1` holds row `row`.
  const rows = [new Float64Array(outW), new Float64Array(outW)];
  const held = [-1, -1];
  const lo = tx.lo;
  const hi = tx.hi;
  const fr = tx.frac;
  let o = 0;
  for (let plane = 0; plane < p.n * p.c; plane++) {
    const base = plane * h * w;
    held[0] = held[1] = -1;
    for (let oy = 0; oy < outH; oy++) {
      for (let k = 0; k < 2; k++) {
        const y = k === 0 ? ty.lo[oy] : ty.hi[oy];
        const slot = y & 1;
        if (held[slot] === y) continue;
        held[slot] = y;
        const row = rows[slot];
        const r0 = base + y * w;
        for (let ox = 0; ox < outW; ox++) {
          const a = src[r0 + lo[ox]];
          row[ox] = a + (src[r0 + hi[ox]] - a) * fr[ox];
        }
      }
      const t = rows[ty.lo[oy] & 1];
      const b = rows[ty.hi[oy] & 1];
      const fy = ty.frac[oy];
      for (let ox = 0; ox < outW; ox++) out[o++] = t[ox] + (b[ox] - t[ox]) * fy;
    }
  }
  return tensor([p.n, p.c, outH, outW], out);
}

/**
 * `[planes, h, w]` -> `[planes, 2h, 2w]`, half-pixel centres, h, w >= 2. The
 * general taps are then, along each axis of input length n: output 0 reads
 * (0, 1) with weight 0; outputs 2j + 1 and 2j + 2 read (j, j + 1) with
 * weights 0.25 and 0.75 (j < n - 1); output 2n - 1 reads (n - 1, n - 1) with
 * weight 0. Each input row is interpolated along x once into float64, as the
 * general path does, and an input row pair gives two output rows.
 */
function upsample2xHalfPixel(src: Float32Array, planes: number, h: number, w: number, out: Float32Array): void {
  const outW = 2 * w;
  let top = new Float64Array(outW);
  let bottom = new Float64Array(outW);
  let o = 0;
  for (let plane = 0; plane < planes; plane++) {
    const base = plane * h * w;
    upsampleRow2x(src, base, w, top);
    upsampleRow2x(src, base + w, w, bottom);
    // Output row 0: rows (0, 1), weight 0.
    for (let x = 0; x < outW; x++, o++) {
      const t = top[x];
      out[o] = t + (bottom[x] - t) * 0;
    }
    for (let y = 0; y < h - 1; y++) {
      if (y > 0) {
        const held = top;
        top = bottom;
        bottom = held;
        upsampleRow2x(src, base + (y + 1) * w, w, bottom);
      }
      // Output rows 2y + 1 and 2y + 2: rows (y, y + 1), weights 0.25 and 0.75.
      for (let x = 0; x < outW; x++, o++) {
        const t = top[x];
        const d = bottom[x] - t;
        out[o] = t + d * 0.25;
        out[o + outW] = t + d * 0.75;
      }
      o += outW;
    }
    // Last output row: row h - 1 twice, weight 0 (bottom holds it).
    for (let x = 0; x < outW; x++, o++) {
      const t = bottom[x];
      out[o] = t + (t - t) * 0;
    }
  }
}

/** One input row of `w` >= 2 values from `src[from]` interpolated along x to 2w, half-pixel centres, in float64. */
function upsampleRow2x(src: Float32Array, from: number, w: number, row: Float64Array): void {
  let a = src[from];
  row[0] = a + (src[from + 1] - a) * 0;
  for (let j = 0; j < w - 1; j++) {
    const b = src[from + j + 1];
    const d = b - a;
    row[2 * j + 1] = a + d * 0.25;
    row[2 * j + 2] = a + d * 0.75;
    a = b;
  }
  row[2 * w - 1] = a + (a - a) * 0;
}

/**
 * `[planes, 2h, 2w]` -> `[planes, h, w]`, half-pixel centres: output (y, x)
 * reads input rows (2y, 2y + 1) and columns (2x, 2x + 1), weight 0.5 along
 * both, in the general path's order (along x first, in float64).
 */
function downsample2xHalfPixel(src: Float32Array, planes: number, h: number, w: number, out: Float32Array): void {
  const inW = 2 * w;
  let o = 0;
  for (let plane = 0; plane < planes; plane++) {
    const base = plane * 4 * h * w;
    for (let y = 0; y < h; y++) {
      const r0 = base + 2 * y * inW;
      const r1 = r0 + inW;
      for (let x = 0; x < w; x++, o++) {
        const a = src[r0 + 2 * x];
        const c = src[r1 + 2 * x];
        const t = a + (src[r0 + 2 * x + 1] - a) * 0.5;
        out[o] = t + (c + (src[r1 + 2 * x + 1] - c) * 0.5 - t) * 0.5;
      }
    }
  }
}
