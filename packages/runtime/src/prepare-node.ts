import {
  type ConvPath,
  type Tensor,
  type WasmKernels,
  add,
  applyActivationInPlace,
  concat,
  conv2d,
  div,
  leakyRelu,
  maxPool2d,
  mul,
  pad,
  poolGeometry,
  prepareConv2d,
  relu,
  relu6,
  reshape,
  resizeBilinear,
  resizeNearest,
  sigmoid,
  sigmoidWasm,
  split,
  sub,
  tanh,
  tensor,
  transpose,
  wasmSimdSupported,
} from '@mot/cnn';
import type { BufferPool } from './buffer-pool.js';
import { UnsupportedOpError } from './errors.js';
import { type Graph, type GraphNode, type NodeOf, type ResizeAttrs, producers as producerMap } from './graph.js';
import { prepareAvgPool2d } from './kernels/avg-pool2d.js';
import { prepareBatchNorm } from './kernels/batch-norm.js';
import { prepareFlatten } from './kernels/flatten.js';
import { prepareGather } from './kernels/gather.js';
import { prepareGemm } from './kernels/gemm.js';
import { prepareGlobalAvgPool2d } from './kernels/global-avg-pool2d.js';
import { prepareShape } from './kernels/shape.js';
import { prepareUnsqueeze } from './kernels/unsqueeze.js';

/**
 * A node ready to run: float32 tensors per input slot in, one tensor per
 * output out. `pool`, when given, lends output buffers (a kernel that takes
 * one must write all of it); kernels that allocate their own ignore it.
 */
export type PreparedKernel = (inputs: readonly Tensor[], pool?: BufferPool) => Tensor[];

function fail(node: GraphNode, graph: Graph, detail: string): never {
  throw new UnsupportedOpError(node.op, node.name, detail, graph.source.path);
}

function conv(node: NodeOf<'conv2d'>, graph: Graph, convPath: ConvPath | 'auto', kernels: WasmKernels | undefined): PreparedKernel {
  const a = node.attrs;
  const options = {
    stride: a.strides,
    dilation: a.dilations,
    padding: a.autoPad === 'same' ? ('same' as const) : a.pads,
    groups: a.groups,
  };
  const act = a.activation;
  // Constant weights (and bias): packed once here for the kernel path @mot/cnn
  // picks (WebAssembly GEMM or Winograd); the frame loop only runs it.
  const w = graph.values.get(node.inputs[1]);
  const b = node.inputs.length > 2 ? graph.values.get(node.inputs[2]) : undefined;
  if (w?.data !== undefined && w.shape?.length === 4 && (node.inputs.length <= 2 || b?.data !== undefined)) {
    const weight = tensor(w.shape, w.data instanceof Float32Array ? w.data : Float32Array.from(w.data));
    const applies = convPath === 'auto' || convPath === 'js' || convPath === 'gemm' ? true : w.shape[2] === 3 && w.shape[3] === 3 && a.strides.every((v) => v === 1) && a.dilations.every((v) => v === 1) && a.groups === 1;
    const path = applies && !(convPath === 'gemm' && a.groups !== 1) ? convPath : 'auto';
    const prepared = prepareConv2d(weight, { ...options, bias: b?.data, activation: act, alpha: a.alpha, path, kernels });
    // The conv writes every output element, so a recycled buffer is safe.
    return (ins, pool) => [pool === undefined ? prepared.run(ins[0]) : prepared.run(ins[0], { out: pool.take(prepared.outputLength(ins[0])) })];
  }
  return (ins) => {
    const y = conv2d(ins[0], ins[1], ins.length > 2 ? { ...options, bias: ins[2].data } : options);
    // y is a fresh buffer this node owns, so the activation runs in place.
    if (act !== 'linear') applyActivationInPlace(y.data, act, a.alpha);
    return [y];
  };
}

function resize(node: NodeOf<'resizeBilinear' | 'resizeNearest'>, kernels: WasmKernels | undefined): PreparedKernel {
  const a: ResizeAttrs = node.attrs;
  const bilinear = node.op === 'resizeBilinear';
  const options = { alignCorners: a.alignCorners, halfPixelCenters: a.halfPixelCenters };
  return (ins, pool) => {
    const x = ins[0];
    // ONNX scales: output = floor(input * scale).
    const size: [number, number] =
      a.size !== undefined ? [a.size[0], a.size[1]] : [Math.floor(x.shape[2] * (a.scales as readonly number[])[0]), Math.floor(x.shape[3] * (a.scales as readonly number[])[1])];
    if (!bilinear) return [resizeNearest(x, size, options)];
    // resizeBilinear writes every element of `out`: a recycled buffer is safe.
    const out = pool?.take(x.shape[0] * x.shape[1] * size[0] * size[1]);
    return [resizeBilinear(x, size, { ...options, out, kernels })];
  };
}

// Ops through which a run-time shape value may flow (PyTorch's `x.view(x.size(0), -1)` exports Shape -> Gather -> Unsqueeze -> Concat).
const SHAPE_ARITHMETIC = new Set<GraphNode['op']>(['gather', 'unsqueeze', 'concat', 'reshape', 'identity', 'add', 'sub', 'mul', 'div']);

/** True when value `name` is a constant or computed only from tensor shapes (Shape nodes) and constants. */
function isShapeValue(graph: Graph, name: string, producers: Map<string, GraphNode>, seen = new Set<string>()): boolean {
  if (graph.values.get(name)?.data !== undefined) return true;
  if (seen.has(name)) return false;
  seen.add(name);
  const p = producers.get(name);
  if (p === undefined) return false;
  if (p.op === 'shape') return true;
  return SHAPE_ARITHMETIC.has(p.op) && p.inputs.every((i) => isShapeValue(graph, i, producers, seen));
}

function reshapeKernel(node: NodeOf<'reshape'>, graph: Graph): PreparedKernel {
  const target = graph.values.get(node.inputs[1])?.data;
  const fixed = target === undefined ? undefined : Array.from(target);
  // A target read from image data would fail (or worse, succeed) mid-run: only shape arithmetic is accepted.
  if (fixed === undefined && !isShapeValue(graph, node.inputs[1], producerMap(graph))) {
    fail(node, graph, 'the target shape must be a constant or computed from tensor shapes (Shape, Gather, Unsqueeze, Concat)');
  }
  const copyZero = node.attrs.copyZero;
  return (ins) => {
    const x = ins[0];
    // A target computed at run time (ONNX dynamic batch: Shape -> Gather -> Concat) arrives as float32 integers.
    const shape = fixed ?? Array.from(ins[1].data, (v) => Math.round(v));
    const s = copyZero ? shape.map((d, i) => (d === 0 ? x.shape[i] : d)) : shape;
    return [reshape(x, s)];
  };
}

const BINARY = { add, sub, mul, div };

/**
 * Binds a node to its @mot/cnn kernel, resolving everything static (attributes,
 * constant shape inputs) once, so that running it per frame only moves tensors.
 *
 * @param node the node
 * @param graph its graph (for constant inputs)
 * @param convPath @mot/cnn conv path for every conv it applies to (the others keep 'auto'); default 'auto'
 * @param kernels the WebAssembly instance the convs, max-pool and sigmoid run on (default: this
 *   thread's); when given, also the one whose memory the session's buffers live in, so the
 *   elementwise, transpose and resize kernels run on buffers in it in place
 * @returns a function from input tensors (one per input slot) to output tensors
 * @throws UnsupportedOpError for a node the executor cannot run (sparseToDense that did not fold)
 */
export function prepareNode(node: GraphNode, graph: Graph, convPath: ConvPath | 'auto' = 'auto', kernels?: WasmKernels): PreparedKernel {
  switch (node.op) {
    case 'conv2d':
      return conv(node, graph, convPath, kernels);
    case 'maxPool2d': {
      const a = node.attrs;
      const options = { kernel: a.kernel, stride: a.strides, padding: a.autoPad === 'same' ? ('same' as const) : a.pads, ceilMode: a.ceilMode };
      // maxPool2d and concat write every element of `out`: recycled buffers are safe.
      return (ins, pool) => {
        if (pool === undefined || ins[0].shape.length !== 4) return [maxPool2d(ins[0], { ...options, kernels })];
        const [n, c] = ins[0].shape;
        const { outH, outW } = poolGeometry('maxPool2d', ins[0].shape[2], ins[0].shape[3], options);
        return [maxPool2d(ins[0], { ...options, out: pool.take(n * c * outH * outW), kernels })];
      };
    }
    case 'add':
    case 'sub':
    case 'mul':
    case 'div': {
      const kernel = BINARY[node.op];
      // Same shapes (NanoDet's FPN adds): the output has their size and is
      // written in full, so it may take a recycled buffer (in kernel memory,
      // where the SIMD kernel then runs).
      return (ins, pool) => {
        const [a, b] = ins;
        const same = pool !== undefined && a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape[i]) && a.data.length === b.data.length;
        return [kernel(a, b, same ? pool.take(a.data.length) : undefined, kernels)];
      };
    }
    case 'relu':
      return (ins) => [relu(ins[0])];
    case 'relu6':
      return (ins) => [relu6(ins[0])];
    case 'leakyRelu': {
      const alpha = node.attrs.alpha;
      return (ins) => [leakyRelu(ins[0], alpha)];
    }
    case 'sigmoid':
      // The SIMD kernel writes every element, so a recycled buffer is safe.
      if (wasmSimdSupported()) return (ins, pool) => [sigmoidWasm(ins[0], { out: pool?.take(ins[0].data.length), kernels })];
      return (ins) => [sigmoid(ins[0])];
    case 'tanh':
      return (ins) => [tanh(ins[0])];
    case 'pad': {
      const { pads, value } = node.attrs;
      return (ins) => [pad(ins[0], pads, { value })];
    }
    case 'transpose': {
      const perm = node.attrs.perm;
      // transpose writes every element: a recycled buffer is safe.
      return (ins, pool) => [transpose(ins[0], perm, pool?.take(ins[0].data.length), kernels)];
    }
    case 'concat': {
      const axis = node.attrs.axis;
      return (ins, pool) => [concat(ins, axis, pool?.take(ins.reduce((t, x) => t + x.data.length, 0)))];
    }
    case 'split': {
      const { axis, sizes } = node.attrs;
      return (ins) => split(ins[0], sizes, axis);
    }
    case 'resizeBilinear':
    case 'resizeNearest':
      return resize(node, kernels);
    case 'reshape':
      return reshapeKernel(node, graph);
    case 'identity':
      return (ins) => [ins[0]];
    case 'avgPool2d':
      return prepareAvgPool2d(node);
    case 'globalAvgPool2d':
      return prepareGlobalAvgPool2d();
    case 'gemm':
      return prepareGemm(node, graph);
    case 'batchNorm':
      return prepareBatchNorm(node);
    case 'flatten':
      return prepareFlatten(node);
    case 'shape':
      return prepareShape(node);
    case 'gather':
      return prepareGather(node);
    case 'unsqueeze':
      return prepareUnsqueeze(node);
    case 'sparseToDense':
      return fail(node, graph, 'only constant inputs are supported (it must fold to a constant)');
  }
}
