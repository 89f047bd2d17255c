import { type Graph, cloneGraph } from '../graph.js';
import { cancelTransposes } from './cancel-transposes.js';
import { dropIdentities } from './drop-identities.js';
import { eliminateDeadCode } from './eliminate-dead-code.js';
import { foldConstants } from './fold-constants.js';
import { foldPads } from './fold-pads.js';
import { fuseConv } from './fuse-conv.js';

/** What the optimisation passes did, in counts of nodes. */
export interface OptimizeReport {
  nodesBefore: number;
  nodesAfter: number;
  /** Nodes evaluated at load time (constant subgraphs). */
  constantsFolded: number;
  identitiesDropped: number;
  transposesBefore: number;
  transposesRemoved: number;
  /** Pad nodes folded into conv / max-pool padding. */
  padsFolded: number;
  /** Bias adds fused into convolutions. */
  biasesFused: number;
  /** Activations fused into convolutions. */
  activationsFused: number;
  /** Nodes removed because nothing read their outputs. */
  deadNodesRemoved: number;
}

/**
 * Runs the optimisation passes on a copy of `graph`: constant folding,
 * identity removal, transpose cancellation, pad folding, conv + bias +
 * activation fusion, dead-code elimination. The result computes the same
 * outputs (same names) with fewer, larger nodes.
 *
 * @returns the optimised graph (the input is not modified) and what each pass did
 * @throws UnsupportedOpError when a constant subgraph cannot be evaluated
 * @example
 * const { graph, report } = optimizeGraph(await loadTfjsGraphModel('packages/detector/models/nanodet/nanodet.json'));
 * report.transposesRemoved; // every layout transpose; graphSummary(graph).ops.transpose === 6
 */
export function optimizeGraph(input: Graph): { graph: Graph; report: OptimizeReport } {
  const graph = cloneGraph(input);
  const nodesBefore = graph.nodes.length;
  const constantsFolded = foldConstants(graph);
  const identitiesDropped = dropIdentities(graph);
  let deadNodesRemoved = eliminateDeadCode(graph);
  const t = cancelTransposes(graph);
  const padsFolded = foldPads(graph);
  const fused = fuseConv(graph);
  deadNodesRemoved += eliminateDeadCode(graph);
  return {
    graph,
    report: {
      nodesBefore,
      nodesAfter: graph.nodes.length,
      constantsFolded,
      identitiesDropped,
      transposesBefore: t.before,
      transposesRemoved: t.removed,
      padsFolded,
      biasesFused: fused.bias,
      activationsFused: fused.activation,
      deadNodesRemoved,
    },
  };
}
