import { ShapeError } from '@mot/core';
import { epsilon, normalizeSegments, paramVector } from './norm-params.js';
import { type Tensor, sizeOf, tensor } from './tensor.js';

/** Options of {@link layerNorm}. */
export interface LayerNormOptions {
  /** Trailing dimensions to normalise over, e.g. `[C, H, W]` or `[D]`; must equal the last dims of the input. */
  normalizedShape: readonly number[];
  /** Elementwise scale over `normalizedShape` (flattened); default 1. */
  gamma?: ArrayLike<number>;
  /** Elementwise shift over `normalizedShape` (flattened); default 0. */
  beta?: ArrayLike<number>;
  /** Default 1e-5. */
  eps?: number;
}

/**
 * Layer normalisation as PyTorch's `nn.LayerNorm(normalizedShape)`: every slice
 * over the trailing `normalizedShape` dimensions is normalised with its own
 * mean and biased variance, then scaled by gamma and shifted by beta elementwise.
 *
 * @param x input whose last dims equal `normalizedShape`, e.g. `[N, C, H, W]` with `[C, H, W]`
 * @returns a new tensor of the same shape
 * @throws ShapeError when `normalizedShape` is empty, does not match the input's trailing dims, or gamma/beta have the wrong length
 * @throws ConfigError when `eps` is not a finite number > 0
 * @example
 * layerNorm(tensor([1, 2], [1, 3]), { normalizedShape: [2] }).data; // (±1) / sqrt(1 + 1e-5) ≈ [-1, 1]
 */
export function layerNorm(x: Tensor, options: LayerNormOptions): Tensor {
  const fn = 'layerNorm';
  const ns = options.normalizedShape;
  const rank = x.shape.length;
  const k = Array.isArray(ns) ? ns.length : 0;
  if (
    k === 0 ||
    k > rank ||
    ns.some((d, i) => d !== x.shape[rank - k + i]) ||
    x.data.length !== sizeOf(x.shape) ||
    sizeOf(ns) === 0
  ) {
    throw new ShapeError(
      `${fn}: normalizedShape must be the non-empty trailing dims of the input [${x.shape.join(', ')}], got ${JSON.stringify(ns)}`,
    );
  }
  const segLen = sizeOf(ns);
  const count = x.data.length / segLen;
  const gamma = paramVector(fn, 'gamma', options.gamma, segLen, 1);
  const beta = paramVector(fn, 'beta', options.beta, segLen, 0);
  const eps = epsilon(fn, options.eps);
  const out = new Float32Array(x.data.length);
  normalizeSegments(x.data, out, count, segLen, eps);
  if (options.gamma !== undefined || options.beta !== undefined) {
    for (let s = 0; s < count; s++) {
      const base = s * segLen;
      for (let i = 0; i < segLen; i++) out[base + i] = out[base + i] * gamma[i] + beta[i];
    }
  }
  return tensor(x.shape, out);
}
