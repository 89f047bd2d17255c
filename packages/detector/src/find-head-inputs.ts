/**
 * Finds the feature maps a single-stage detector's heads read (NanoDet: the
 * three PAN outputs, 128 channels at strides 8, 16, 32), so that they can be
 * exposed as extra graph outputs for ROI Align embeddings without re-running
 * the network. Works on any node list (our graph IR or an ONNX GraphProto):
 * op names are compared case-insensitively, and ops the IR and ONNX spell
 * differently are both listed.
 */

/** The minimum a node must say for the walk: op type, data inputs first, outputs. */
export interface WalkNode {
  readonly op: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
}

/** Ops between a head's output and its last convolution (output plumbing). */
const PLUMBING = new Set(['transpose', 'reshape', 'sigmoid', 'split', 'identity', 'concat', 'flatten', 'softmax']);
/** Ops inside a head's conv tower other than the convs themselves. */
const TOWER = new Set(['leakyrelu', 'relu', 'relu6', 'sigmoid', 'tanh', 'pad', 'batchnormalization', 'add', 'mul']);
const CONV = new Set(['conv2d', 'conv']);

/**
 * For each graph output, walks back through output plumbing to the head's last
 * convolution, then up its conv tower (convs, activations, pads, per-channel
 * constant adds) to the value the tower starts from: the first value that a
 * non-tower node writes or that several nodes read. Distinct results, in the
 * order of first discovery.
 *
 * @param nodes every node of the graph
 * @param outputs the graph outputs to start from
 * @param isConstant true for weights and other constants (not followed)
 * @returns names of the feature maps the heads read
 * @example
 * // NanoDet (tfjs or ONNX): the three PAN sums, e.g. 'PartitionedCall/onnx_tf_prefix_Add_107'
 * findHeadInputs(graph.nodes, graph.outputs, (n) => isConstant(graph, n));
 */
export function findHeadInputs(nodes: readonly WalkNode[], outputs: readonly string[], isConstant: (name: string) => boolean): string[] {
  const producer = new Map<string, WalkNode>();
  const readers = new Map<string, number>();
  for (const n of nodes) {
    for (const o of n.outputs) producer.set(o, n);
    for (const i of n.inputs) readers.set(i, (readers.get(i) ?? 0) + 1);
  }
  const firstDynamic = (n: WalkNode): string | undefined => n.inputs.find((i) => i !== '' && !isConstant(i));
  const found: string[] = [];
  for (const out of outputs) {
    // 1. Back through plumbing to the last conv.
    let node = producer.get(out);
    for (let guard = 0; node !== undefined && !CONV.has(node.op.toLowerCase()) && guard < 64; guard++) {
      if (!PLUMBING.has(node.op.toLowerCase())) {
        node = undefined;
        break;
      }
      const i = firstDynamic(node);
      node = i === undefined ? undefined : producer.get(i);
    }
    if (node === undefined) continue;
    // 2. Up the tower while the value feeding it belongs to the tower alone.
    let value = firstDynamic(node);
    for (let guard = 0; value !== undefined && guard < 64; guard++) {
      const p = producer.get(value);
      if (p === undefined || (readers.get(value) ?? 0) > 1) break;
      const op = p.op.toLowerCase();
      if (!CONV.has(op) && !TOWER.has(op)) break;
      // A tower add/mul has one dynamic input (the other is a constant); a sum of two maps is where the tower starts.
      if ((op === 'add' || op === 'mul') && p.inputs.filter((i) => !isConstant(i)).length > 1) break;
      value = firstDynamic(p);
    }
    if (value !== undefined && !found.includes(value)) found.push(value);
  }
  return found;
}
