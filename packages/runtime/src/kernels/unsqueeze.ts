import { ShapeError } from '@mot/core';
import { reshape } from '@mot/cnn';
import type { NodeOf } from '../graph.js';
import type { PreparedKernel } from '../prepare-node.js';

/**
 * `unsqueeze` node: a view with size-1 axes inserted at `axes` (positions in
 * the output of rank `rank + axes.length`, negative counted from its end).
 */
export function prepareUnsqueeze(node: NodeOf<'unsqueeze'>): PreparedKernel {
  const axes = node.attrs.axes;
  return (ins) => {
    const x = ins[0];
    const rank = x.shape.length + axes.length;
    const at = axes.map((a) => (a < 0 ? a + rank : a));
    if (at.some((a) => a < 0 || a >= rank) || new Set(at).size !== at.length) {
      throw new ShapeError(`unsqueeze: axes must be distinct and in [-${rank}, ${rank - 1}], got [${axes.join(', ')}] for shape [${x.shape.join(', ')}]`);
    }
    const shape: number[] = [];
    let k = 0;
    for (let i = 0; i < rank; i++) shape.push(at.includes(i) ? 1 : x.shape[k++]);
    return [reshape(x, shape)];
  };
}
