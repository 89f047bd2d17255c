import { globalAvgPool2d } from '@mot/cnn';
import type { PreparedKernel } from '../prepare-node.js';

/** `globalAvgPool2d` node -> @mot/cnn's globalAvgPool2d (`[N,C,H,W]` -> `[N,C,1,1]`). */
export function prepareGlobalAvgPool2d(): PreparedKernel {
  return (ins) => [globalAvgPool2d(ins[0])];
}
