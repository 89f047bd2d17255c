import { ShapeError } from '@mot/core';
import { reshape, sizeOf } from '@mot/cnn';
import type { NodeOf } from '../graph.js';
import type { PreparedKernel } from '../prepare-node.js';

/** `flatten` node: a 2-D view `[prod(dims before axis), prod(dims from axis)]` (shares the data, as reshape). */
export function prepareFlatten(node: NodeOf<'flatten'>): PreparedKernel {
  const axis = node.attrs.axis;
  return (ins) => {
    const x = ins[0];
    const r = x.shape.length;
    const ax = axis < 0 ? axis + r : axis;
    if (ax < 0 || ax > r) throw new ShapeError(`flatten: axis must be in [-${r}, ${r}], got ${axis} for shape [${x.shape.join(', ')}]`);
    return [reshape(x, [sizeOf(x.shape.slice(0, ax)), sizeOf(x.shape.slice(ax))])];
  };
}
