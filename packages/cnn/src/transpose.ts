import { ConfigError } from '@mot/core';
import { type Tensor, expectRank, tensor } from './tensor.js';

/**
 * Permutes the axes of a tensor: output axis i is input axis `perm[i]`
 * (`tf.transpose` / `torch.permute`), e.g. NCHW -> NHWC with `[0, 2, 3, 1]`.
 *
 * @param x input of any rank
 * @param perm a permutation of 0..rank-1; default reverses the axes
 * @returns a new tensor of shape `perm.map((p) => x.shape[p])`
 * @throws ConfigError when `perm` is not a permutation of 0..rank-1
 * @example
 * transpose(tensor([2, 3], [1, 2, 3, 4, 5, 6])).data; // [1, 4, 2, 5, 3, 6]
 */
export function transpose(x: Tensor, perm?: readonly number[]): Tensor {
  const shape = expectRank(x, x.shape.length, 'transpose: x');
  const rank = shape.length;
  const p = perm === undefined ? shape.map((_, i) => rank - 1 - i) : [...perm];
  const seen = new Set(p);
  if (p.length !== rank || seen.size !== rank || !p.every((d) => Number.isInteger(d) && d >= 0 && d < rank)) {
    throw new ConfigError(`transpose: perm must be a permutation of 0..${rank - 1}, got ${JSON.stringify(perm)}`);
  }
  const outShape = p.map((d) => shape[d]);
  const inStrides = new Array<number>(rank);
  let s = 1;
  for (let i = rank - 1; i >= 0; i--) {
    inStrides[i] = s;
    s *= shape[i];
  }
  // Walk the output in order with an odometer over its index, carrying the matching input offset.
  const stride = Int32Array.from(p, (d) => inStrides[d]);
  const dims = Int32Array.from(outShape);
  const idx = new Int32Array(rank);
  const out = new Float32Array(x.data.length);
  let src = 0;
  for (let o = 0; o < out.length; o++) {
    out[o] = x.data[src];
    for (let k = rank - 1; k >= 0; k--) {
      idx[k]++;
      src += stride[k];
      if (idx[k] < dims[k]) break;
      src -= stride[k] * dims[k];
      idx[k] = 0;
    }
  }
  return tensor(outShape, out);
}
