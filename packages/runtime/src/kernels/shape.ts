import { tensor } from '@mot/cnn';
import type { NodeOf } from '../graph.js';
import type { PreparedKernel } from '../prepare-node.js';

/**
 * `shape` node: the input's dimensions as a 1-D tensor. Run-time tensors are
 * float32, which holds every dimension below 2^24 exactly; with ONNX's
 * dynamic batch this is how a graph learns its batch size (OSNet's
 * Shape -> Gather -> Concat -> Reshape before the fc layer).
 */
export function prepareShape(node: NodeOf<'shape'>): PreparedKernel {
  const { start, end } = node.attrs;
  return (ins) => {
    const dims = ins[0].shape;
    const r = dims.length;
    // ONNX Shape-15: start/end are clamped to [0, rank], negative counted from the end.
    const clamp = (v: number) => Math.min(r, Math.max(0, v < 0 ? v + r : v));
    const picked = dims.slice(clamp(start), clamp(end ?? r));
    return [tensor([picked.length], picked)];
  };
}
