import { ConfigError, ShapeError } from '@mot/core';
import { channelLayout } from './batch-norm.js';
import { epsilon, paramVector } from './norm-params.js';
import { type Tensor, tensor } from './tensor.js';

/** Parameters of {@link batchNormTrain}; statistics are per channel. */
export interface BatchNormTrainParams {
  /** Running mean before this batch, length C. */
  runningMean: ArrayLike<number>;
  /** Running variance before this batch, length C. */
  runningVariance: ArrayLike<number>;
  /** Scale, length C; default 1. */
  gamma?: ArrayLike<number>;
  /** Shift, length C; default 0. */
  beta?: ArrayLike<number>;
  /** Weight of the batch statistic in the running update, in [0, 1]; default 0.1 (PyTorch). */
  momentum?: number;
  /** Added to the variance; default 1e-5. */
  eps?: number;
}

/** Result of {@link batchNormTrain}. */
export interface BatchNormTrainResult {
  /** Normalised input with the batch statistics, same shape as the input. */
  output: Tensor;
  /** Batch mean per channel over N and the spatial axes. */
  batchMean: Float32Array;
  /** Biased batch variance per channel (divisor N*H*W), the one used to normalise. */
  batchVariance: Float32Array;
  /** (1 - momentum) * runningMean + momentum * batchMean. */
  runningMean: Float32Array;
  /** (1 - momentum) * runningVariance + momentum * unbiased batch variance (divisor N*H*W - 1). */
  runningVariance: Float32Array;
}

/**
 * Batch normalisation in training mode, as PyTorch's `BatchNorm2d.train()`:
 * normalises with the batch statistics over N and the spatial axes (biased
 * variance) and returns the updated running statistics (unbiased variance).
 * The input parameter arrays are not modified.
 *
 * @param x input `[N, C, ...]`, with N * H * W >= 2 per channel
 * @throws ShapeError when `x` has rank < 2, fewer than 2 values per channel, or a parameter does not have length C
 * @throws ConfigError when `momentum` is outside [0, 1] or `eps` is not a finite number > 0
 * @example
 * const r = batchNormTrain(tensor([2, 1], [1, 3]), { runningMean: [0], runningVariance: [1] });
 * r.batchMean; // [2]; r.runningMean: 0.9 * 0 + 0.1 * 2 = [0.2]; r.runningVariance: 0.9 + 0.1 * 2 = [1.1]
 */
export function batchNormTrain(x: Tensor, params: BatchNormTrainParams): BatchNormTrainResult {
  const fn = 'batchNormTrain';
  const [n, c, inner] = channelLayout(fn, x);
  const count = n * inner;
  if (count < 2) {
    // The unbiased variance divides by count - 1 (PyTorch raises here too).
    throw new ShapeError(`${fn}: input must hold at least 2 values per channel, got shape [${x.shape.join(', ')}]`);
  }
  const runMean = paramVector(fn, 'runningMean', params.runningMean, c, 0);
  const runVar = paramVector(fn, 'runningVariance', params.runningVariance, c, 1);
  const gamma = paramVector(fn, 'gamma', params.gamma, c, 1);
  const beta = paramVector(fn, 'beta', params.beta, c, 0);
  const eps = epsilon(fn, params.eps);
  const m = params.momentum ?? 0.1;
  if (typeof m !== 'number' || !(m >= 0 && m <= 1)) {
    throw new ConfigError(`${fn}: momentum must be a number in [0, 1], got ${String(params.momentum)}`);
  }
  const src = x.data;
  const out = new Float32Array(src.length);
  const batchMean = new Float32Array(c);
  const batchVariance = new Float32Array(c);
  const runningMean = new Float32Array(c);
  const runningVariance = new Float32Array(c);
  for (let ch = 0; ch < c; ch++) {
    // Two passes in float64: the mean first, then squared deviations.
    let sum = 0;
    for (let b = 0; b < n; b++) {
      const base = (b * c + ch) * inner;
      for (let i = 0; i < inner; i++) sum += src[base + i];
    }
    const mean = sum / count;
    let sq = 0;
    for (let b = 0; b < n; b++) {
      const base = (b * c + ch) * inner;
      for (let i = 0; i < inner; i++) {
        const d = src[base + i] - mean;
        sq += d * d;
      }
    }
    const biased = sq / count;
    batchMean[ch] = mean;
    batchVariance[ch] = biased;
    runningMean[ch] = (1 - m) * runMean[ch] + m * mean;
    runningVariance[ch] = (1 - m) * runVar[ch] + m * (sq / (count - 1));
    const s = gamma[ch] / Math.sqrt(biased + eps);
    const t = beta[ch] - mean * s;
    for (let b = 0; b < n; b++) {
      const base = (b * c + ch) * inner;
      for (let i = 0; i < inner; i++) out[base + i] = src[base + i] * s + t;
    }
  }
  return { output: tensor(x.shape, out), batchMean, batchVariance, runningMean, runningVariance };
}
