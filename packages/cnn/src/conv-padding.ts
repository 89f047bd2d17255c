import { ConfigError, ShapeError } from '@mot/core';

/**
 * Padding of a 2-D convolution, in input pixels:
 * - `'valid'`: none;
 * - `'same'`: TensorFlow's rule, output = ceil(in / stride) and total padding
 *   max((out - 1) * stride + (k - 1) * dilation + 1 - in, 0), of which
 *   floor(total / 2) goes on top/left and the odd pixel at the bottom/right;
 * - `p`: p on every side; `[ph, pw]`: ph top and bottom, pw left and right
 *   (PyTorch's `padding=(ph, pw)`);
 * - `[top, bottom, left, right]`: asymmetric.
 */
export type ConvPadding =
  | 'valid'
  | 'same'
  | number
  | readonly [number, number]
  | readonly [number, number, number, number];

/** Resolved geometry of a 2-D convolution (or correlation window sweep) over an `inH x inW` plane. */
export interface ConvGeometry {
  inH: number;
  inW: number;
  kh: number;
  kw: number;
  /** Stride, px. */
  sh: number;
  sw: number;
  /** Dilation (spacing between kernel taps), px. */
  dh: number;
  dw: number;
  padTop: number;
  padBottom: number;
  padLeft: number;
  padRight: number;
  outH: number;
  outW: number;
}

/**
 * Reads a `v | [vh, vw]` option as a pair of integers >= `min`.
 * @throws ConfigError naming `fn` and `name` otherwise
 */
export function intPair(
  fn: string,
  name: string,
  v: number | readonly [number, number] | undefined,
  fallback: number,
  min: number,
): [number, number] {
  const p: readonly unknown[] = v === undefined ? [fallback, fallback] : typeof v === 'number' ? [v, v] : v;
  if (!Array.isArray(p) || p.length !== 2 || !p.every((d) => Number.isInteger(d) && (d as number) >= min)) {
    throw new ConfigError(`${fn}: ${name} must be an integer >= ${min} or a pair of them, got ${JSON.stringify(v)}`);
  }
  return [p[0] as number, p[1] as number];
}

/**
 * TensorFlow's SAME padding along one axis: `[before, after]` px such that the
 * output has ceil(in / stride) samples.
 * @param inSize input size, px
 * @param k kernel size (taps)
 * @param stride px
 * @param dilation px between taps
 */
export function samePadding(inSize: number, k: number, stride: number, dilation = 1): [number, number] {
  const out = Math.ceil(inSize / stride);
  const total = Math.max((out - 1) * stride + (k - 1) * dilation + 1 - inSize, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

/**
 * Output size of a convolution along one axis:
 * floor((in + before + after - ((k - 1) * dilation + 1)) / stride) + 1
 * (may be <= 0 when the padded input is smaller than the dilated kernel).
 */
export function convOutputSize(inSize: number, k: number, stride: number, dilation: number, before: number, after: number): number {
  return Math.floor((inSize + before + after - ((k - 1) * dilation + 1)) / stride) + 1;
}

/**
 * Resolves `padding` to `[top, bottom, left, right]` px, for an `inH x inW`
 * input and a `kh x kw` kernel with the given stride and dilation.
 * @throws ConfigError when `padding` is not one of the {@link ConvPadding} forms with integers >= 0
 */
export function resolveConvPadding(
  fn: string,
  padding: ConvPadding | undefined,
  inH: number,
  inW: number,
  kh: number,
  kw: number,
  sh: number,
  sw: number,
  dh: number,
  dw: number,
): [number, number, number, number] {
  if (padding === undefined || padding === 'valid') return [0, 0, 0, 0];
  if (padding === 'same') {
    const [t, b] = samePadding(inH, kh, sh, dh);
    const [l, r] = samePadding(inW, kw, sw, dw);
    return [t, b, l, r];
  }
  const bad = (): ConfigError =>
    new ConfigError(
      `${fn}: padding must be 'same', 'valid', an integer >= 0, [ph, pw] or [top, bottom, left, right], got ${JSON.stringify(padding)}`,
    );
  if (typeof padding === 'number') {
    if (!Number.isInteger(padding) || padding < 0) throw bad();
    return [padding, padding, padding, padding];
  }
  if (!Array.isArray(padding) || !padding.every((p) => Number.isInteger(p) && p >= 0)) throw bad();
  if (padding.length === 2) return [padding[0], padding[0], padding[1], padding[1]];
  if (padding.length === 4) return [padding[0], padding[1], padding[2], padding[3]];
  throw bad();
}

/**
 * Resolves stride, dilation and padding of a 2-D convolution over an
 * `inH x inW` plane with a `kh x kw` kernel, and checks that the output is
 * at least 1 x 1.
 * @param fn caller name for error messages
 * @param stride `s` or `[sh, sw]`, px, default 1
 * @param dilation `d` or `[dh, dw]`, px, default 1
 * @param padding see {@link ConvPadding}, default `'valid'`
 * @throws ConfigError on a malformed stride, dilation or padding
 * @throws ShapeError when the output would be empty
 * @example
 * convGeometry('conv2d', 416, 416, 3, 3, 2, 'same').outH; // ceil(416 / 2) = 208
 */
export function convGeometry(
  fn: string,
  inH: number,
  inW: number,
  kh: number,
  kw: number,
  stride?: number | readonly [number, number],
  padding?: ConvPadding,
  dilation?: number | readonly [number, number],
): ConvGeometry {
  const [sh, sw] = intPair(fn, 'stride', stride, 1, 1);
  const [dh, dw] = intPair(fn, 'dilation', dilation, 1, 1);
  const [padTop, padBottom, padLeft, padRight] = resolveConvPadding(fn, padding, inH, inW, kh, kw, sh, sw, dh, dw);
  const outH = convOutputSize(inH, kh, sh, dh, padTop, padBottom);
  const outW = convOutputSize(inW, kw, sw, dw, padLeft, padRight);
  if (outH <= 0 || outW <= 0) {
    throw new ShapeError(
      `${fn}: input must be at least as large as the dilated kernel after padding, got input ${inH}x${inW}, ` +
        `kernel ${kh}x${kw}, dilation ${dh}x${dw}, padding [${padTop}, ${padBottom}, ${padLeft}, ${padRight}] -> output ${outH}x${outW}`,
    );
  }
  return { inH, inW, kh, kw, sh, sw, dh, dw, padTop, padBottom, padLeft, padRight, outH, outW };
}
