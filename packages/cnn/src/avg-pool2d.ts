import { ConfigError, ShapeError } from '@mot/core';
import { type Pool2dOptions, type PoolGeometry, poolGeometry } from './pool-padding.js';
import { type PoolWindows, poolWindows } from './pool-windows.js';
import { type Tensor, expectRank, tensor } from './tensor.js';

/** Options of {@link avgPool2d}: the pooling geometry plus the divisor rule. */
export interface AvgPool2dOptions extends Pool2dOptions {
  /**
   * Divide by the window size including padded positions (PyTorch's
   * `count_include_pad`, a ceil-mode overhang past the padding is never
   * counted) instead of by the number of input positions in the window.
   * Default: false with `padding: 'same'` (TensorFlow's rule), true otherwise
   * (PyTorch's default).
   */
  countIncludePad?: boolean;
}

interface Resolved {
  g: PoolGeometry;
  win: PoolWindows;
  includePad: boolean;
}

function resolve(fn: string, h: number, w: number, options: AvgPool2dOptions): Resolved {
  const g = poolGeometry(fn, h, w, options);
  const includePad = options.countIncludePad ?? options.padding !== 'same';
  if (typeof includePad !== 'boolean') {
    throw new ConfigError(`${fn}: countIncludePad must be a boolean, got ${String(options.countIncludePad)}`);
  }
  return { g, win: poolWindows(g), includePad };
}

/** 1 / divisor of output (oy, ox). */
function inverseCount(r: Resolved, oy: number, ox: number): number {
  const { win } = r;
  const count = r.includePad
    ? win.rowFull[oy] * win.colFull[ox]
    : (win.rowEnd[oy] - win.rowStart[oy]) * (win.colEnd[ox] - win.colStart[ox]);
  return 1 / count;
}

/**
 * 2-D average pooling over an NCHW tensor. Padded positions contribute 0 to
 * the sum; the divisor follows `countIncludePad`.
 *
 * @param x input `[N, C, H, W]`
 * @returns `[N, C, outH, outW]`
 * @throws ShapeError when `x` is not rank 4 or the padded input is smaller than the kernel
 * @throws ConfigError for bad kernel, stride, padding or countIncludePad
 * @example
 * const x = tensor([1, 1, 2, 2], [1, 2, 3, 4]);
 * avgPool2d(x, { kernel: 2 }).data; // [2.5]
 * avgPool2d(x, { kernel: 2, stride: 1, padding: 1 }).data[0]; // 1 / 4 = 0.25 (pad counted)
 */
export function avgPool2d(x: Tensor, options: AvgPool2dOptions): Tensor {
  const [n, c, h, w] = expectRank(x, 4, 'avgPool2d: input');
  const r = resolve('avgPool2d', h, w, options);
  const { outH, outW } = r.g;
  const { win } = r;
  const inv = new Float64Array(outH * outW);
  for (let oy = 0; oy < outH; oy++) for (let ox = 0; ox < outW; ox++) inv[oy * outW + ox] = inverseCount(r, oy, ox);
  const out = new Float32Array(n * c * outH * outW);
  const src = x.data;
  let o = 0;
  for (let plane = 0; plane < n * c; plane++) {
    const base = plane * h * w;
    for (let oy = 0; oy < outH; oy++) {
      const y0 = win.rowStart[oy];
      const y1 = win.rowEnd[oy];
      for (let ox = 0; ox < outW; ox++) {
        const x0 = win.colStart[ox];
        const x1 = win.colEnd[ox];
        let s = 0;
        for (let y = y0; y < y1; y++) {
          const row = base + y * w;
          for (let xx = x0; xx < x1; xx++) s += src[row + xx];
        }
        out[o] = s * inv[oy * outW + ox];
        o++;
      }
    }
  }
  return tensor([n, c, outH, outW], out);
}

/**
 * Gradient of {@link avgPool2d} with respect to its input: each upstream value
 * is split evenly over its window, divided by the same count the forward pass
 * used (so padded positions absorb their share when `countIncludePad`).
 *
 * @param dy upstream gradient `[N, C, outH, outW]`
 * @param inputShape forward input shape `[N, C, H, W]`
 * @param options the forward options
 * @returns gradient `[N, C, H, W]`
 * @throws ShapeError when `inputShape` is not rank 4 or `dy` does not have the forward output shape
 * @example
 * avgPool2dBackward(tensor([1, 1, 1, 1], [8]), [1, 1, 2, 2], { kernel: 2 }).data; // [2, 2, 2, 2]
 */
export function avgPool2dBackward(dy: Tensor, inputShape: readonly number[], options: AvgPool2dOptions): Tensor {
  if (inputShape.length !== 4 || !inputShape.every((d) => Number.isInteger(d) && d >= 0)) {
    throw new ShapeError(`avgPool2dBackward: inputShape must be [N, C, H, W], got [${inputShape.join(', ')}]`);
  }
  const [n, c, h, w] = inputShape;
  const r = resolve('avgPool2dBackward', h, w, options);
  const { outH, outW } = r.g;
  const { win } = r;
  const want = [n, c, outH, outW];
  if (dy.shape.length !== 4 || want.some((d, i) => dy.shape[i] !== d) || dy.data.length !== n * c * outH * outW) {
    throw new ShapeError(`avgPool2dBackward: dy must have shape [${want.join(', ')}], got [${dy.shape.join(', ')}]`);
  }
  const dx = new Float32Array(n * c * h * w);
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
        const share = up[o++] * inverseCount(r, oy, ox);
        for (let y = y0; y < y1; y++) {
          const row = base + y * w;
          for (let xx = x0; xx < x1; xx++) dx[row + xx] += share;
        }
      }
    }
  }
  return tensor([n, c, h, w], dx);
}
