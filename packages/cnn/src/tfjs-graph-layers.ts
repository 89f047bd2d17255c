/**
 * Derives a LayerSpec list from a TensorFlow.js graph model (model.json), so
 * that a converted network can be analysed like a hand-written one.
 *
 * The walk follows the graph from its input. Graphs converted from ONNX keep
 * NCHW tensors and wrap each NHWC op in Transposes; the walk tracks, for each
 * 4-D tensor, which logical axis (N, C, H, W) every actual axis holds, so layout
 * Transposes vanish and Pad nodes fold into the conv or pool that consumes them.
 * Conv biases (an Add/BiasAdd of a 1-D constant right after the conv) fold into
 * the conv. Integer constants (paddings, perms, sizes, axes) are read from the
 * weights; small constant-only subgraphs (AddV2, SparseToDense) are evaluated.
 *
 * Ops understood: Placeholder, Const, Identity, Transpose, Pad, PadV2, Conv2D,
 * DepthwiseConv2dNative, FusedConv2D, FusedDepthwiseConv2dNative, MatMul,
 * Add/AddV2/BiasAdd, MaxPool, AvgPool, Mean (global), ConcatV2, SplitV, Split,
 * ResizeBilinear, ResizeNearestNeighbor, Reshape, and elementwise activations.
 */
import { InputError } from '@mot/core';
import type { LayerSpec } from './layer-spec.js';
import { evalConst } from './tfjs-const-eval.js';
import type { ManifestWeight } from './tfjs-weights.js';

/** Result of {@link tfjsGraphLayers}. */
export interface TfjsGraphLayers {
  /** [C, H, W] of the model input. */
  inputShape: [number, number, number];
  layers: LayerSpec[];
}

interface GraphNode {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, AttrValue>;
}
interface AttrValue {
  s?: string;
  i?: string | number;
  f?: number;
  b?: boolean;
  list?: { i?: (string | number)[]; s?: string[] };
  shape?: { dim?: { size?: string | number }[] };
  tensor?: { tensorShape?: { dim?: { size?: string | number }[] }; intVal?: number[]; int64Val?: (string | number)[] };
}

type Value =
  | { kind: 'const'; shape: number[]; ints?: number[] }
  /** A feature map: actual axis i holds logical axis perm[i] of (N, C, H, W). */
  | { kind: 'map'; layer: string; perm: number[]; c: number; pad?: [number, number, number, number]; padName?: string; biasOf?: LayerSpec }
  /** Any other tensor, in its own axis order. */
  | { kind: 'tensor'; layer: string; rank: number; biasOf?: LayerSpec };

/** A layer spec before it gets its name (distributes over the union). */
type Unnamed<T> = T extends unknown ? Omit<T, 'name'> : never;

const ACTIVATIONS = new Set(['Relu', 'Relu6', 'LeakyRelu', 'Sigmoid', 'Tanh', 'Elu', 'Selu', 'Softplus', 'Swish', 'Mish', 'Prelu', 'Softmax', 'Neg', 'Exp', 'Sqrt', 'Square', 'Abs']);
const NCHW = [0, 1, 2, 3];
const NHWC = [0, 2, 3, 1];

const decode = (s: string | undefined): string => (s === undefined ? '' : Buffer.from(s, 'base64').toString('utf8'));
const ints = (l: (string | number)[] | undefined): number[] => (l ?? []).map(Number);
const dims = (d: { size?: string | number }[] | undefined): number[] => (d ?? []).map((x) => Number(x.size ?? 0));
const shortName = (n: string): string => n.replace(/^PartitionedCall\//, '').replace(/onnx_tf_prefix_/g, '');

/**
 * Converts a parsed tfjs graph model into layer specs.
 * @param model the parsed model.json (format "graph-model")
 * @param weights manifest entries from readWeightsManifest, with int32 values
 * @param source file name for error messages
 * @param inputLayout layout of the input placeholder; default: NCHW when dim 1 is <= 4, else NHWC
 * @throws InputError (naming `source`) for a malformed graph or an op the walk does not understand
 */
export function tfjsGraphLayers(model: unknown, weights: ReadonlyMap<string, ManifestWeight>, source: string, inputLayout?: 'NCHW' | 'NHWC'): TfjsGraphLayers {
  const fail = (msg: string): never => {
    throw new InputError(`tfjsGraphLayers: ${msg}`, { source });
  };
  const nodes = (model as { modelTopology?: { node?: unknown } } | null)?.modelTopology?.node;
  if (!Array.isArray(nodes)) return fail('modelTopology.node must be an array (is this a tfjs graph model?)');
  const byName = new Map<string, GraphNode>();
  for (const n of nodes as GraphNode[]) {
    if (typeof n?.name !== 'string' || typeof n.op !== 'string') fail(`every node must have a name and an op, got ${JSON.stringify(n).slice(0, 80)}`);
    byName.set(n.name, n);
  }
  const ref = (input: string): [string, number] => {
    const m = /^(.*?)(?::(\d+))?$/.exec(input)!;
    return [m[1], m[2] === undefined ? 0 : Number(m[2])];
  };

  // Topological order by depth-first search (converter output is usually sorted, not always).
  const order: GraphNode[] = [];
  const state = new Map<string, number>();
  const visit = (name: string): void => {
    const s = state.get(name);
    if (s === 2) return;
    if (s === 1) fail(`the graph has a cycle through "${name}"`);
    const node = byName.get(name) ?? fail(`node "${name}" is an input of another node but is not defined`);
    state.set(name, 1);
    for (const i of node.input ?? []) if (!i.startsWith('^')) visit(ref(i)[0]);
    state.set(name, 2);
    order.push(node);
  };
  for (const n of byName.keys()) visit(n);

  const values = new Map<string, Value>();
  const layers: LayerSpec[] = [];
  let inputShape: [number, number, number] | undefined;
  const used = new Set<string>(['input']);
  const emit = (node: GraphNode, spec: Unnamed<LayerSpec>, suffix = ''): LayerSpec => {
    let name = shortName(node.name) + suffix;
    for (let k = 2; used.has(name); k++) name = `${shortName(node.name)}${suffix}#${k}`;
    used.add(name);
    const full = { ...spec, name } as LayerSpec;
    layers.push(full);
    return full;
  };
  const get = (input: string, node: GraphNode): Value => {
    const [n, k] = ref(input);
    return values.get(`${n}:${k}`) ?? fail(`node "${node.name}" (${node.op}) reads "${input}", which has no value`);
  };
  const constInts = (v: Value, node: GraphNode, what: string): number[] =>
    v.kind === 'const' && v.ints !== undefined ? v.ints : fail(`node "${node.name}" (${node.op}) needs the values of its ${what}; is the weights file complete?`);
  // A map as a layer input: any pending Pad becomes a pad layer of its own.
  const layerOf = (v: Value, node: GraphNode): string => {
    if (v.kind === 'const') return fail(`node "${node.name}" (${node.op}) has a constant where a feature map is expected`);
    if (v.kind === 'map' && v.pad !== undefined) {
      const spec = emit({ name: v.padName ?? node.name, op: 'Pad' }, { type: 'pad', inputs: [v.layer], padding: v.pad });
      v.layer = spec.name;
      v.pad = undefined;
    }
    return v.layer;
  };
  const asMap = (v: Value, node: GraphNode): Extract<Value, { kind: 'map' }> =>
    v.kind === 'map' ? v : fail(`node "${node.name}" (${node.op}) needs a 4-D feature map input`);
  const set = (node: GraphNode, v: Value, k = 0) => values.set(`${node.name}:${k}`, v);
  const layoutOf = (node: GraphNode): number[] => (decode(node.attr?.data_format?.s) === 'NCHW' ? NCHW : NHWC);
  const spatial = (node: GraphNode, key: string, layout: number[]): [number, number] => {
    const l = ints(node.attr?.[key]?.list?.i);
    if (l.length !== 4) return [1, 1];
    return [l[layout.indexOf(2)], l[layout.indexOf(3)]];
  };

  // Window ops (conv, pool): layout check, folded Pad, TF padding attribute.
  const window = (node: GraphNode, x: Extract<Value, { kind: 'map' }>) => {
    const layout = layoutOf(node);
    if (x.perm.join() !== layout.join()) fail(`node "${node.name}" (${node.op}) expects ${layout === NCHW ? 'NCHW' : 'NHWC'} input, got axes (${x.perm.map((p) => 'NCHW'[p]).join('')})`);
    const mode = decode(node.attr?.padding?.s);
    let padding: [number, number, number, number] | 'same' = x.pad ?? [0, 0, 0, 0];
    if (mode === 'SAME') {
      if (x.pad !== undefined) layerOf(x, node);
      padding = 'same';
    } else if (mode === 'EXPLICIT') {
      const e = ints(node.attr?.explicit_paddings?.list?.i);
      const h = layout.indexOf(2);
      const w = layout.indexOf(3);
      const p = x.pad ?? [0, 0, 0, 0];
      padding = [p[0] + e[2 * h], p[1] + e[2 * h + 1], p[2] + e[2 * w], p[3] + e[2 * w + 1]];
    }
    const input = x.pad !== undefined && padding !== 'same' ? x.layer : layerOf(x, node);
    return { input, padding, stride: spatial(node, 'strides', layout), dilation: spatial(node, 'dilations', layout) };
  };

  for (const node of order) {
    const inputs = (node.input ?? []).filter((i) => !i.startsWith('^'));
    const op = node.op;
    if (op === 'Const') {
      const t = node.attr?.value?.tensor;
      const w = weights.get(node.name);
      const inline = t?.intVal ?? t?.int64Val;
      set(node, { kind: 'const', shape: w?.shape ?? dims(t?.tensorShape?.dim), ints: w?.ints !== undefined ? Array.from(w.ints) : inline?.map(Number) });
      continue;
    }
    if (op === 'NoOp') continue;
    const ins = inputs.map((i) => get(i, node));
    if (op !== 'Placeholder' && ins.length > 0 && ins.every((v) => v.kind === 'const')) {
      set(node, { kind: 'const', ...evalConst(node.op, ins as Extract<Value, { kind: 'const' }>[]) });
      continue;
    }
    const x = ins[0];
    switch (op) {
      case 'Placeholder': {
        if (inputShape !== undefined) fail(`only one input placeholder is supported, found another: "${node.name}"`);
        const d = dims(node.attr?.shape?.shape?.dim);
        if (d.length !== 4) fail(`input "${node.name}" must be 4-D, got [${d.join(', ')}]`);
        const nchw = (inputLayout ?? (d[1] <= 4 ? 'NCHW' : 'NHWC')) === 'NCHW';
        inputShape = nchw ? [d[1], d[2], d[3]] : [d[3], d[1], d[2]];
        if (inputShape.some((v) => !(v > 0))) fail(`input "${node.name}" must have a fixed size, got [${d.join(', ')}]`);
        set(node, { kind: 'map', layer: 'input', perm: nchw ? NCHW : NHWC, c: inputShape[0] });
        break;
      }
      case 'Identity':
        set(node, x);
        break;
      case 'Transpose': {
        const p = constInts(ins[1], node, 'permutation');
        if (x.kind === 'map') set(node, { ...x, perm: p.map((i) => x.perm[i]), biasOf: undefined });
        else {
          if (p[0] !== 0) fail(`node "${node.name}" moves the batch axis, which is not supported`);
          const spec = emit(node, { type: 'transpose', inputs: [layerOf(x, node)], perm: p.slice(1).map((i) => i - 1) });
          set(node, { kind: 'tensor', layer: spec.name, rank: p.length });
        }
        break;
      }
      case 'Pad':
      case 'PadV2':
      case 'MirrorPad': {
        const m = asMap(x, node);
        const p = constInts(ins[1], node, 'paddings');
        const logical = [0, 0, 0, 0, 0, 0, 0, 0];
        m.perm.forEach((l, a) => [logical[2 * l], logical[2 * l + 1]] = [p[2 * a], p[2 * a + 1]]);
        if (logical.slice(0, 4).some((v) => v !== 0)) fail(`node "${node.name}" pads the batch or channel axis, which is not supported`);
        const prev = m.pad ?? [0, 0, 0, 0];
        set(node, { kind: 'map', layer: m.layer, perm: m.perm, c: m.c, pad: [prev[0] + logical[4], prev[1] + logical[5], prev[2] + logical[6], prev[3] + logical[7]], padName: node.name });
        break;
      }
      case 'Conv2D':
      case 'FusedConv2D':
      case 'DepthwiseConv2dNative':
      case 'FusedDepthwiseConv2dNative': {
        const f = ins[1];
        if (f.kind !== 'const' || f.shape.length !== 4) fail(`node "${node.name}" (${op}) needs a constant 4-D filter`);
        const [kh, kw, cin, cout] = (f as Extract<Value, { kind: 'const' }>).shape;
        const m = asMap(x, node);
        const w = window(node, m);
        const fused = (node.attr?.fused_ops?.list?.s ?? []).map(decode);
        const depthwise = op.includes('Depthwise');
        // HWIO filters: I is Cin / groups for Conv2D; depthwise filters are [kh, kw, Cin, multiplier]
        if (!depthwise && (cin < 1 || m.c % cin !== 0)) fail(`node "${node.name}" has a filter for ${cin} input channels per group, input has ${m.c}`);
        const base = { inputs: [w.input], kernel: [kh, kw] as [number, number], stride: w.stride, padding: w.padding, dilation: w.dilation, bias: fused.includes('BiasAdd') };
        const spec = depthwise
          ? emit(node, { type: 'depthwise', multiplier: cout, ...base })
          : emit(node, { type: 'conv', outChannels: cout, groups: m.c / cin, ...base });
        const c = depthwise ? m.c * cout : cout;
        let out: Value = { kind: 'map', layer: spec.name, perm: m.perm, c, biasOf: base.bias ? undefined : spec };
        const act = fused.find((o) => ACTIVATIONS.has(o));
        if (act !== undefined) out = { kind: 'map', layer: emit(node, { type: 'activation', fn: act, inputs: [spec.name] }, `/${act}`).name, perm: m.perm, c };
        set(node, out);
        break;
      }
      case 'MatMul':
      case '_FusedMatMul': {
        const wv = ins[1];
        if (wv.kind !== 'const' || wv.shape.length !== 2) fail(`node "${node.name}" (${op}) needs a constant 2-D weight`);
        const fused = (node.attr?.fused_ops?.list?.s ?? []).map(decode);
        const spec = emit(node, { type: 'fc', inputs: [layerOf(x, node)], outFeatures: (wv as Extract<Value, { kind: 'const' }>).shape[1], bias: fused.includes('BiasAdd') });
        set(node, { kind: 'tensor', layer: spec.name, rank: 2, biasOf: fused.includes('BiasAdd') ? undefined : spec });
        break;
      }
      case 'Add':
      case 'AddV2':
      case 'BiasAdd': {
        const [a, b] = ins;
        const c = a.kind === 'const' ? a : b.kind === 'const' ? b : undefined;
        const t = a.kind === 'const' ? b : a;
        // a bias: a 1-D constant broadcast over the last actual axis, which must be the channels
        const lastIsChannel = t.kind !== 'map' || t.perm[3] === 1;
        if (c !== undefined && t.kind !== 'const' && t.biasOf !== undefined && c.shape.length === 1 && lastIsChannel) {
          (t.biasOf as { bias?: boolean }).bias = true;
          set(node, { ...t, biasOf: undefined });
        } else if (c !== undefined) {
          const spec = emit(node, { type: 'activation', fn: `${op}(const)`, inputs: [layerOf(t, node)] });
          set(node, t.kind === 'map' ? { kind: 'map', layer: spec.name, perm: t.perm, c: t.c } : { kind: 'tensor', layer: spec.name, rank: (t as { rank: number }).rank });
        } else {
          const spec = emit(node, { type: 'add', inputs: [layerOf(a, node), layerOf(b, node)] });
          set(node, a.kind === 'map' ? { kind: 'map', layer: spec.name, perm: a.perm, c: a.c } : { kind: 'tensor', layer: spec.name, rank: (a as { rank: number }).rank });
        }
        break;
      }
      case 'MaxPool':
      case 'AvgPool': {
        const w = window(node, asMap(x, node));
        const spec = emit(node, { type: op === 'MaxPool' ? 'maxpool' : 'avgpool', inputs: [w.input], kernel: spatial(node, 'ksize', layoutOf(node)), stride: w.stride, padding: w.padding });
        set(node, { kind: 'map', layer: spec.name, perm: asMap(x, node).perm, c: asMap(x, node).c });
        break;
      }
      case 'Mean': {
        const m = asMap(x, node);
        const axes = constInts(ins[1], node, 'axes').map((a) => m.perm[a < 0 ? a + 4 : a]).sort();
        if (axes.join() !== '2,3' || node.attr?.keep_dims?.b !== true) fail(`node "${node.name}" (Mean) is supported only as a global pool over H and W with keep_dims`);
        set(node, { kind: 'map', layer: emit(node, { type: 'globalavgpool', inputs: [layerOf(m, node)] }).name, perm: m.perm, c: m.c });
        break;
      }
      case 'ConcatV2': {
        const parts = ins.slice(0, -1).map((v) => asMap(v, node));
        const axis = constInts(ins[ins.length - 1], node, 'axis')[0];
        if (parts[0].perm[axis < 0 ? axis + 4 : axis] !== 1) fail(`node "${node.name}" concatenates along a non-channel axis, which is not supported`);
        const c = parts.reduce((a, p) => a + p.c, 0);
        set(node, { kind: 'map', layer: emit(node, { type: 'concat', inputs: parts.map((p) => layerOf(p, node)) }).name, perm: parts[0].perm, c });
        break;
      }
      case 'SplitV':
      case 'Split': {
        const [src, sizes, axisV] = op === 'SplitV' ? [ins[0], constInts(ins[1], node, 'sizes'), ins[2]] : [ins[1], null, ins[0]];
        const m = asMap(src, node);
        const axis = constInts(axisV, node, 'axis')[0];
        if (m.perm[axis < 0 ? axis + 4 : axis] !== 1) fail(`node "${node.name}" splits along a non-channel axis, which is not supported`);
        const n = Number(node.attr?.num_split?.i ?? sizes?.length ?? 0);
        // Split (equal parts) has no sizes input; SplitV may hold one -1 for "the rest"
        let parts = sizes ?? Array.from({ length: n }, () => m.c / n);
        const rest = m.c - parts.reduce((a, v) => (v === -1 ? a : a + v), 0);
        parts = parts.map((v) => (v === -1 ? rest : v));
        if (parts.length !== n || parts.some((v) => !Number.isInteger(v) || v < 0)) fail(`node "${node.name}" (${op}) has split sizes [${parts.join(', ')}] that do not fit ${m.c} channels`);
        const input = layerOf(m, node);
        let start = 0;
        for (let k = 0; k < n; k++) {
          const spec = emit(node, { type: 'slice', inputs: [input], start, end: start + parts[k] }, `:${k}`);
          set(node, { kind: 'map', layer: spec.name, perm: m.perm, c: parts[k] }, k);
          start += parts[k];
        }
        break;
      }
      case 'ResizeBilinear':
      case 'ResizeNearestNeighbor': {
        const m = asMap(x, node);
        if (m.perm.join() !== NHWC.join()) fail(`node "${node.name}" (${op}) expects NHWC input`);
        const [h, w] = constInts(ins[1], node, 'size');
        const spec = emit(node, { type: 'resize', inputs: [layerOf(m, node)], size: [h, w], mode: op === 'ResizeBilinear' ? 'bilinear' : 'nearest' });
        set(node, { kind: 'map', layer: spec.name, perm: m.perm, c: m.c });
        break;
      }
      case 'Reshape': {
        if (x.kind === 'const') break;
        let input = layerOf(x, node);
        if (x.kind === 'map' && x.perm.join() !== NCHW.join()) {
          // reshape acts on the actual order: make the logical order match it first
          input = emit(node, { type: 'transpose', inputs: [input], perm: x.perm.slice(1).map((p) => p - 1) }, '/layout').name;
        }
        const shape = constInts(ins[1], node, 'target shape');
        if (shape[0] !== 1 && shape[0] !== -1) fail(`node "${node.name}" (Reshape) must keep a batch of 1, got [${shape.join(', ')}]`);
        const spec = emit(node, { type: 'reshape', inputs: [input], shape: shape.slice(1) });
        set(node, { kind: 'tensor', layer: spec.name, rank: shape.length });
        break;
      }
      default: {
        if (!ACTIVATIONS.has(op)) fail(`node "${node.name}" has op ${op}, which the layer walk does not support`);
        const spec = emit(node, { type: 'activation', fn: op, inputs: [layerOf(x, node)] });
        set(node, x.kind === 'map' ? { kind: 'map', layer: spec.name, perm: x.perm, c: x.c } : { kind: 'tensor', layer: spec.name, rank: (x as { rank: number }).rank });
      }
    }
  }
  if (inputShape === undefined) return fail('the graph has no Placeholder input');
  return { inputShape, layers };
}
