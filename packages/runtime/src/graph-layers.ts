import { type LayerSpec, analyzeModel } from '@mot/cnn';
import { ConfigError } from '@mot/core';
import { UnsupportedOpError } from './errors.js';
import type { Graph, GraphNode } from './graph.js';
import { topologicalOrder } from './topological-order.js';

/** Result of {@link graphToLayerSpecs}: the two arguments of @mot/cnn's `analyzeModel`. */
export interface GraphLayers {
  /** One spec per layer, in topological order; multi-input layers (concat, add) name their inputs. */
  layers: LayerSpec[];
  /** The graph input's shape without the batch axis: [C, H, W] for an NCHW image model. */
  inputShape: number[];
}

/** A layer spec before it gets its unique name (distributes over the union). */
type Unnamed<T> = T extends unknown ? Omit<T, 'name'> : never;

/** Node and value names without the decorations of TensorFlow.js's converter (for the table). */
const shortName = (name: string): string => name.replace(/^PartitionedCall\//, '').replace(/onnx_tf_prefix_/g, '');

/**
 * Describes a runtime graph as the layer list of @mot/cnn's `analyzeModel`,
 * so that a TensorFlow.js or ONNX model is analysed (shapes, parameters, MACs,
 * receptive fields) from the same graph the runtime executes.
 *
 * Pass the graph after {@link optimizeGraph}: padding is then folded into the
 * convolutions and pools (it shifts their receptive fields), biases are conv
 * parameters and layout transposes are gone. A conv with a fused activation
 * becomes a conv layer and an activation layer (named after the value the
 * activation writes, e.g. `LeakyRelu_1`); a conv whose filter has one input
 * channel per group and groups > 1 is a depthwise layer. A binary op with one
 * constant operand is an activation-like layer (`add(const)`); `identity`
 * forwards its input. Layer names are node names without the tfjs
 * converter's `PartitionedCall/` and `onnx_tf_prefix_` (`Split_153:0` for the
 * outputs of a split).
 *
 * @param graph a graph from loadTfjsGraphModel / loadOnnxModel, optimised; one input, batch 1
 * @param inputShape the input without its batch axis, in the graph's layout
 *   (e.g. [3, 416, 416]); default: the graph's declared shape
 * @returns layers and input shape for `analyzeModel(layers, inputShape)`
 * @throws ConfigError when the graph has not exactly one input, or its size is unknown (-1) and no inputShape is given
 * @throws UnsupportedOpError naming the node for what analysis cannot express: a product or quotient of two run-time
 *   tensors, concat/split off the channel axis, a reshape or transpose that moves the batch, padding of batch or
 *   channels, a node with only constant inputs (not folded)
 * @throws ShapeError / ConfigError from analyzeModel when it needs a layer's shape (split sizes, resize scales) and the
 *   graph is inconsistent
 * @example
 * const { graph } = optimizeGraph(await loadOnnxModel('packages/detector/models/nanodet/nanodet.onnx'));
 * const { layers, inputShape } = graphToLayerSpecs(graph);
 * analyzeModel(layers, inputShape).totals.macs; // 2090083840
 */
export function graphToLayerSpecs(graph: Graph, inputShape?: readonly number[]): GraphLayers {
  const fn = 'graphToLayerSpecs';
  if (graph.inputs.length !== 1) throw new ConfigError(`${fn}: graph must have exactly 1 input, got ${graph.inputs.length} [${graph.inputs.join(', ')}]`);
  const declared = graph.values.get(graph.inputs[0])?.shape;
  let shape: number[];
  if (inputShape !== undefined) {
    const ok = inputShape.length > 0 && inputShape.every((d) => Number.isInteger(d) && d > 0) && (declared === undefined || declared.length === inputShape.length + 1);
    if (!ok) throw new ConfigError(`${fn}: inputShape must be ${declared === undefined ? '' : `${declared.length - 1} `}positive integers (no batch axis), got [${inputShape.join(', ')}]`);
    shape = [...inputShape];
  } else {
    if (declared === undefined || declared.length < 2 || declared.slice(1).some((d) => !(d > 0))) {
      throw new ConfigError(`${fn}: inputShape must be given when the graph input has no fixed size, got [${declared?.join(', ') ?? 'unknown'}]`);
    }
    shape = declared.slice(1);
  }

  const { order, cycle } = topologicalOrder(graph);
  if (cycle.length > 0) throw new ConfigError(`${fn}: graph must be acyclic, got a cycle through ${cycle.slice(0, 5).join(', ')}`);
  const layers: LayerSpec[] = [];
  /** Run-time value name -> the layer that holds it ('input' for the graph input). */
  const layerOf = new Map<string, string>([[graph.inputs[0], 'input']]);
  const used = new Set<string>(['input']);
  const emit = (base: string, spec: Unnamed<LayerSpec>): string => {
    let name = shortName(base);
    for (let k = 2; used.has(name); k++) name = `${shortName(base)}#${k}`;
    used.add(name);
    layers.push({ ...spec, name } as LayerSpec);
    return name;
  };
  // Shapes (batch excluded) come from analyzeModel itself, run again only when the layer list has grown.
  let known = { count: -1, shapes: new Map<string, number[]>() };
  const shapeOf = (layer: string): number[] => {
    if (layer === 'input') return shape;
    if (known.count !== layers.length) known = { count: layers.length, shapes: new Map(analyzeModel(layers, shape).layers.map((l) => [l.name, l.outputShape])) };
    return known.shapes.get(layer) as number[];
  };

  for (const node of order) {
    const fail = (detail: string): never => {
      throw new UnsupportedOpError(node.op, node.name, `model analysis: ${detail}`, graph.source.path);
    };
    const isConst = (v: string) => graph.values.get(v)?.data !== undefined;
    const runtime = node.inputs.filter((v) => !isConst(v));
    if (runtime.length === 0) fail('every input is a constant; fold constants first (optimizeGraph)');
    const input = (v: string): string => layerOf.get(v) ?? fail(`input '${v}' is not produced by any node before it`);
    // The data input (binary ops with a constant operand look at `runtime` instead).
    const x = isConst(node.inputs[0]) ? '' : input(node.inputs[0]);
    if (x === '' && !['add', 'sub', 'mul', 'div', 'sparseToDense'].includes(node.op)) fail(`input '${node.inputs[0]}' is a constant where a run-time tensor is expected`);
    const one = (spec: Unnamed<LayerSpec>) => layerOf.set(node.outputs[0], emit(node.name, spec));
    /** Axis of the full (batched) tensor held by `layer`, negative counted from the end. */
    const axisOf = (axis: number, layer: string) => (axis < 0 ? axis + shapeOf(layer).length + 1 : axis);
    switch (node.op) {
      case 'conv2d': {
        const w = graph.values.get(node.inputs[1])?.shape;
        if (w === undefined || w.length !== 4 || w.some((d) => !(d > 0))) fail('the filter shape must be known, [Cout, Cin/groups, kh, kw]');
        const [cout, perGroup, kh, kw] = w as readonly number[];
        const a = node.attrs;
        const common = {
          inputs: [x],
          kernel: [kh, kw] as const,
          stride: a.strides,
          padding: a.autoPad === 'same' ? ('same' as const) : a.pads,
          dilation: a.dilations,
          bias: node.inputs.length > 2,
        };
        const conv =
          perGroup === 1 && a.groups > 1
            ? emit(node.name, { type: 'depthwise', multiplier: cout / a.groups, ...common })
            : emit(node.name, { type: 'conv', outChannels: cout, groups: a.groups, ...common });
        // The fused activation's own node is gone; the value it wrote keeps its name.
        const act = a.activation === 'linear' ? conv : emit(node.outputs[0] === node.name ? `${node.name}/${a.activation}` : node.outputs[0], { type: 'activation', fn: a.activation, inputs: [conv] });
        layerOf.set(node.outputs[0], act);
        break;
      }
      case 'maxPool2d': {
        const a = node.attrs;
        one({ type: 'maxpool', inputs: [x], kernel: a.kernel, stride: a.strides, padding: a.autoPad === 'same' ? 'same' : a.pads, ceilMode: a.ceilMode });
        break;
      }
      case 'add':
      case 'sub':
      case 'mul':
      case 'div':
        if (runtime.length === 1) one({ type: 'activation', fn: `${node.op}(const)`, inputs: [input(runtime[0])] });
        else if (node.op === 'add') one({ type: 'add', inputs: [x, input(node.inputs[1])] });
        else fail(`${node.op} of two run-time tensors has no layer type (analysis knows add, concat, and ops with a constant)`);
        break;
      case 'relu':
      case 'relu6':
      case 'leakyRelu':
      case 'sigmoid':
      case 'tanh':
        one({ type: 'activation', fn: node.op, inputs: [x] });
        break;
      case 'identity':
        layerOf.set(node.outputs[0], x);
        break;
      case 'pad': {
        const p = node.attrs.pads;
        if (p.length !== 4 || p.some(([b, e]) => b < 0 || e < 0) || p[0][0] + p[0][1] + p[1][0] + p[1][1] !== 0) fail('only non-negative padding of H and W of an NCHW tensor is supported');
        one({ type: 'pad', inputs: [x], padding: [p[2][0], p[2][1], p[3][0], p[3][1]] });
        break;
      }
      case 'transpose': {
        const perm = node.attrs.perm;
        if (perm[0] !== 0) fail(`the batch axis must stay first, got perm [${perm.join(', ')}]`);
        one({ type: 'transpose', inputs: [x], perm: perm.slice(1).map((p) => p - 1) });
        break;
      }
      case 'concat': {
        const parts = node.inputs.map((v) => (isConst(v) ? fail(`input '${v}' is a constant`) : input(v)));
        if (shapeOf(x).length !== 3 || axisOf(node.attrs.axis, x) !== 1) fail(`only channel concatenation of NCHW maps is supported, got axis ${node.attrs.axis}`);
        one({ type: 'concat', inputs: parts });
        break;
      }
      case 'split': {
        const { axis, sizes } = node.attrs;
        if (axisOf(axis, x) !== 1) fail(`only splits along the channel axis (1) are supported, got axis ${axis}`);
        const c = shapeOf(x)[0];
        let parts = typeof sizes === 'number' ? new Array<number>(sizes).fill(c / sizes) : [...sizes];
        const rest = c - parts.reduce((s, v) => (v === -1 ? s : s + v), 0);
        parts = parts.map((v) => (v === -1 ? rest : v));
        if (parts.some((v) => !Number.isInteger(v) || v < 0) || parts.reduce((s, v) => s + v, 0) !== c) {
          fail(`split sizes must fill the ${c} channels, got [${parts.join(', ')}]`);
        }
        let start = 0;
        node.outputs.forEach((out, k) => {
          layerOf.set(out, emit(`${node.name}:${k}`, { type: 'slice', inputs: [x], start, end: start + parts[k] }));
          start += parts[k];
        });
        break;
      }
      case 'resizeBilinear':
      case 'resizeNearest': {
        const { size, scales } = node.attrs;
        const s = shapeOf(x);
        if (s.length !== 3) fail(`the input must be an NCHW map, got [1, ${s.join(', ')}]`);
        // ONNX scales: output = floor(input * scale), as the executor computes it.
        const hw: [number, number] = size !== undefined ? [size[0], size[1]] : [Math.floor(s[1] * (scales as readonly number[])[0]), Math.floor(s[2] * (scales as readonly number[])[1])];
        one({ type: 'resize', inputs: [x], size: hw, mode: node.op === 'resizeBilinear' ? 'bilinear' : 'nearest' });
        break;
      }
      case 'reshape': {
        const target = graph.values.get(node.inputs[1])?.data;
        if (target === undefined) fail('the target shape must be a constant');
        const from = [1, ...shapeOf(x)];
        // ONNX: 0 copies the input's dimension.
        const to = Array.from(target as ArrayLike<number>, (d, i) => (d === 0 && node.attrs.copyZero ? from[i] : d));
        if (to[0] !== 1 && to[0] !== -1) fail(`the batch must stay 1, got target [${to.join(', ')}]`);
        one({ type: 'reshape', inputs: [x], shape: to.slice(1) });
        break;
      }
      case 'avgPool2d': {
        const a = node.attrs;
        one({ type: 'avgpool', inputs: [x], kernel: a.kernel, stride: a.strides, padding: a.autoPad === 'same' ? 'same' : a.pads, ceilMode: a.ceilMode });
        break;
      }
      case 'globalAvgPool2d':
        one({ type: 'globalavgpool', inputs: [x] });
        break;
      case 'gemm': {
        const w = graph.values.get(node.inputs[1])?.shape;
        if (node.attrs.transA || w === undefined || w.length !== 2) fail('only a linear layer (constant 2-D weight, no transA) has a layer type');
        one({ type: 'fc', inputs: [x], outFeatures: (w as readonly number[])[node.attrs.transB ? 0 : 1], bias: node.inputs.length > 2 });
        break;
      }
      case 'batchNorm':
        one({ type: 'bn', inputs: [x] });
        break;
      case 'flatten':
        if (node.attrs.axis !== 1) fail(`only flattening after the batch axis (axis 1), got axis ${node.attrs.axis}`);
        one({ type: 'flatten', inputs: [x] });
        break;
      case 'shape':
      case 'gather':
      case 'unsqueeze':
        fail('run-time shape arithmetic has no layer type');
        break;
      case 'sparseToDense':
        fail('it must fold to a constant (optimizeGraph)');
        break;
      default: {
        const never: never = node;
        fail(`unknown op ${(never as GraphNode).op}`);
      }
    }
  }
  return { layers, inputShape: shape };
}
