import { ConfigError, ShapeError } from '@mot/core';
import { type ConvPadding, convOutputSize, intPair, resolveConvPadding } from './conv-padding.js';

/**
 * Padding of a 2-D pooling window, in pixels — the convolution forms
 * ({@link ConvPadding}): `'valid'`; `'same'` (TensorFlow: output = ceil(in / stride),
 * odd pixel at the bottom/right); `p`; `[ph, pw]`; `[top, bottom, left, right]`.
 */
export type PoolPadding = ConvPadding;

/** Window size, stride and padding of a 2-D pooling. */
export interface Pool2dOptions {
  /** Window size, `k` or `[kh, kw]`, px. */
  kernel: number | readonly [number, number];
  /** Step between windows, `s` or `[sh, sw]`, px; defaults to the kernel size (PyTorch). */
  stride?: number | readonly [number, number];
  /** Default `'valid'` (no padding). Every side must be smaller than the kernel so that each window sees input. */
  padding?: PoolPadding;
  /**
   * Round the output size up as PyTorch's `ceil_mode=True`: one more window when
   * the input does not tile exactly, dropped again if it would start beyond the
   * input and the top/left padding. Not allowed with `'same'`. Default false.
   */
  ceilMode?: boolean;
}

/** Resolved geometry of a 2-D pooling over an `inH x inW` plane. */
export interface PoolGeometry {
  inH: number;
  inW: number;
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  padTop: number;
  padBottom: number;
  padLeft: number;
  padRight: number;
  outH: number;
  outW: number;
}

function outputSize(fn: string, axis: string, inSize: number, k: number, s: number, p0: number, p1: number, ceil: boolean): number {
  const span = inSize + p0 + p1 - k;
  if (span < 0) {
    throw new ShapeError(`${fn}: padded input ${axis} must be >= kernel ${k}, got ${inSize} + ${p0} + ${p1}`);
  }
  if (!ceil) return convOutputSize(inSize, k, s, 1, p0, p1);
  let out = Math.ceil(span / s) + 1;
  // PyTorch (pooling_shape.h): the last window must start inside the input or the top/left padding.
  if ((out - 1) * s >= inSize + p0) out--;
  return out;
}

/**
 * Resolves kernel, stride, padding and output size of a 2-D pooling.
 * @param fn name of the calling function, for error messages
 * @param inH input height, px
 * @param inW input width, px
 * @throws ConfigError for a non-integer or non-positive kernel/stride, negative padding, padding >= kernel, or `ceilMode` with `'same'`
 * @throws ShapeError when the padded input is smaller than the kernel
 * @example
 * poolGeometry('maxPool2d', 7, 7, { kernel: 3, stride: 2, padding: 'same' }).outH; // 4
 */
export function poolGeometry(fn: string, inH: number, inW: number, options: Pool2dOptions): PoolGeometry {
  if (options === null || typeof options !== 'object') {
    throw new ConfigError(`${fn}: options must be an object, got ${String(options)}`);
  }
  if (options.kernel === undefined) throw new ConfigError(`${fn}: kernel must be an integer >= 1 or a pair of them, got undefined`);
  const [kh, kw] = intPair(fn, 'kernel', options.kernel, 1, 1);
  const [sh, sw] = intPair(fn, 'stride', options.stride ?? [kh, kw], 1, 1);
  const padding = options.padding ?? 'valid';
  const ceil = options.ceilMode ?? false;
  if (padding === 'same' && ceil) throw new ConfigError(`${fn}: ceilMode must be false with padding 'same', got true`);
  // SAME padding is always < kernel, so the check below only bites on explicit padding.
  const pads = resolveConvPadding(fn, padding, inH, inW, kh, kw, sh, sw, 1, 1);
  const [padTop, padBottom, padLeft, padRight] = pads;
  if (padTop >= kh || padBottom >= kh || padLeft >= kw || padRight >= kw) {
    throw new ConfigError(
      `${fn}: padding must be smaller than the kernel [${kh}, ${kw}] on every side, got [${pads.join(', ')}]`,
    );
  }
  const outH = outputSize(fn, 'height', inH, kh, sh, padTop, padBottom, ceil);
  const outW = outputSize(fn, 'width', inW, kw, sw, padLeft, padRight, ceil);
  return { inH, inW, kh, kw, sh, sw, padTop, padBottom, padLeft, padRight, outH, outW };
}
