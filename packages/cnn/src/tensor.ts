import { ShapeError } from '@mot/core';

/**
 * A dense float32 tensor. Layout is row-major over `shape`; image tensors are
 * NCHW unless a kernel documents otherwise. Kernels never mutate their inputs.
 */
export interface Tensor {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/** Number of elements of a shape (1 for a scalar `[]`). */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/**
 * Creates a tensor of `shape`, zero-filled or wrapping `data` (not copied).
 * @throws ShapeError when a dimension is not a non-negative integer or the data length does not match
 */
export function tensor(shape: readonly number[], data?: Float32Array | ArrayLike<number>): Tensor {
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) {
      throw new ShapeError(`tensor: shape must be non-negative integers, got [${shape.join(', ')}]`);
    }
  }
  const n = sizeOf(shape);
  if (data === undefined) return { shape: [...shape], data: new Float32Array(n) };
  if (data.length !== n) {
    throw new ShapeError(`tensor: data length must be ${n} for shape [${shape.join(', ')}], got ${data.length}`);
  }
  return { shape: [...shape], data: data instanceof Float32Array ? data : Float32Array.from(data) };
}

/**
 * Checks that `t` has `rank` dimensions and returns its shape; `what` names the
 * function and argument for the error message (`conv2d: input`).
 */
export function expectRank(t: Tensor, rank: number, what: string): number[] {
  if (t.shape.length !== rank) {
    throw new ShapeError(`${what} must have rank ${rank}, got shape [${t.shape.join(', ')}]`);
  }
  if (t.data.length !== sizeOf(t.shape)) {
    throw new ShapeError(`${what} data length ${t.data.length} does not match shape [${t.shape.join(', ')}]`);
  }
  return [...t.shape];
}
