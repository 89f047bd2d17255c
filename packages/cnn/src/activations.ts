import { ConfigError } from '@mot/core';
import { type Tensor, tensor } from './tensor.js';

/**
 * Elementwise activations, by name. `'linear'` is the identity, so a graph
 * runtime can fuse "conv + optional activation" with one code path.
 */
export type ActivationKind =
  | 'linear'
  | 'relu'
  | 'relu6'
  | 'leakyRelu'
  | 'sigmoid'
  | 'tanh'
  | 'mish'
  | 'hardSwish'
  | 'silu';

const KINDS: readonly ActivationKind[] = ['linear', 'relu', 'relu6', 'leakyRelu', 'sigmoid', 'tanh', 'mish', 'hardSwish', 'silu'];

/** LeakyReLU negative slope when none is given: PyTorch's 0.01 (tfjs defaults to 0.2). */
export const LEAKY_RELU_DEFAULT_ALPHA = 0.01;

/** 1 / (1 + e^-v) without overflow: e^-v is only formed for v >= 0. */
function sigmoidScalar(v: number): number {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
}

/** ln(1 + e^v); for v > 20, e^v > 4.8e8 so ln(1 + e^v) = v to float64 precision past float32's. */
function softplus(v: number): number {
  return v > 20 ? v : Math.log1p(Math.exp(v));
}

/**
 * Applies an activation to `data` in place, for fusing after a kernel that
 * just wrote `data` (e.g. a convolution's output buffer) without allocating.
 * Only use it on buffers the caller owns: kernels never mutate their inputs.
 *
 * Definitions: relu max(0, x); relu6 min(max(0, x), 6); leakyRelu x >= 0 ? x : alpha * x;
 * sigmoid 1 / (1 + e^-x); tanh; mish x * tanh(softplus(x)) (Misra, 2019);
 * hardSwish x * relu6(x + 3) / 6 (MobileNetV3); silu x * sigmoid(x) (a.k.a. swish).
 *
 * @param data values, overwritten
 * @param kind the activation
 * @param alpha leakyRelu's negative slope; ignored by the other kinds
 * @throws ConfigError for an unknown kind or a non-finite alpha
 * @example
 * const buf = Float32Array.of(-1, 2, 7);
 * applyActivationInPlace(buf, 'relu6'); // buf is now [0, 2, 6]
 */
export function applyActivationInPlace(data: Float32Array, kind: ActivationKind, alpha = LEAKY_RELU_DEFAULT_ALPHA): void {
  const n = data.length;
  // One loop per kind: the switch stays outside the hot loop.
  switch (kind) {
    case 'linear':
      return;
    case 'relu':
      for (let i = 0; i < n; i++) if (data[i] < 0) data[i] = 0;
      return;
    case 'relu6':
      for (let i = 0; i < n; i++) {
        const v = data[i];
        data[i] = v < 0 ? 0 : v > 6 ? 6 : v;
      }
      return;
    case 'leakyRelu':
      if (typeof alpha !== 'number' || !Number.isFinite(alpha)) {
        throw new ConfigError(`applyActivationInPlace: alpha must be a finite number, got ${String(alpha)}`);
      }
      for (let i = 0; i < n; i++) if (data[i] < 0) data[i] *= alpha;
      return;
    case 'sigmoid':
      for (let i = 0; i < n; i++) data[i] = sigmoidScalar(data[i]);
      return;
    case 'tanh':
      for (let i = 0; i < n; i++) data[i] = Math.tanh(data[i]);
      return;
    case 'mish':
      for (let i = 0; i < n; i++) data[i] = data[i] * Math.tanh(softplus(data[i]));
      return;
    case 'hardSwish':
      for (let i = 0; i < n; i++) {
        const v = data[i];
        const r = v + 3;
        data[i] = (v * (r < 0 ? 0 : r > 6 ? 6 : r)) / 6;
      }
      return;
    case 'silu':
      for (let i = 0; i < n; i++) data[i] = data[i] * sigmoidScalar(data[i]);
      return;
    default:
      throw new ConfigError(`applyActivationInPlace: kind must be one of ${KINDS.join(', ')}, got ${String(kind)}`);
  }
}

/**
 * Applies an activation to a copy of `x`.
 * @returns a new tensor of the same shape
 * @throws ConfigError for an unknown kind or a non-finite alpha
 * @example
 * activation(tensor([3], [-2, 0, 2]), 'leakyRelu', 0.1).data; // [-0.2, 0, 2]
 */
export function activation(x: Tensor, kind: ActivationKind, alpha?: number): Tensor {
  const out = Float32Array.from(x.data);
  applyActivationInPlace(out, kind, alpha);
  return tensor(x.shape, out);
}

/** max(0, x), elementwise, into a new tensor. @example relu(tensor([2], [-1, 2])).data; // [0, 2] */
export function relu(x: Tensor): Tensor {
  return activation(x, 'relu');
}

/** min(max(0, x), 6), elementwise, into a new tensor. @example relu6(tensor([2], [-1, 9])).data; // [0, 6] */
export function relu6(x: Tensor): Tensor {
  return activation(x, 'relu6');
}

/**
 * x for x >= 0, alpha * x otherwise, into a new tensor.
 * @param alpha negative slope; default 0.01 (PyTorch)
 * @example leakyRelu(tensor([2], [-10, 3]), 0.2).data; // [-2, 3]
 */
export function leakyRelu(x: Tensor, alpha: number = LEAKY_RELU_DEFAULT_ALPHA): Tensor {
  return activation(x, 'leakyRelu', alpha);
}

/** 1 / (1 + e^-x), overflow-free, into a new tensor. @example sigmoid(tensor([1], [0])).data; // [0.5] */
export function sigmoid(x: Tensor): Tensor {
  return activation(x, 'sigmoid');
}

/** Hyperbolic tangent into a new tensor. @example tanh(tensor([1], [0])).data; // [0] */
export function tanh(x: Tensor): Tensor {
  return activation(x, 'tanh');
}

/** x * tanh(ln(1 + e^x)) (Mish, Misra 2019), into a new tensor. @example mish(tensor([1], [0])).data; // [0] */
export function mish(x: Tensor): Tensor {
  return activation(x, 'mish');
}

/** x * relu6(x + 3) / 6 (h-swish, MobileNetV3), into a new tensor. @example hardSwish(tensor([2], [-4, 3])).data; // [0, 3] */
export function hardSwish(x: Tensor): Tensor {
  return activation(x, 'hardSwish');
}

/** x * sigmoid(x) (SiLU / swish), into a new tensor. @example silu(tensor([1], [0])).data; // [0] */
export function silu(x: Tensor): Tensor {
  return activation(x, 'silu');
}
