import { type Graph, type NodeOf, consumers } from '../graph.js';

/**
 * Folds explicit padding into the op that reads it: a zero `pad` of the two
 * spatial axes of an NCHW tensor into the convolutions reading it, and a
 * -Infinity `pad` (TF's PadV2 before a VALID MaxPool) into the max pools
 * reading it (padding that never wins a max is exactly pooling padding).
 * The pad is folded only when every reader can take it.
 *
 * @returns the number of pad nodes folded away
 */
export function foldPads(graph: Graph): number {
  const cons = consumers(graph);
  let folded = 0;
  for (const p of graph.nodes) {
    if (p.op !== 'pad') continue;
    const { pads, value } = p.attrs;
    const out = p.outputs[0];
    if (graph.outputs.includes(out) || pads.length !== 4) continue;
    if (pads[0][0] !== 0 || pads[0][1] !== 0 || pads[1][0] !== 0 || pads[1][1] !== 0 || pads.some(([a, b]) => a < 0 || b < 0)) continue;
    const [t, b] = pads[2];
    const [l, r] = pads[3];
    const readers = cons.get(out) ?? [];
    if (readers.length === 0 || readers.some((n) => n.inputs.indexOf(out) !== 0 || n.inputs.lastIndexOf(out) !== 0)) continue;
    if (value === 0 && readers.every((n) => n.op === 'conv2d' && n.attrs.autoPad === 'explicit')) {
      for (const c of readers as NodeOf<'conv2d'>[]) {
        const q = c.attrs.pads;
        c.attrs = { ...c.attrs, pads: [q[0] + t, q[1] + b, q[2] + l, q[3] + r] };
        c.inputs[0] = p.inputs[0];
      }
    } else if (value === -Infinity && readers.every((n) => n.op === 'maxPool2d' && n.attrs.autoPad === 'explicit')) {
      const pools = readers as NodeOf<'maxPool2d'>[];
      // Our max pool wants every side smaller than the window (each window must see input).
      const fits = pools.every((m) => {
        const q = m.attrs.pads;
        const [kh, kw] = m.attrs.kernel;
        return q[0] + t < kh && q[1] + b < kh && q[2] + l < kw && q[3] + r < kw;
      });
      if (!fits) continue;
      for (const m of pools) {
        const q = m.attrs.pads;
        m.attrs = { ...m.attrs, pads: [q[0] + t, q[1] + b, q[2] + l, q[3] + r] };
        m.inputs[0] = p.inputs[0];
      }
    } else {
      continue;
    }
    p.outputs = [];
    folded++;
  }
  graph.nodes = graph.nodes.filter((n) => n.outputs.length > 0);
  return folded;
}
