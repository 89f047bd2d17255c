import { ConfigError } from '@mot/core';
import { type ConvGeometry, type ConvPadding, convGeometry, intPair } from './conv-padding.js';
import { type Tensor, expectRank, tensor } from './tensor.js';

/** Window geometry shared by {@link im2col} and `col2im`. */
export interface WindowOptions {
  /** Kernel size `k` or `[kh, kw]` (taps). */
  kernel: number | readonly [number, number];
  /** `s` or `[sh, sw]`, px; default 1. */
  stride?: number | readonly [number, number];
  /** See {@link ConvPadding}; default `'valid'`. */
  padding?: ConvPadding;
  /** `d` or `[dh, dw]`, px between taps; default 1. */
  dilation?: number | readonly [number, number];
}

/**
 * Unfolds sliding windows into columns (PyTorch's `unfold`): row
 * `(c * kh + i) * kw + j`, column `oy * Wo + ox` holds
 * `input[n, c, oy * sh - padTop + i * dh, ox * sw - padLeft + j * dw]`, or 0 in the padding.
 *
 * @param input `[N, C, H, W]`
 * @returns `[N, C * kh * kw, Ho * Wo]`
 * @throws ShapeError when `input` is not rank 4 or the output would be empty
 * @throws ConfigError on a malformed kernel, stride, padding or dilation
 * @example
 * // 1x1x2x2 input [1 2; 3 4], 2x2 kernel, padding 0: one column [1, 2, 3, 4]
 * im2col(tensor([1, 1, 2, 2], [1, 2, 3, 4]), { kernel: 2 }).shape; // [1, 4, 1]
 */
export function im2col(input: Tensor, options: WindowOptions): Tensor {
  const [n, c, h, w] = expectRank(input, 4, 'im2col: input');
  const [kh, kw] = kernelPair('im2col', options.kernel);
  const g = convGeometry('im2col', h, w, kh, kw, options.stride, options.padding, options.dilation);
  const rows = c * kh * kw;
  const cols = g.outH * g.outW;
  const out = tensor([n, rows, cols]);
  for (let b = 0; b < n; b++) im2colImpl(input.data, b * c * h * w, c, g, out.data, b * rows * cols);
  return out;
}

/** Checks a kernel option before use (shared with col2im). */
export function kernelPair(fn: string, kernel: WindowOptions['kernel'] | undefined): [number, number] {
  if (kernel === undefined) throw new ConfigError(`${fn}: kernel must be an integer >= 1 or a pair of them, got undefined`);
  return intPair(fn, 'kernel', kernel, 1, 1);
}

/**
 * Writes the `[C * kh * kw, Ho * Wo]` column matrix of the `C` channels of
 * `src` starting at `srcOff` (one image, `C x inH x inW`) into `dst` at `dstOff`.
 * No validation: `g` comes from `convGeometry`.
 */
export function im2colImpl(src: Float32Array, srcOff: number, channels: number, g: ConvGeometry, dst: Float32Array, dstOff: number): void {
  const { inH, inW, kh, kw, sh, sw, dh, dw, padTop, padLeft, outH, outW } = g;
  const plane = inH * inW;
  let d = dstOff;
  for (let ch = 0; ch < channels; ch++) {
    const base = srcOff + ch * plane;
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) {
        // Columns ox with 0 <= ox * sw + xOff < inW read the image; the rest are padding.
        const xOff = j * dw - padLeft;
        const oxLo = Math.min(outW, Math.max(0, Math.ceil(-xOff / sw)));
        const oxHi = Math.max(oxLo, Math.min(outW, Math.floor((inW - 1 - xOff) / sw) + 1));
        for (let oy = 0; oy < outH; oy++, d += outW) {
          const iy = oy * sh - padTop + i * dh;
          if (iy < 0 || iy >= inH) {
            dst.fill(0, d, d + outW);
            continue;
          }
          if (oxLo > 0) dst.fill(0, d, d + oxLo);
          const s = base + iy * inW + xOff;
          if (sw === 1) {
            for (let ox = oxLo; ox < oxHi; ox++) dst[d + ox] = src[s + ox];
          } else {
            for (let ox = oxLo, si = s + oxLo * sw; ox < oxHi; ox++, si += sw) dst[d + ox] = src[si];
          }
          if (oxHi < outW) dst.fill(0, d + oxHi, d + outW);
        }
      }
    }
  }
}
