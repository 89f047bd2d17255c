import { ShapeError } from '@mot/core';
import { type ConvGeometry, convGeometry, intPair } from './conv-padding.js';
import { type WindowOptions, kernelPair } from './im2col.js';
import { type Tensor, expectRank, tensor } from './tensor.js';

/** Options of {@link col2im}: the window geometry plus the image size to rebuild. */
export interface Col2imOptions extends WindowOptions {
  /** `[H, W]` of the image the columns were taken from, px. */
  outputSize: readonly [number, number];
}

/**
 * Folds columns back into an image (PyTorch's `fold`), the adjoint of
 * {@link im2col}: every column entry is added to the pixel it was read from;
 * entries that fall in the padding are dropped. Overlapping windows sum.
 *
 * @param cols `[N, C * kh * kw, Ho * Wo]`, rows and columns ordered as `im2col` writes them
 * @returns `[N, C, H, W]` with `[H, W] = options.outputSize`
 * @throws ShapeError when `cols` is not rank 3, its row count is not a multiple of kh*kw,
 *   or its column count is not Ho*Wo for the given geometry
 * @throws ConfigError on a malformed kernel, stride, padding, dilation or outputSize
 * @example
 * // two 1x2 windows over a 1x3 image, stride 1: the middle pixel gets both overlaps
 * col2im(tensor([1, 2, 2], [1, 1, 1, 1]), { kernel: [1, 2], outputSize: [1, 3] }).data; // [1, 2, 1]
 */
export function col2im(cols: Tensor, options: Col2imOptions): Tensor {
  const fn = 'col2im';
  const [n, rows, l] = expectRank(cols, 3, `${fn}: cols`);
  const [kh, kw] = kernelPair(fn, options.kernel);
  const [h, w] = intPair(fn, 'outputSize', options.outputSize, 1, 1);
  const g = convGeometry(fn, h, w, kh, kw, options.stride, options.padding, options.dilation);
  if (rows % (kh * kw) !== 0) {
    throw new ShapeError(`${fn}: cols dimension 1 must be a multiple of kh*kw = ${kh * kw}, got ${rows}`);
  }
  if (l !== g.outH * g.outW) {
    throw new ShapeError(`${fn}: cols dimension 2 must be Ho*Wo = ${g.outH}*${g.outW} = ${g.outH * g.outW}, got ${l}`);
  }
  const c = rows / (kh * kw);
  const out = tensor([n, c, h, w]);
  for (let b = 0; b < n; b++) col2imImpl(cols.data, b * rows * l, c, g, out.data, b * c * h * w);
  return out;
}

/**
 * Adds the `[C * kh * kw, Ho * Wo]` columns at `src[srcOff..]` into the image
 * `dst[dstOff..]` (`C x inH x inW`, not cleared first). No validation.
 */
export function col2imImpl(src: Float32Array, srcOff: number, channels: number, g: ConvGeometry, dst: Float32Array, dstOff: number): void {
  const { inH, inW, kh, kw, sh, sw, dh, dw, padTop, padLeft, outH, outW } = g;
  const plane = inH * inW;
  let s = srcOff;
  for (let ch = 0; ch < channels; ch++) {
    const base = dstOff + ch * plane;
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) {
        const xOff = j * dw - padLeft;
        const oxLo = Math.min(outW, Math.max(0, Math.ceil(-xOff / sw)));
        const oxHi = Math.max(oxLo, Math.min(outW, Math.floor((inW - 1 - xOff) / sw) + 1));
        for (let oy = 0; oy < outH; oy++, s += outW) {
          const iy = oy * sh - padTop + i * dh;
          if (iy < 0 || iy >= inH) continue;
          const d = base + iy * inW + xOff;
          for (let ox = oxLo, di = d + oxLo * sw; ox < oxHi; ox++, di += sw) dst[di] += src[s + ox];
        }
      }
    }
  }
}
