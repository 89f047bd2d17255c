import { ConfigError, ShapeError } from '@mot/core';
import { channelLayout } from './batch-norm.js';
import { epsilon, normalizeSegments, paramVector } from './norm-params.js';
import { type Tensor, tensor } from './tensor.js';

/** Options of {@link groupNorm}. */
export interface GroupNormOptions {
  /** Number of channel groups; must divide C. 1 = layer norm over (C, H, W), C = instance norm. */
  groups: number;
  /** Per-channel scale, length C; default 1. */
  gamma?: ArrayLike<number>;
  /** Per-channel shift, length C; default 0. */
  beta?: ArrayLike<number>;
  /** Default 1e-5. */
  eps?: number;
}

/**
 * Group normalisation (Wu & He, 2018) as PyTorch's `nn.GroupNorm`: channels
 * are split into `groups` consecutive groups, each (sample, group) is
 * normalised with its own mean and biased variance over its channels and
 * spatial positions, then scaled and shifted per channel.
 *
 * @param x input `[N, C, ...]` (NCHW, or `[N, C]`)
 * @returns a new tensor of the same shape
 * @throws ShapeError when `x` has rank < 2 or gamma/beta do not have length C
 * @throws ConfigError when `groups` is not a positive integer dividing C, or `eps` is not a finite number > 0
 * @example
 * // groups of 2 channels: [1, 3] -> ≈ [-1, 1], [10, 30] -> ≈ [-1, 1]
 * groupNorm(tensor([1, 4, 1, 1], [1, 3, 10, 30]), { groups: 2 }).data;
 */
export function groupNorm(x: Tensor, options: GroupNormOptions): Tensor {
  const fn = 'groupNorm';
  const [n, c, inner] = channelLayout(fn, x);
  const g = options?.groups;
  if (!Number.isInteger(g) || g < 1 || c % g !== 0) {
    throw new ConfigError(`${fn}: groups must be a positive integer dividing C = ${c}, got ${String(g)}`);
  }
  if (inner * (c / g) === 0) {
    throw new ShapeError(`${fn}: each group must hold at least one value, got shape [${x.shape.join(', ')}]`);
  }
  const gamma = paramVector(fn, 'gamma', options.gamma, c, 1);
  const beta = paramVector(fn, 'beta', options.beta, c, 0);
  const eps = epsilon(fn, options.eps);
  const out = new Float32Array(x.data.length);
  // In NCHW a group's channels are contiguous, so each (sample, group) is one segment.
  normalizeSegments(x.data, out, n * g, (c / g) * inner, eps);
  for (let p = 0; p < n * c; p++) {
    const gm = gamma[p % c];
    const b = beta[p % c];
    const base = p * inner;
    for (let i = 0; i < inner; i++) out[base + i] = out[base + i] * gm + b;
  }
  return tensor(x.shape, out);
}
