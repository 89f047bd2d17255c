import { ShapeError } from '@mot/core';
import { type Tensor, expectRank, tensor } from './tensor.js';

function check(fn: string, x: Tensor): number[] {
  const shape = expectRank(x, 4, `${fn}: input`);
  if (shape[2] * shape[3] === 0) {
    throw new ShapeError(`${fn}: input spatial size must be non-empty, got [${shape.join(', ')}]`);
  }
  return shape;
}

/**
 * Mean over each channel plane (PyTorch `AdaptiveAvgPool2d(1)`).
 *
 * @param x input `[N, C, H, W]`, H * W > 0
 * @returns `[N, C, 1, 1]` (spatial axes kept so that the result feeds a 1x1 conv)
 * @throws ShapeError when `x` is not rank 4 or H * W is 0
 * @example
 * globalAvgPool2d(tensor([1, 1, 2, 2], [1, 2, 3, 4])).data; // [2.5]
 */
export function globalAvgPool2d(x: Tensor): Tensor {
  const [n, c, h, w] = check('globalAvgPool2d', x);
  const hw = h * w;
  const out = new Float32Array(n * c);
  for (let p = 0; p < n * c; p++) {
    // float64 accumulation: planes can hold 10^5 values.
    let s = 0;
    const base = p * hw;
    for (let i = 0; i < hw; i++) s += x.data[base + i];
    out[p] = s / hw;
  }
  return tensor([n, c, 1, 1], out);
}

/**
 * Maximum over each channel plane (PyTorch `AdaptiveMaxPool2d(1)`).
 *
 * @param x input `[N, C, H, W]`, H * W > 0
 * @returns `[N, C, 1, 1]`
 * @throws ShapeError when `x` is not rank 4 or H * W is 0
 * @example
 * globalMaxPool2d(tensor([1, 1, 2, 2], [1, 2, 3, 4])).data; // [4]
 */
export function globalMaxPool2d(x: Tensor): Tensor {
  const [n, c, h, w] = check('globalMaxPool2d', x);
  const hw = h * w;
  const out = new Float32Array(n * c);
  for (let p = 0; p < n * c; p++) {
    let m = -Infinity;
    const base = p * hw;
    for (let i = 0; i < hw; i++) if (x.data[base + i] > m) m = x.data[base + i];
    out[p] = m;
  }
  return tensor([n, c, 1, 1], out);
}
