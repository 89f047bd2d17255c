import { batchNorm } from '@mot/cnn';
import type { NodeOf } from '../graph.js';
import type { PreparedKernel } from '../prepare-node.js';

/**
 * `batchNorm` node -> @mot/cnn's batchNorm in inference mode (running
 * statistics). Input slots: `[x, scale, bias, mean, variance]`; channel axis 1,
 * so it serves `[N, C]` after a linear layer (OSNet's fc BN) as well as NCHW.
 */
export function prepareBatchNorm(node: NodeOf<'batchNorm'>): PreparedKernel {
  const eps = node.attrs.epsilon;
  return (ins) => [batchNorm(ins[0], { gamma: ins[1].data, beta: ins[2].data, mean: ins[3].data, variance: ins[4].data, eps })];
}
