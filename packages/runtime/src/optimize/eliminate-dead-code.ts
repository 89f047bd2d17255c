import type { Graph } from '../graph.js';

/**
 * Removes nodes none of whose outputs is read (by a node or as a graph
 * output), repeatedly, then drops values nothing refers to any more (e.g.
 * HWIO filters once their OIHW copy is folded), so their memory can go.
 *
 * @returns the number of nodes removed
 */
export function eliminateDeadCode(graph: Graph): number {
  const before = graph.nodes.length;
  for (;;) {
    const live = new Set<string>(graph.outputs);
    for (const n of graph.nodes) for (const i of n.inputs) live.add(i);
    const kept = graph.nodes.filter((n) => n.outputs.some((o) => live.has(o)));
    if (kept.length === graph.nodes.length) break;
    graph.nodes = kept;
  }
  const used = new Set<string>([...graph.outputs, ...graph.inputs]);
  for (const n of graph.nodes) {
    for (const i of n.inputs) used.add(i);
    for (const o of n.outputs) used.add(o);
  }
  for (const name of [...graph.values.keys()]) if (!used.has(name)) graph.values.delete(name);
  return before - graph.nodes.length;
}
