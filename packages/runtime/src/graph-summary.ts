import { type Graph, OP_TYPES, type OpType } from './graph.js';

/** Op histogram and sizes of a graph, for tests and reports. */
export interface GraphSummary {
  /** Number of nodes. */
  nodes: number;
  /** Nodes per op type (op types with no node are left out). */
  ops: Partial<Record<OpType, number>>;
  /** Constant values and their total element count (parameters, shapes). */
  constants: number;
  constantElements: number;
  inputs: string[];
  outputs: string[];
}

/**
 * Counts the nodes of each op type in `graph`.
 * @example
 * graphSummary(graph).ops.conv2d; // 34 for NanoDet
 */
export function graphSummary(graph: Graph): GraphSummary {
  const counts = new Map<OpType, number>();
  for (const n of graph.nodes) counts.set(n.op, (counts.get(n.op) ?? 0) + 1);
  const ops: Partial<Record<OpType, number>> = {};
  for (const op of OP_TYPES) if (counts.has(op)) ops[op] = counts.get(op);
  let constants = 0;
  let constantElements = 0;
  for (const v of graph.values.values()) {
    if (v.data === undefined) continue;
    constants++;
    constantElements += v.data.length;
  }
  return { nodes: graph.nodes.length, ops, constants, constantElements, inputs: [...graph.inputs], outputs: [...graph.outputs] };
}
