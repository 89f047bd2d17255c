import { ConfigError, ShapeError } from '@mot/core';
import { type Tensor, expectRank, sizeOf } from './tensor.js';

/**
 * Gives a tensor a new shape with the same number of elements; one dimension
 * may be -1, inferred from the others. The result SHARES `data` with `x` (no
 * copy, as tfjs's reshape): kernels never mutate inputs, but copy the data
 * before handing the result to an in-place op such as `applyActivationInPlace`.
 *
 * @param x input of any rank
 * @param shape new dimensions, non-negative integers, at most one -1
 * @returns a tensor view of `shape` over `x.data`
 * @throws ConfigError when `shape` has a bad entry or more than one -1
 * @throws ShapeError when the element counts differ or -1 cannot be inferred exactly
 * @example
 * reshape(tensor([2, 3]), [-1, 2]).shape; // [3, 2]
 */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  const from = expectRank(x, x.shape.length, 'reshape: x');
  const n = x.data.length;
  if (!Array.isArray(shape) || !shape.every((d) => d === -1 || (Number.isInteger(d) && d >= 0)) || shape.filter((d) => d === -1).length > 1) {
    throw new ConfigError(`reshape: shape must be non-negative integers with at most one -1, got ${JSON.stringify(shape)}`);
  }
  const known = sizeOf(shape.filter((d) => d !== -1));
  const out = [...shape];
  const free = out.indexOf(-1);
  if (free >= 0) {
    if (known === 0 || n % known !== 0) {
      throw new ShapeError(`reshape: -1 in [${shape.join(', ')}] must be inferable from ${n} elements of [${from.join(', ')}], got a remainder`);
    }
    out[free] = n / known;
  } else if (known !== n) {
    throw new ShapeError(`reshape: shape must hold ${n} elements of [${from.join(', ')}], got [${shape.join(', ')}] (${known})`);
  }
  return { shape: out, data: x.data };
}
