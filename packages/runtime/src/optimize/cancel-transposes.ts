import { transpose as transposeKernel, tensor } from '@mot/cnn';
import { type Graph, type GraphNode, type NodeOf, addConstant, addValue, consumers, producers, replaceUses } from '../graph.js';
import { dropIdentities } from './drop-identities.js';
import { eliminateDeadCode } from './eliminate-dead-code.js';

// Ops a transpose commutes with: op(T(x)) = T(op(x)) (constants permuted alongside for binaries).
const ELEMENTWISE = new Set(['relu', 'relu6', 'leakyRelu', 'sigmoid', 'tanh', 'add', 'sub', 'mul', 'div']);

// Enough for any real model: each round moves transposes strictly down the DAG.
const MAX_ROUNDS = 1000;

function isIdentityPerm(p: readonly number[]): boolean {
  return p.every((v, i) => v === i);
}

function inversePerm(p: readonly number[]): number[] {
  const inv = new Array<number>(p.length);
  p.forEach((v, i) => (inv[v] = i));
  return inv;
}

/** Merges transpose `t` into its transpose producer `s`: T_t(T_s(x)) = T_r(x), r[k] = s[t[k]]. */
function compose(graph: Graph, prod: Map<string, GraphNode>): boolean {
  let changed = false;
  for (const t of graph.nodes) {
    if (t.op !== 'transpose') continue;
    const s = prod.get(t.inputs[0]);
    if (s === undefined || s.op !== 'transpose') continue;
    const r = t.attrs.perm.map((k) => s.attrs.perm[k]);
    if (isIdentityPerm(r) && !graph.outputs.includes(t.outputs[0])) {
      replaceUses(graph, t.outputs[0], s.inputs[0]);
      t.inputs = [];
      t.outputs = [];
    } else if (isIdentityPerm(r)) {
      // A graph output keeps its name: the node becomes an identity, which
      // dropIdentities then removes by renaming where it can.
      const index = graph.nodes.indexOf(t);
      graph.nodes[index] = { op: 'identity', name: t.name, inputs: [s.inputs[0]], outputs: t.outputs, attrs: {} };
    } else {
      t.inputs[0] = s.inputs[0];
      t.attrs = { perm: r };
    }
    changed = true;
  }
  graph.nodes = graph.nodes.filter((n) => n.outputs.length > 0);
  return changed;
}

// How far a moved transpose may travel through elementwise ops to reach the transposes it merges with.
const LOOKAHEAD = 8;

/**
 * True when every path from `value` through elementwise ops (unary, or binary
 * with a constant) ends in a transpose within `depth` nodes: a transpose
 * moved below its producer then merges instead of just moving.
 */
function sinksToTranspose(graph: Graph, cons: Map<string, GraphNode[]>, value: string, depth: number): boolean {
  const readers = cons.get(value) ?? [];
  if (readers.length === 0 || graph.outputs.includes(value)) return false;
  return readers.every((r) => {
    if (r.op === 'transpose') return true;
    if (depth === 0 || !ELEMENTWISE.has(r.op)) return false;
    if (r.inputs.some((i) => i !== value && graph.values.get(i)?.data === undefined)) return false;
    return sinksToTranspose(graph, cons, r.outputs[0], depth - 1);
  });
}

/**
 * Moves a transpose below an elementwise node when the moved transpose will
 * reach transposes to merge with: op(T_p(x), c) -> T_p(op(x, c')) with c' the
 * constant broadcast to the rank and permuted by p's inverse.
 */
function push(graph: Graph, prod: Map<string, GraphNode>, cons: Map<string, GraphNode[]>): boolean {
  let changed = false;
  for (const node of [...graph.nodes]) {
    if (!ELEMENTWISE.has(node.op)) continue;
    const out = node.outputs[0];
    if (!sinksToTranspose(graph, cons, out, LOOKAHEAD)) continue;
    let perm: readonly number[] | undefined;
    let ok = true;
    for (const i of node.inputs) {
      if (graph.values.get(i)?.data !== undefined) continue;
      const p = prod.get(i);
      if (p === undefined || p.op !== 'transpose' || (perm !== undefined && p.attrs.perm.join() !== perm.join())) ok = false;
      else perm = p.attrs.perm;
    }
    if (!ok || perm === undefined) continue;
    const p = perm;
    const inv = inversePerm(p);
    const inputs = node.inputs.map((i) => {
      const v = graph.values.get(i);
      if (v?.data === undefined) return (prod.get(i) as NodeOf<'transpose'>).inputs[0];
      return undefined;
    });
    // Constants: every one must fit the rank to be permuted.
    if (node.inputs.some((i, k) => inputs[k] === undefined && (graph.values.get(i)?.shape?.length ?? Infinity) > p.length)) continue;
    node.inputs = node.inputs.map((i, k) => {
      if (inputs[k] !== undefined) return inputs[k] as string;
      const v = graph.values.get(i);
      const shape = v?.shape as readonly number[];
      const full = [...new Array<number>(p.length - shape.length).fill(1), ...shape];
      const data = v?.data as Float32Array;
      const moved = transposeKernel(tensor(full, Float32Array.from(data)), inv);
      return addConstant(graph, `${i}/perm${inv.join('')}`, moved.shape, moved.data);
    });
    const inner = addValue(graph, `${out}/pre_transpose`);
    node.outputs = [inner];
    graph.nodes.push({ op: 'transpose', name: `${node.name}/transpose_sunk`, inputs: [inner], outputs: [out], attrs: { perm: [...p] } });
    changed = true;
  }
  return changed;
}

/**
 * Transpose cancellation: merges chains of transposes (removing those that
 * compose to the identity) and moves transposes down through elementwise ops
 * (bias adds, activations) when that lets them merge. On a graph lowered from
 * an NHWC model this removes every NCHW <-> NHWC pair around our NCHW kernels,
 * leaving only the model's real permutes.
 *
 * @returns transposes before and after, and how many were removed
 */
export function cancelTransposes(graph: Graph): { before: number; after: number; removed: number } {
  const count = (): number => graph.nodes.filter((n) => n.op === 'transpose').length;
  const before = count();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let changed = compose(graph, producers(graph));
    changed = push(graph, producers(graph), consumers(graph)) || changed;
    dropIdentities(graph);
    eliminateDeadCode(graph);
    if (!changed) break;
  }
  const after = count();
  return { before, after, removed: before - after };
}
