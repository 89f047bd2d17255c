import { ShapeError } from '@mot/core';
import { resolveAxis } from './layout-axis.js';
import { type Tensor, sizeOf, tensor } from './tensor.js';

/**
 * Joins tensors along an existing axis (`torch.cat` / `tf.concat`).
 *
 * @param tensors one or more tensors of equal rank whose shapes agree except along `axis`
 * @param axis negative counts from the end
 * @param out write into this array (every element) instead of a new one
 * @returns a new tensor (on `out` when given); its `axis` dimension is the sum of the inputs'
 * @throws ShapeError for an empty list or mismatched ranks / dimensions
 * @throws ConfigError for an out-of-range axis
 * @example
 * concat([tensor([1, 2], [1, 2]), tensor([1, 1], [3])], 1).data; // [1, 2, 3]
 */
export function concat(tensors: readonly Tensor[], axis: number, out?: Float32Array): Tensor {
  // (Array.isArray would narrow a readonly array to any[]; check the length instead.)
  if (tensors == null || typeof tensors.length !== 'number' || tensors.length === 0) {
    throw new ShapeError(`concat: tensors must be a non-empty array, got ${tensors == null ? String(tensors) : '[]'}`);
  }
  const first = tensors[0].shape;
  const rank = first.length;
  const a = resolveAxis('concat', axis, rank);
  let total = 0;
  for (let t = 0; t < tensors.length; t++) {
    const s = tensors[t].shape;
    if (s.length !== rank || s.some((d, i) => i !== a && d !== first[i]) || tensors[t].data.length !== sizeOf(s)) {
      throw new ShapeError(
        `concat: tensors[${t}] must have shape [${first.map((d, i) => (i === a ? '*' : d)).join(', ')}], got [${s.join(', ')}]`,
      );
    }
    total += s[a];
  }
  const outer = sizeOf(first.slice(0, a));
  const inner = sizeOf(first.slice(a + 1));
  const shape = [...first];
  shape[a] = total;
  if (out !== undefined && out.length < outer * total * inner) {
    throw new ShapeError(`concat: out must have at least ${outer * total * inner} elements, got ${out.length}`);
  }
  // Every element is written below, so `out` may be a recycled buffer.
  const dst = out?.subarray(0, outer * total * inner) ?? new Float32Array(outer * total * inner);
  // Each input contributes one contiguous block of shape[a] * inner values per outer index.
  let offset = 0;
  for (const t of tensors) {
    const block = t.shape[a] * inner;
    for (let o = 0; o < outer; o++) dst.set(t.data.subarray(o * block, (o + 1) * block), o * total * inner + offset);
    offset += block;
  }
  return tensor(shape, dst);
}
