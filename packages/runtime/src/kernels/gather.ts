import { ShapeError } from '@mot/core';
import { type Tensor, sizeOf, tensor } from '@mot/cnn';
import type { NodeOf } from '../graph.js';
import type { PreparedKernel } from '../prepare-node.js';

/**
 * ONNX Gather: slices of `data` along `axis` picked by `indices` (any rank,
 * negative counted from the end of the axis).
 *
 * @param data `[d0, ..., dr-1]`
 * @param indices integer-valued (run-time tensors are float32)
 * @returns `data.shape[:axis] + indices.shape + data.shape[axis+1:]`
 * @throws ShapeError for an axis outside the rank or an index outside the axis
 */
export function gather(data: Tensor, indices: Tensor, axis: number): Tensor {
  const r = data.shape.length;
  const ax = axis < 0 ? axis + r : axis;
  if (ax < 0 || ax >= r) throw new ShapeError(`gather: axis must be in [-${r}, ${r - 1}], got ${axis} for data of shape [${data.shape.join(', ')}]`);
  const size = data.shape[ax];
  const outer = sizeOf(data.shape.slice(0, ax));
  const inner = sizeOf(data.shape.slice(ax + 1));
  const picks = Int32Array.from(indices.data, (v) => {
    const i = Math.round(v);
    if (i < -size || i >= size) throw new ShapeError(`gather: indices must be in [-${size}, ${size - 1}] along axis ${axis}, got ${v}`);
    return i < 0 ? i + size : i;
  });
  const out = new Float32Array(outer * picks.length * inner);
  let o = 0;
  for (let p = 0; p < outer; p++) {
    for (const i of picks) {
      const from = (p * size + i) * inner;
      out.set(data.data.subarray(from, from + inner), o);
      o += inner;
    }
  }
  return tensor([...data.shape.slice(0, ax), ...indices.shape, ...data.shape.slice(ax + 1)], out);
}

/** `gather` node -> {@link gather}. */
export function prepareGather(node: NodeOf<'gather'>): PreparedKernel {
  const axis = node.attrs.axis;
  return (ins) => [gather(ins[0], ins[1], axis)];
}
