import { ShapeError } from '@mot/core';
import { epsilon, paramVector } from './norm-params.js';
import { type Tensor, sizeOf, tensor } from './tensor.js';

/** Running statistics and affine parameters of a batch norm layer, one value per channel. */
export interface BatchNormParams {
  /** Running mean, length C. */
  mean: ArrayLike<number>;
  /** Running (population) variance, length C. */
  variance: ArrayLike<number>;
  /** Scale, length C; default 1. */
  gamma?: ArrayLike<number>;
  /** Shift, length C; default 0. */
  beta?: ArrayLike<number>;
  /** Added to the variance; default 1e-5 (PyTorch; tfjs's `tf.batchNorm` defaults to 1e-3). */
  eps?: number;
}

/**
 * Checks that `x` is `[N, C, ...]` with rank >= 2 and returns N, C and the
 * number of values per (sample, channel).
 */
export function channelLayout(fn: string, x: Tensor): [number, number, number] {
  if (x.shape.length < 2 || x.data.length !== sizeOf(x.shape)) {
    throw new ShapeError(`${fn}: input must be [N, C, ...] with rank >= 2, got shape [${x.shape.join(', ')}]`);
  }
  return [x.shape[0], x.shape[1], sizeOf(x.shape.slice(2))];
}

/**
 * Batch normalisation in inference mode: y = gamma * (x - mean) / sqrt(var + eps) + beta
 * per channel, with the running statistics.
 *
 * @param x input `[N, C, ...]` (channel axis 1: NCHW, or `[N, C]` after a linear layer)
 * @returns a new tensor of the same shape
 * @throws ShapeError when `x` has rank < 2 or a parameter does not have length C
 * @throws ConfigError when `eps` is not a finite number > 0
 * @example
 * batchNorm(tensor([1, 1, 1, 2], [1, 3]), { mean: [2], variance: [4] }).data; // (1 - 2) / sqrt(4 + 1e-5) ≈ [-0.5, 0.5]
 */
export function batchNorm(x: Tensor, params: BatchNormParams): Tensor {
  const fn = 'batchNorm';
  const [n, c, inner] = channelLayout(fn, x);
  const mean = paramVector(fn, 'mean', params.mean, c, 0);
  const variance = paramVector(fn, 'variance', params.variance, c, 1);
  const gamma = paramVector(fn, 'gamma', params.gamma, c, 1);
  const beta = paramVector(fn, 'beta', params.beta, c, 0);
  const eps = epsilon(fn, params.eps);
  // Fold into y = x * scale + shift once per channel instead of per element.
  const scale = new Float64Array(c);
  const shift = new Float64Array(c);
  for (let ch = 0; ch < c; ch++) {
    scale[ch] = gamma[ch] / Math.sqrt(variance[ch] + eps);
    shift[ch] = beta[ch] - mean[ch] * scale[ch];
  }
  const out = new Float32Array(x.data.length);
  const src = x.data;
  for (let b = 0; b < n; b++) {
    for (let ch = 0; ch < c; ch++) {
      const base = (b * c + ch) * inner;
      const s = scale[ch];
      const t = shift[ch];
      for (let i = 0; i < inner; i++) out[base + i] = src[base + i] * s + t;
    }
  }
  return tensor(x.shape, out);
}
