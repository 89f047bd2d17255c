// Test helper: builds small IR graphs by hand for the optimisation-pass and
// executor tests. Not exported from the package index.
import type { Graph, GraphNode, OpAttrs, OpType } from '../graph.js';

/** A node literal. */
export function n<K extends OpType>(op: K, name: string, inputs: string[], outputs: string[], attrs: OpAttrs[K]): GraphNode {
  return { op, name, inputs, outputs, attrs } as GraphNode;
}

/**
 * A graph from inputs (name -> shape), constants (name -> [shape, data]),
 * nodes and output names; every node output becomes a float32 value.
 */
export function irGraph(
  inputs: Record<string, number[] | undefined>,
  constants: Record<string, [number[], Float32Array | Int32Array]>,
  nodes: GraphNode[],
  outputs: string[],
): Graph {
  const g: Graph = {
    values: new Map(),
    nodes,
    inputs: Object.keys(inputs),
    outputs,
    source: { format: 'onnx', path: 'hand-built', ops: {}, nodeCount: nodes.length },
  };
  for (const [name, shape] of Object.entries(inputs)) g.values.set(name, shape === undefined ? { name, dtype: 'float32' } : { name, dtype: 'float32', shape });
  for (const [name, [shape, data]] of Object.entries(constants)) {
    g.values.set(name, { name, dtype: data instanceof Int32Array ? 'int32' : 'float32', shape, data });
  }
  for (const node of nodes) for (const o of node.outputs) if (!g.values.has(o)) g.values.set(o, { name: o, dtype: 'float32' });
  return g;
}

/** Conv attributes with defaults (1x1 stride, no padding, linear). */
export function convAttrs(over: Partial<OpAttrs['conv2d']> = {}): OpAttrs['conv2d'] {
  return { strides: [1, 1], dilations: [1, 1], pads: [0, 0, 0, 0], autoPad: 'explicit', groups: 1, activation: 'linear', alpha: 0, ...over };
}

/** Op counts of a graph's nodes. */
export function histogram(g: Graph): Record<string, number> {
  const h: Record<string, number> = {};
  for (const node of g.nodes) h[node.op] = (h[node.op] ?? 0) + 1;
  return h;
}
