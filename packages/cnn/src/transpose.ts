import { ConfigError, ShapeError } from '@mot/core';
import { type Tensor, expectRank, tensor } from './tensor.js';

/**
 * Permutes the axes of a tensor: output axis i is input axis `perm[i]`
 * (`tf.transpose` / `torch.permute`), e.g. NCHW -> NHWC with `[0, 2, 3, 1]`.
 *
 * @param x input of any rank
 * @param perm a permutation of 0..rank-1; default reverses the axes
 * @param out write into this array (every element) instead of a new one
 * @returns a new tensor (on `out` when given) of shape `perm.map((p) => x.shape[p])`
 * @throws ConfigError when `perm` is not a permutation of 0..rank-1
 * @example
 * transpose(tensor([2, 3], [1, 2, 3, 4, 5, 6])).data; // [1, 4, 2, 5, 3, 6]
 */
export function transpose(x: Tensor, perm?: readonly number[], out?: Float32Array): Tensor {
  const shape = expectRank(x, x.shape.length, 'transpose: x');
  if (out !== undefined && out.length < x.data.length) {
    throw new ShapeError(`transpose: out must have at least ${x.data.length} elements, got ${out.length}`);
  }
  // Both walks below write every element, so `out` may be a recycled buffer.
  const dst = out?.subarray(0, x.data.length) ?? new Float32Array(x.data.length);
  const rank = shape.length;
  const p = perm === undefined ? shape.map((_, i) => rank - 1 - i) : [...perm];
  const seen = new Set(p);
  if (p.length !== rank || seen.size !== rank || !p.every((d) => Number.isInteger(d) && d >= 0 && d < rank)) {
    throw new ConfigError(`transpose: perm must be a permutation of 0..${rank - 1}, got ${JSON.stringify(perm)}`);
  }
  const outShape = p.map((d) => shape[d]);
  if (rank >= 2 && p[rank - 2] === rank - 1 && p[rank - 1] === rank - 2 && p.slice(0, rank - 2).every((d, i) => d === i)) {
    return tensor(outShape, transposeLastTwo(x.data, shape[rank - 2], shape[rank - 1], dst));
  }
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
  let src = 0;
  for (let o = 0; o < dst.length; o++) {
    dst[o] = x.data[src];
    for (let k = rank - 1; k >= 0; k--) {
      idx[k]++;
      src += stride[k];
      if (idx[k] < dims[k]) break;
      src -= stride[k] * dims[k];
      idx[k] = 0;
    }
  }
  return tensor(outShape, dst);
}

/**
 * Swaps the last two axes (`[..., r, c]` -> `[..., c, r]`, the head's
 * `[1, C, HW]` -> `[1, HW, C]`) in 32 x 32 blocks, so that both the reads and
 * the writes of a block stay within a few cache lines: about 10x the generic
 * odometer walk on NanoDet's outputs.
 */
function transposeLastTwo(src: Float32Array, r: number, c: number, out: Float32Array): Float32Array {
  const plane = r * c;
  const B = 32;
  for (let base = 0; base < src.length; base += plane) {
    for (let i0 = 0; i0 < r; i0 += B) {
      const i1 = Math.min(r, i0 + B);
      for (let j0 = 0; j0 < c; j0 += B) {
        const j1 = Math.min(c, j0 + B);
        for (let i = i0; i < i1; i++) {
          const s = base + i * c;
          for (let j = j0; j < j1; j++) out[base + j * r + i] = src[s + j];
        }
      }
    }
  }
  return out;
}
