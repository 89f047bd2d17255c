import { ModelLoadError } from './errors.js';
import type { Graph } from './graph.js';
import { topologicalOrder } from './topological-order.js';

/**
 * Checks that a loaded graph is well formed: every node input and graph
 * output names a known value, no value has two producers, constants have no
 * producer, and there is no cycle.
 *
 * @param fn the loader's name, for the message
 * @throws ModelLoadError naming the model file and the offending node or value
 */
export function validateGraph(graph: Graph, fn: string): void {
  const source = graph.source.path;
  const fail: (msg: string) => never = (msg) => {
    throw new ModelLoadError(`${fn}: ${msg}`, { source });
  };
  const produced = new Set<string>(graph.inputs);
  for (const node of graph.nodes) {
    for (const o of node.outputs) {
      if (produced.has(o) || graph.values.get(o)?.data !== undefined) fail(`value '${o}' is written by more than one node (second: '${node.name}')`);
      produced.add(o);
    }
  }
  const known = (v: string): boolean => produced.has(v) || graph.values.get(v)?.data !== undefined;
  for (const node of graph.nodes) {
    for (const i of node.inputs) if (!known(i)) fail(`node '${node.name}' reads '${i}', which no node or constant provides`);
  }
  for (const o of graph.outputs) if (!known(o)) fail(`graph output '${o}' is not produced`);
  const { cycle } = topologicalOrder(graph);
  if (cycle.length > 0) fail(`the graph has a cycle through node(s) ${cycle.slice(0, 5).join(', ')}`);
}
