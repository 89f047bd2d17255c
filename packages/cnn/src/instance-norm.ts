import { ShapeError } from '@mot/core';
import { channelLayout } from './batch-norm.js';
import { epsilon, normalizeSegments, paramVector } from './norm-params.js';
import { type Tensor, tensor } from './tensor.js';

/** Options of {@link instanceNorm}. */
export interface InstanceNormOptions {
  /** Per-channel scale, length C; default 1. */
  gamma?: ArrayLike<number>;
  /** Per-channel shift, length C; default 0. */
  beta?: ArrayLike<number>;
  /** Default 1e-5. */
  eps?: number;
}

/**
 * Instance normalisation as PyTorch's `nn.InstanceNorm2d` (no running
 * statistics): every (sample, channel) plane is normalised with its own mean
 * and biased variance, then scaled and shifted per channel.
 *
 * @param x input `[N, C, H, W]` (any rank >= 3; the spatial axes are all axes after C)
 * @returns a new tensor of the same shape
 * @throws ShapeError when `x` has rank < 3, an empty plane, or gamma/beta do not have length C
 * @throws ConfigError when `eps` is not a finite number > 0
 * @example
 * instanceNorm(tensor([1, 1, 1, 2], [2, 4])).data; // ≈ [-1, 1]
 */
export function instanceNorm(x: Tensor, options: InstanceNormOptions = {}): Tensor {
  const fn = 'instanceNorm';
  const [n, c, inner] = channelLayout(fn, x);
  if (x.shape.length < 3 || inner === 0) {
    throw new ShapeError(`${fn}: input must be [N, C, H, W] with non-empty planes, got shape [${x.shape.join(', ')}]`);
  }
  const gamma = paramVector(fn, 'gamma', options.gamma, c, 1);
  const beta = paramVector(fn, 'beta', options.beta, c, 0);
  const eps = epsilon(fn, options.eps);
  const out = new Float32Array(x.data.length);
  normalizeSegments(x.data, out, n * c, inner, eps);
  for (let p = 0; p < n * c; p++) {
    const g = gamma[p % c];
    const b = beta[p % c];
    const base = p * inner;
    for (let i = 0; i < inner; i++) out[base + i] = out[base + i] * g + b;
  }
  return tensor(x.shape, out);
}
