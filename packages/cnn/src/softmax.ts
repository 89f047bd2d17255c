import { ConfigError, ShapeError } from '@mot/core';
import { type Tensor, sizeOf, tensor } from './tensor.js';

/**
 * Softmax along one axis: e^(x_i - max) / sum_j e^(x_j - max). Subtracting
 * the maximum keeps every exponent <= 0, so no value overflows; sums are
 * accumulated in float64.
 *
 * @param x input of any rank >= 1
 * @param axis axis to normalise over; negative counts from the end; default -1
 * @returns a new tensor of the same shape whose slices along `axis` sum to 1
 * @throws ShapeError when `x` is a scalar
 * @throws ConfigError when `axis` is not an integer in [-rank, rank)
 * @example
 * softmax(tensor([2], [0, Math.log(3)])).data; // [0.25, 0.75]
 */
export function softmax(x: Tensor, axis = -1): Tensor {
  const rank = x.shape.length;
  if (rank === 0 || x.data.length !== sizeOf(x.shape)) {
    throw new ShapeError(`softmax: input must have rank >= 1, got shape [${x.shape.join(', ')}]`);
  }
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    throw new ConfigError(`softmax: axis must be an integer in [${-rank}, ${rank}), got ${axis}`);
  }
  const a = axis < 0 ? axis + rank : axis;
  const len = x.shape[a];
  const inner = sizeOf(x.shape.slice(a + 1));
  const outer = sizeOf(x.shape.slice(0, a));
  const src = x.data;
  const out = new Float32Array(src.length);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * len * inner + i;
      let m = -Infinity;
      for (let k = 0; k < len; k++) if (src[base + k * inner] > m) m = src[base + k * inner];
      let sum = 0;
      for (let k = 0; k < len; k++) {
        const e = Math.exp(src[base + k * inner] - m);
        out[base + k * inner] = e;
        sum += e;
      }
      const inv = 1 / sum;
      for (let k = 0; k < len; k++) out[base + k * inner] *= inv;
    }
  }
  return tensor(x.shape, out);
}
