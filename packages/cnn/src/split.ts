import { ConfigError } from '@mot/core';
import { resolveAxis } from './layout-axis.js';
import { type Tensor, expectRank, sizeOf, tensor } from './tensor.js';

/**
 * Splits a tensor along an axis (`tf.split`): into `count` equal parts, or
 * into parts of the given sizes (one size may be -1, inferred from the rest).
 *
 * @param x input of rank >= 1
 * @param sizes number of equal parts (must divide the axis), or the part sizes (summing to the axis length)
 * @param axis negative counts from the end; default 0
 * @returns new tensors, in order along `axis`
 * @throws ConfigError for an out-of-range axis, a count that does not divide the axis, or sizes that do not sum to it
 * @example
 * split(tensor([1, 5], [1, 2, 3, 4, 5]), [2, -1], 1).map((t) => [...t.data]); // [[1, 2], [3, 4, 5]]
 */
export function split(x: Tensor, sizes: number | readonly number[], axis = 0): Tensor[] {
  const shape = expectRank(x, x.shape.length, 'split: x');
  const a = resolveAxis('split', axis, shape.length);
  const len = shape[a];
  let parts: number[];
  if (typeof sizes === 'number') {
    if (!Number.isInteger(sizes) || sizes < 1 || len % sizes !== 0) {
      throw new ConfigError(`split: count must be a positive integer dividing ${len}, got ${sizes}`);
    }
    parts = new Array<number>(sizes).fill(len / sizes);
  } else {
    parts = Array.isArray(sizes) ? [...sizes] : [];
    const free = parts.filter((s) => s === -1).length;
    const known = parts.filter((s) => s !== -1);
    const sum = known.reduce((p, s) => p + s, 0);
    if (parts.length === 0 || free > 1 || !known.every((s) => Number.isInteger(s) && s >= 0) || (free === 0 ? sum !== len : sum > len)) {
      throw new ConfigError(`split: sizes must be non-negative integers (at most one -1) summing to ${len}, got ${JSON.stringify(sizes)}`);
    }
    parts = parts.map((s) => (s === -1 ? len - sum : s));
  }
  const outer = sizeOf(shape.slice(0, a));
  const inner = sizeOf(shape.slice(a + 1));
  const result: Tensor[] = [];
  let start = 0;
  for (const p of parts) {
    const out = new Float32Array(outer * p * inner);
    for (let o = 0; o < outer; o++) {
      const from = (o * len + start) * inner;
      out.set(x.data.subarray(from, from + p * inner), o * p * inner);
    }
    const s = [...shape];
    s[a] = p;
    result.push(tensor(s, out));
    start += p;
  }
  return result;
}
