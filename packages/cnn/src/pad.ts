import { ConfigError } from '@mot/core';
import { type Tensor, expectRank, sizeOf, tensor } from './tensor.js';

/** Options of {@link pad}. */
export interface PadOptions {
  /**
   * `'constant'` fills with `value`; `'reflect'` mirrors without repeating the
   * edge (PyTorch `reflect`, NumPy `reflect`: [1, 2, 3] padded by 2 -> 3 2 | 1 2 3 | 2 1),
   * which needs every pad < that axis's length. Default `'constant'`.
   */
  mode?: 'constant' | 'reflect';
  /** Fill value for `'constant'`, any number including -Infinity (e.g. before a max pool); default 0. */
  value?: number;
}

/**
 * Pads a tensor per axis.
 *
 * @param x input of any rank >= 1
 * @param paddings `[before, after]` per axis, non-negative integers, one entry per axis of `x`
 * @returns a new tensor, each axis grown by before + after
 * @throws ConfigError for a paddings list of the wrong length, negative or fractional pads, an unknown mode, or reflect pads >= the axis length
 * @example
 * pad(tensor([1, 2], [1, 2]), [[0, 0], [1, 2]], { value: -Infinity }).data; // [-Inf, 1, 2, -Inf, -Inf]
 */
export function pad(x: Tensor, paddings: readonly (readonly [number, number])[], options: PadOptions = {}): Tensor {
  const shape = expectRank(x, x.shape.length, 'pad: x');
  const rank = shape.length;
  const mode = options.mode ?? 'constant';
  const value = options.value ?? 0;
  if (mode !== 'constant' && mode !== 'reflect') {
    throw new ConfigError(`pad: mode must be 'constant' or 'reflect', got ${String(mode)}`);
  }
  if (typeof value !== 'number') throw new ConfigError(`pad: value must be a number, got ${String(value)}`);
  if (
    rank === 0 ||
    !Array.isArray(paddings) ||
    paddings.length !== rank ||
    !paddings.every((p) => Array.isArray(p) && p.length === 2 && p.every((v) => Number.isInteger(v) && v >= 0))
  ) {
    throw new ConfigError(`pad: paddings must be ${rank} pairs [before, after] of non-negative integers, got ${JSON.stringify(paddings)}`);
  }
  if (mode === 'reflect') {
    for (let a = 0; a < rank; a++) {
      const [b, e] = paddings[a];
      if ((b > 0 || e > 0) && (b >= shape[a] || e >= shape[a])) {
        throw new ConfigError(`pad: reflect padding on axis ${a} must be < its length ${shape[a]}, got [${b}, ${e}]`);
      }
    }
  }
  const outShape = shape.map((d, a) => d + paddings[a][0] + paddings[a][1]);
  const out = new Float32Array(sizeOf(outShape));
  if (out.length === 0) return tensor(outShape, out);
  // Per axis: output index -> input index, or -1 for a constant-filled position.
  const maps = outShape.map((od, a) => {
    const m = new Int32Array(od);
    const before = paddings[a][0];
    const n = shape[a];
    for (let o = 0; o < od; o++) {
      let i = o - before;
      if (mode === 'reflect') {
        if (i < 0) i = -i;
        else if (i >= n) i = 2 * (n - 1) - i;
      } else if (i < 0 || i >= n) i = -1;
      m[o] = i;
    }
    return m;
  });
  const inStrides = new Array<number>(rank);
  let s = 1;
  for (let a = rank - 1; a >= 0; a--) {
    inStrides[a] = s;
    s *= shape[a];
  }
  const last = maps[rank - 1];
  const rowLen = outShape[rank - 1];
  const rows = out.length / rowLen;
  const idx = new Int32Array(Math.max(rank - 1, 0));
  for (let r = 0; r < rows; r++) {
    // Source offset of this output row (-1 when any outer axis is in the constant padding).
    let src = 0;
    for (let a = 0; a < rank - 1; a++) {
      const i = maps[a][idx[a]];
      if (i < 0) {
        src = -1;
        break;
      }
      src += i * inStrides[a];
    }
    const base = r * rowLen;
    if (src < 0) out.fill(value, base, base + rowLen);
    else for (let o = 0; o < rowLen; o++) out[base + o] = last[o] < 0 ? value : x.data[src + last[o]];
    for (let a = rank - 2; a >= 0; a--) {
      if (++idx[a] < outShape[a]) break;
      idx[a] = 0;
    }
  }
  return tensor(outShape, out);
}
