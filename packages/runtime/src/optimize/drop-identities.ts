import { type Graph, type GraphNode, consumers, producers, replaceUses } from '../graph.js';

/**
 * Removes identity nodes: readers read the identity's input instead. An
 * identity that writes a graph output is removed by renaming its input to
 * the output name, when that input is written by a node and read by nothing
 * else; otherwise it stays (a session passes the tensor through unchanged).
 *
 * @returns the number of identities removed
 */
export function dropIdentities(graph: Graph): number {
  const removed = new Set<GraphNode>();
  for (const node of graph.nodes) {
    if (node.op !== 'identity') continue;
    const input = node.inputs[0];
    const out = node.outputs[0];
    if (!graph.outputs.includes(out)) {
      replaceUses(graph, out, input);
      removed.add(node);
      node.inputs = [];
      node.outputs = [];
      continue;
    }
    const prod = producers(graph).get(input);
    const readers = consumers(graph).get(input) ?? [];
    if (prod === undefined || prod === node || readers.length !== 1 || graph.outputs.includes(input)) continue;
    prod.outputs = prod.outputs.map((o) => (o === input ? out : o));
    graph.values.delete(input);
    removed.add(node);
    // Mark it gone now so that producers()/consumers() above stay right for the next identity.
    node.inputs = [];
    node.outputs = [];
  }
  graph.nodes = graph.nodes.filter((n) => !removed.has(n));
  return removed.size;
}
