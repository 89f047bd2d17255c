import { avgPool2d } from '@mot/cnn';
import type { NodeOf } from '../graph.js';
import type { PreparedKernel } from '../prepare-node.js';

/** `avgPool2d` node -> @mot/cnn's avgPool2d (OSNet's 2x2 transition pools). */
export function prepareAvgPool2d(node: NodeOf<'avgPool2d'>): PreparedKernel {
  const a = node.attrs;
  const options = {
    kernel: a.kernel,
    stride: a.strides,
    padding: a.autoPad === 'same' ? ('same' as const) : a.pads,
    ceilMode: a.ceilMode,
    countIncludePad: a.countIncludePad,
  };
  return (ins) => [avgPool2d(ins[0], options)];
}
