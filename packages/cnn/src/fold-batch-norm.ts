import { ShapeError } from '@mot/core';
import { epsilon, paramVector } from './norm-params.js';
import { type Tensor, expectRank, tensor } from './tensor.js';

/** A convolution's parameters: weight `[Cout, Cin / groups, kh, kw]`, optional bias of length Cout. */
export interface FoldConvParams {
  weight: Tensor;
  bias?: ArrayLike<number>;
}

/** An inference batch norm that follows the convolution, one value per output channel. */
export interface FoldableBatchNorm {
  gamma: ArrayLike<number>;
  beta: ArrayLike<number>;
  /** Running mean. */
  mean: ArrayLike<number>;
  /** Running variance. */
  variance: ArrayLike<number>;
  /** Default 1e-5. */
  eps?: number;
}

/**
 * Folds an inference batch norm into the convolution before it, so that
 * conv'(x) = bn(conv(x)): with s = gamma / sqrt(variance + eps) per output
 * channel, weight' = weight * s and bias' = (bias - mean) * s + beta.
 * Products are formed in float64 and rounded once to float32.
 *
 * @param conv weight `[Cout, Cin / groups, kh, kw]` (any group count), bias length Cout or none (treated as 0)
 * @param bn gamma, beta, mean, variance of length Cout
 * @returns new weight (same shape) and bias (length Cout); the inputs are not modified
 * @throws ShapeError when the weight is not rank 4 or a vector does not have length Cout
 * @throws ConfigError when `eps` is not a finite number > 0
 * @example
 * const w = tensor([1, 1, 1, 1], [2]);
 * foldBatchNorm({ weight: w }, { gamma: [3], beta: [1], mean: [0.5], variance: [4 - 1e-5] });
 * // s = 3 / 2 = 1.5: weight [3], bias (0 - 0.5) * 1.5 + 1 = [0.25]
 */
export function foldBatchNorm(conv: FoldConvParams, bn: FoldableBatchNorm): { weight: Tensor; bias: Float32Array } {
  const fn = 'foldBatchNorm';
  const [cout, cin, kh, kw] = expectRank(conv.weight, 4, `${fn}: conv.weight`);
  const bias = paramVector(fn, 'conv.bias', conv.bias, cout, 0);
  const gamma = paramVector(fn, 'bn.gamma', bn.gamma, cout, 1);
  const beta = paramVector(fn, 'bn.beta', bn.beta, cout, 0);
  if (bn.mean === undefined || bn.variance === undefined) {
    throw new ShapeError(`${fn}: bn.mean and bn.variance must be arrays of length ${cout}, got undefined`);
  }
  const mean = paramVector(fn, 'bn.mean', bn.mean, cout, 0);
  const variance = paramVector(fn, 'bn.variance', bn.variance, cout, 1);
  const eps = epsilon(fn, bn.eps);
  const per = cin * kh * kw;
  const w = conv.weight.data;
  const weight = new Float32Array(w.length);
  const outBias = new Float32Array(cout);
  for (let o = 0; o < cout; o++) {
    const s = gamma[o] / Math.sqrt(variance[o] + eps);
    for (let i = o * per; i < (o + 1) * per; i++) weight[i] = w[i] * s;
    outBias[o] = (bias[o] - mean[o]) * s + beta[o];
  }
  return { weight: tensor(conv.weight.shape, weight), bias: outBias };
}
