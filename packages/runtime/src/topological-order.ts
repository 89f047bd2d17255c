import type { Graph, GraphNode } from './graph.js';

/**
 * Orders the nodes so that every node comes after the producers of its
 * inputs (Kahn's algorithm, ties kept in the graph's own node order).
 *
 * @returns the ordered nodes, or the names of nodes left on a cycle
 */
export function topologicalOrder(graph: Graph): { order: GraphNode[]; cycle: string[] } {
  const producer = new Map<string, number>();
  graph.nodes.forEach((n, i) => n.outputs.forEach((o) => producer.set(o, i)));
  const pending = new Int32Array(graph.nodes.length);
  const dependents: number[][] = graph.nodes.map(() => []);
  graph.nodes.forEach((n, i) => {
    for (const input of n.inputs) {
      const p = producer.get(input);
      if (p !== undefined) {
        pending[i]++;
        dependents[p].push(i);
      }
    }
  });
  const ready: number[] = [];
  for (let i = 0; i < pending.length; i++) if (pending[i] === 0) ready.push(i);
  const order: GraphNode[] = [];
  // A FIFO keeps the order close to the model's own, which keeps tensors short-lived.
  for (let head = 0; head < ready.length; head++) {
    const i = ready[head];
    order.push(graph.nodes[i]);
    for (const d of dependents[i]) if (--pending[d] === 0) ready.push(d);
  }
  const cycle = graph.nodes.filter((_, i) => pending[i] > 0).map((n) => n.name);
  return { order, cycle };
}
