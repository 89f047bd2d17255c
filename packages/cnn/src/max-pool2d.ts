import { ShapeError } from '@mot/core';
import { type Pool2dOptions, type PoolGeometry, poolGeometry } from './pool-padding.js';
import { poolWindows } from './pool-windows.js';
import { type Tensor, expectRank, tensor } from './tensor.js';
import { type WasmKernels, defaultWasmKernels, wasmSimdSupported } from './wasm/wasm-kernels.js';

/**
 * 2-D max pooling over an NCHW tensor. Padded positions never win (they act as
 * -Infinity, as in PyTorch and TensorFlow).
 *
 * @param x input `[N, C, H, W]`
 * @param options kernel, stride (default = kernel), padding (default `'valid'`), ceilMode; `out`: write into this array (every element);
 *   `kernels`: the WebAssembly instance to run on (default: this thread's)
 * @returns `[N, C, outH, outW]`; see {@link poolGeometry} for the output size
 * @throws ShapeError when `x` is not rank 4 or the padded input is smaller than the kernel
 * @throws ConfigError for bad kernel, stride or padding
 * @example
 * const y = maxPool2d(tensor([1, 1, 4, 4], Float32Array.from({ length: 16 }, (_, i) => i)), { kernel: 2 });
 * // y.shape [1, 1, 2, 2], y.data [5, 7, 13, 15]
 */
export function maxPool2d(x: Tensor, options: Pool2dOptions & { out?: Float32Array; kernels?: WasmKernels }): Tensor {
  const [n, c, h, w] = expectRank(x, 4, 'maxPool2d: input');
  const g = poolGeometry('maxPool2d', h, w, options);
  const win = poolWindows(g);
  const { outH, outW, kh, kw, sh, sw, padTop, padLeft } = g;
  // Outputs whose window lies wholly inside the input: rows [oy0, oy1), columns [ox0, ox1);
  // 3x3 windows there take the unrolled loop, everything else the clipped scan.
  const oy0 = Math.min(outH, Math.ceil(padTop / sh));
  const oy1 = Math.max(oy0, Math.min(outH, Math.floor((h + padTop - kh) / sh) + 1));
  const ox0 = Math.min(outW, Math.ceil(padLeft / sw));
  const ox1 = Math.max(ox0, Math.min(outW, Math.floor((w + padLeft - kw) / sw) + 1));
  const total = n * c * outH * outW;
  if (options.out !== undefined && options.out.length < total) {
    throw new ShapeError(`maxPool2d: out must have at least N*C*outH*outW = ${total} elements, got ${options.out.length}`);
  }
  // Both paths write every output, so `out` may be a recycled buffer.
  const out = options.out?.subarray(0, total) ?? new Float32Array(total);
  if (wasmSimdSupported()) return tensor([n, c, outH, outW], maxPoolWasm(x.data, n * c, g, out, options.kernels ?? defaultWasmKernels()));
  const fast3x3 = kh === 3 && kw === 3;
  const src = x.data;
  for (let plane = 0; plane < n * c; plane++) {
    const base = plane * h * w;
    for (let oy = 0; oy < outH; oy++) {
      const o = (plane * outH + oy) * outW;
      const y0 = win.rowStart[oy];
      const y1 = win.rowEnd[oy];
      if (!fast3x3 || oy < oy0 || oy >= oy1) {
        clippedWindows(src, base, w, y0, y1, win.colStart, win.colEnd, 0, outW, out, o);
        continue;
      }
      clippedWindows(src, base, w, y0, y1, win.colStart, win.colEnd, 0, ox0, out, o);
      interior3x3(src, base + y0 * w + ox0 * sw - padLeft, w, sw, out, o + ox0, ox1 - ox0);
      clippedWindows(src, base, w, y0, y1, win.colStart, win.colEnd, ox1, outW, out, o);
    }
  }
  return tensor([n, c, outH, outW], out);
}

/**
 * Output columns [from, to) of one output row, each the max over input rows
 * [y0, y1) and its columns [colStart, colEnd), scanned row by row, left to
 * right, keeping the first of equal values (strict `>`); NaN never wins.
 */
function clippedWindows(
  src: Float32Array,
  base: number,
  w: number,
  y0: number,
  y1: number,
  colStart: Int32Array,
  colEnd: Int32Array,
  from: number,
  to: number,
  out: Float32Array,
  o: number,
): void {
  for (let ox = from; ox < to; ox++) {
    const x0 = colStart[ox];
    const x1 = colEnd[ox];
    let m = -Infinity;
    for (let y = y0; y < y1; y++) {
      const row = base + y * w;
      for (let xx = x0; xx < x1; xx++) {
        const v = src[row + xx];
        if (v > m) m = v;
      }
    }
    out[o + ox] = m;
  }
}

/**
 * `count` unclipped 3x3 windows of one output row, the first at input offset
 * `p`, the next `sw` columns on. Unrolled: with windows of 9 taps the loop
 * nest of {@link clippedWindows} costs more than the reads (NanoDet's 3x3
 * stride-2 pool runs about 1.5-2x faster). Same scan order and comparisons, so
 * the same results.
 */
function interior3x3(src: Float32Array, p: number, w: number, sw: number, out: Float32Array, o: number, count: number): void {
  const end = o + count;
  for (; o < end; o++, p += sw) {
    let m = -Infinity;
    let v = src[p];
    if (v > m) m = v;
    v = src[p + 1];
    if (v > m) m = v;
    v = src[p + 2];
    if (v > m) m = v;
    const q = p + w;
    v = src[q];
    if (v > m) m = v;
    v = src[q + 1];
    if (v > m) m = v;
    v = src[q + 2];
    if (v > m) m = v;
    const r = q + w;
    v = src[r];
    if (v > m) m = v;
    v = src[r + 1];
    if (v > m) m = v;
    v = src[r + 2];
    if (v > m) m = v;
    out[o] = m;
  }
}

/**
 * Gradient of {@link maxPool2d} with respect to its input: each upstream value
 * is added to the input position holding its window's maximum. Ties go to the
 * first maximum in scan order (row by row, left to right), the rule of
 * TensorFlow's and PyTorch's CPU kernels; overlapping windows accumulate.
 *
 * @param dy upstream gradient `[N, C, outH, outW]`
 * @param x the forward input `[N, C, H, W]` (argmax positions are recomputed from it)
 * @param options the forward options
 * @returns gradient `[N, C, H, W]`
 * @throws ShapeError when `dy` does not have the forward output shape
 * @example
 * const x = tensor([1, 1, 2, 2], [1, 4, 3, 2]);
 * maxPool2dBackward(tensor([1, 1, 1, 1], [10]), x, { kernel: 2 }).data; // [0, 10, 0, 0]
 */
export function maxPool2dBackward(dy: Tensor, x: Tensor, options: Pool2dOptions): Tensor {
  const [n, c, h, w] = expectRank(x, 4, 'maxPool2dBackward: x');
  const g = poolGeometry('maxPool2dBackward', h, w, options);
  const want = [n, c, g.outH, g.outW];
  if (dy.shape.length !== 4 || want.some((d, i) => dy.shape[i] !== d) || dy.data.length !== n * c * g.outH * g.outW) {
    throw new ShapeError(`maxPool2dBackward: dy must have shape [${want.join(', ')}], got [${dy.shape.join(', ')}]`);
  }
  const win = poolWindows(g);
  const { outH, outW } = g;
  const dx = new Float32Array(x.data.length);
  const src = x.data;
  const up = dy.data;
  let o = 0;
  for (let plane = 0; plane < n * c; plane++) {
    const base = plane * h * w;
    for (let oy = 0; oy < outH; oy++) {
      const y0 = win.rowStart[oy];
      const y1 = win.rowEnd[oy];
      for (let ox = 0; ox < outW; ox++) {
        const x0 = win.colStart[ox];
        const x1 = win.colEnd[ox];
        let m = -Infinity;
        let at = -1;
        for (let y = y0; y < y1; y++) {
          const row = base + y * w;
          for (let xx = x0; xx < x1; xx++) {
            // Strict `>` keeps the first maximum; `at < 0` lets an all -Infinity window still route.
            if (src[row + xx] > m || at < 0) {
              m = src[row + xx];
              at = row + xx;
            }
          }
        }
        dx[at] += up[o++];
      }
    }
  }
  return tensor(x.shape, dx);
}

/**
 * The same pooling in WebAssembly (about 10x the JavaScript loop on NanoDet's
 * 3x3/2 pool): planes copied with a -Infinity border for the padding (and
 * ceil-mode overhang) in one pass (pad_planes), then a window max per output.
 */
function maxPoolWasm(src: Float32Array, planes: number, g: PoolGeometry, out: Float32Array, kr: WasmKernels): Float32Array {
  const { inH, inW, kh, kw, sh, sw, padTop, padLeft, outH, outW } = g;
  const hp = Math.max(padTop + inH, (outH - 1) * sh + kh);
  const wp = Math.max(padLeft + inW, (outW - 1) * sw + kw);
  // Input and output already in the kernels' memory (the graph runtime's
  // feature maps) are used in place; others go through scratch.
  const xIn = kr.owns(src);
  const yIn = kr.owns(out);
  const [xScratch, xpOff, yScratch] = kr.scratch(xIn ? 0 : planes * inH * inW, planes * hp * wp, yIn ? 0 : planes * outH * outW);
  const xOff = xIn ? src.byteOffset : xScratch;
  const yOff = yIn ? out.byteOffset : yScratch;
  const heap = kr.heap;
  if (!xIn) heap.set(src, xOff >> 2);
  kr.exports.pad_planes(xOff, xpOff, planes, inH, inW, inH * inW, inW, hp, wp, padTop, padLeft, -Infinity);
  kr.exports.max_pool(xpOff, planes, hp, wp, kh, kw, sh, sw, outH, outW, yOff);
  if (!yIn) out.set(heap.subarray(yOff >> 2, (yOff >> 2) + planes * outH * outW));
  return out;
}
