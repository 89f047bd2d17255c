import { type Tensor, tensor } from '@mot/cnn';
import { UnsupportedOpError } from '../errors.js';
import { int32Binary } from '../int32-binary.js';
import type { Graph, GraphNode } from '../graph.js';
import { prepareNode } from '../prepare-node.js';
import { topologicalOrder } from '../topological-order.js';

// Integers up to 2^24 survive a round trip through float32 exactly.
const FLOAT32_EXACT_INT = 2 ** 24;

function asTensor(data: Float32Array | Int32Array, shape: readonly number[]): Tensor {
  return tensor(shape, data instanceof Float32Array ? data : Float32Array.from(data));
}

/** TF SparseToDense: a dense array of `outputShape` filled with `default`, `values` scattered at `indices`. */
function sparseToDense(node: GraphNode, graph: Graph): { shape: number[]; data: Int32Array | Float32Array } {
  const [idx, shp, vals, def] = node.inputs.map((n) => graph.values.get(n));
  const shape = Array.from(shp?.data ?? []);
  const isInt = vals?.dtype === 'int32';
  const size = shape.reduce((a, d) => a * d, 1);
  const out = isInt ? new Int32Array(size) : new Float32Array(size);
  out.fill((def?.data ?? [0])[0]);
  const indices = idx?.data ?? new Int32Array(0);
  const values = vals?.data ?? new Int32Array(0);
  // Indices are [count, rank] (or [count] for rank 1); values a scalar or one per index.
  const rank = shape.length;
  const count = rank === 0 ? 0 : Math.floor(indices.length / Math.max(rank, 1));
  for (let k = 0; k < count; k++) {
    let flat = 0;
    for (let r = 0; r < rank; r++) flat = flat * shape[r] + indices[k * rank + r];
    out[flat] = values.length === 1 ? values[0] : values[k];
  }
  return { shape, data: out };
}

/** Evaluates one node whose inputs are all constants; undefined when it cannot be folded exactly. */
function evaluate(node: GraphNode, graph: Graph): Array<{ shape: number[]; data: Float32Array | Int32Array }> | undefined {
  if (node.op === 'sparseToDense') return [sparseToDense(node, graph)];
  const values = node.inputs.map((n) => graph.values.get(n) as { shape?: readonly number[]; data: Float32Array | Int32Array; dtype: string });
  // Reshape's second input is a shape, not data: the result has the data's type.
  const dataInputs = node.op === 'reshape' ? values.slice(0, 1) : values;
  const intMode = dataInputs.some((v) => v.dtype === 'int32');
  if (intMode && (node.op === 'add' || node.op === 'sub' || node.op === 'mul' || node.op === 'div')) {
    const [a, b] = values;
    return [int32Binary(node.op, Int32Array.from(a.data), a.shape ?? [a.data.length], Int32Array.from(b.data), b.shape ?? [b.data.length])];
  }
  if (intMode && !dataInputs.every((v) => v.data.every((x) => Math.abs(x) <= FLOAT32_EXACT_INT))) return undefined;
  const outs = prepareNode(node, graph)(values.map((v) => asTensor(v.data, v.shape ?? [v.data.length])));
  return outs.map((t) => ({ shape: [...t.shape], data: intMode ? Int32Array.from(t.data) : t.data }));
}

/**
 * Constant folding: every node whose inputs are all constants is evaluated
 * once, its outputs become constants and the node is removed (in NanoDet's
 * tfjs graph: the HWIO -> OIHW filter transposes, and the SparseToDense +
 * AddV2 chains that compute the reshape targets). Folds in topological order,
 * so chains fold in one call.
 *
 * @returns the number of nodes folded
 */
export function foldConstants(graph: Graph): number {
  const { order } = topologicalOrder(graph);
  const folded = new Set<GraphNode>();
  for (const node of order) {
    if (node.inputs.length === 0 || !node.inputs.every((n) => graph.values.get(n)?.data !== undefined)) continue;
    let results: ReturnType<typeof evaluate>;
    try {
      results = evaluate(node, graph);
    } catch (e) {
      // A constant subgraph that cannot be evaluated would fail at every run: report it at load.
      throw new UnsupportedOpError(node.op, node.name, `constant folding failed: ${(e as Error).message}`, graph.source.path);
    }
    if (results === undefined) continue;
    node.outputs.forEach((name, i) => {
      const r = results[i];
      graph.values.set(name, { name, dtype: r.data instanceof Int32Array ? 'int32' : 'float32', shape: r.shape, data: r.data });
    });
    folded.add(node);
  }
  if (folded.size > 0) graph.nodes = graph.nodes.filter((n) => !folded.has(n));
  return folded.size;
}
