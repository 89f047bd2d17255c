import { type FusedActivation, type Graph, type GraphNode, type NodeOf, addConstant, consumers } from '../graph.js';

const FUSABLE: ReadonlySet<string> = new Set<FusedActivation>(['relu', 'relu6', 'leakyRelu', 'sigmoid', 'tanh']);

/** The single node reading `value`, unless it is a graph output or read by several. */
function soleReader(graph: Graph, cons: Map<string, GraphNode[]>, value: string): GraphNode | undefined {
  const readers = cons.get(value) ?? [];
  return readers.length === 1 && !graph.outputs.includes(value) ? readers[0] : undefined;
}

/**
 * A constant that adds the same number to a whole NCHW channel: shape
 * `[Cout, 1, 1]` or `[1, Cout, 1, 1]` (or a scalar); returns it per channel.
 */
function perChannel(graph: Graph, name: string, cout: number): Float32Array | undefined {
  const v = graph.values.get(name);
  if (v?.data === undefined || v.shape === undefined || v.dtype !== 'float32') return undefined;
  const s = v.shape;
  if (v.data.length === 1 && s.length <= 4) return new Float32Array(cout).fill(v.data[0]);
  const channelOnly = s.length >= 3 && s.length <= 4 && s[s.length - 3] === cout && s[s.length - 2] === 1 && s[s.length - 1] === 1 && (s.length === 3 || s[0] === 1);
  return channelOnly ? (v.data as Float32Array) : undefined;
}

/**
 * Fuses `conv2d -> add(per-channel constant)` into the convolution's bias and
 * `conv2d -> activation` into its `activation` attribute (applied in place on
 * the conv output), when the conv output has no other reader. A bias is only
 * fused into a conv that has no activation yet (bias comes before it).
 *
 * @returns how many bias adds and activations were fused
 */
export function fuseConv(graph: Graph): { bias: number; activation: number } {
  let bias = 0;
  let activation = 0;
  const removed = new Set<GraphNode>();
  let cons = consumers(graph);
  for (const c of graph.nodes) {
    if (c.op !== 'conv2d' || c.attrs.activation !== 'linear') continue;
    const a = soleReader(graph, cons, c.outputs[0]);
    if (a === undefined || a.op !== 'add') continue;
    const cout = graph.values.get(c.inputs[1])?.shape?.[0];
    if (cout === undefined) continue;
    const other = a.inputs[0] === c.outputs[0] ? a.inputs[1] : a.inputs[0];
    const add = perChannel(graph, other, cout);
    if (add === undefined) continue;
    const old = c.inputs[2] === undefined ? undefined : graph.values.get(c.inputs[2])?.data;
    if (c.inputs[2] !== undefined && old === undefined) continue;
    const sum = new Float32Array(cout);
    for (let o = 0; o < cout; o++) sum[o] = (old?.[o] ?? 0) + add[o];
    c.inputs[2] = addConstant(graph, `${c.name}/bias`, [cout], sum);
    c.outputs = [...a.outputs];
    removed.add(a);
    bias++;
  }
  graph.nodes = graph.nodes.filter((n) => !removed.has(n));
  cons = consumers(graph);
  for (const c of graph.nodes) {
    if (c.op !== 'conv2d' || c.attrs.activation !== 'linear') continue;
    const act = soleReader(graph, cons, c.outputs[0]);
    if (act === undefined || !FUSABLE.has(act.op)) continue;
    const conv = c as NodeOf<'conv2d'>;
    conv.attrs = {
      ...conv.attrs,
      activation: act.op as FusedActivation,
      alpha: act.op === 'leakyRelu' ? (act as NodeOf<'leakyRelu'>).attrs.alpha : 0,
    };
    conv.outputs = [...act.outputs];
    removed.add(act);
    activation++;
  }
  graph.nodes = graph.nodes.filter((n) => !removed.has(n));
  return { bias, activation };
}
