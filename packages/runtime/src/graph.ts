/**
 * The graph runtime's internal representation: one format that both the
 * TensorFlow.js and the ONNX loader produce, that the optimisation passes
 * rewrite and that a session executes. Image tensors are NCHW; the loaders
 * lower other layouts into NCHW ops wrapped in explicit transposes, which the
 * transpose pass then cancels.
 */

/** Element type of a value. Run-time tensors are always float32; int32 appears only in constants (shapes, indices). */
export type DType = 'float32' | 'int32';

/** A tensor-valued edge of the graph. */
export interface GraphValue {
  readonly name: string;
  dtype: DType;
  /** Dimensions when known; -1 marks an unknown dimension. */
  shape?: readonly number[];
  /** Present iff the value is a constant (weights, shapes, folded subgraphs); never mutated. */
  data?: Float32Array | Int32Array;
}

/** Activation applied in place on a convolution's output (a subset of @mot/cnn's ActivationKind). */
export type FusedActivation = 'linear' | 'relu' | 'relu6' | 'leakyRelu' | 'sigmoid' | 'tanh';

/** `[top, bottom, left, right]`, px. */
export type Pads4 = readonly [number, number, number, number];

/** Padding rule: explicit `pads`, or TensorFlow's SAME (= ONNX SAME_UPPER) resolved per input size. */
export type AutoPad = 'explicit' | 'same';

/**
 * `conv2d` inputs: `[x [N,Cin,H,W], weight [Cout, Cin/groups, kh, kw], bias [Cout]?]`;
 * output `[N, Cout, Ho, Wo]`.
 */
export interface Conv2dAttrs {
  /** `[sh, sw]`, px. */
  strides: readonly [number, number];
  /** `[dh, dw]`, px between taps. */
  dilations: readonly [number, number];
  pads: Pads4;
  autoPad: AutoPad;
  groups: number;
  /** Applied to the output in place; `'linear'` for none. */
  activation: FusedActivation;
  /** Negative slope when `activation` is `'leakyRelu'`. */
  alpha: number;
}

/** `maxPool2d` input `[N,C,H,W]`; padded positions never win. */
export interface MaxPool2dAttrs {
  /** `[kh, kw]`, px. */
  kernel: readonly [number, number];
  strides: readonly [number, number];
  pads: Pads4;
  autoPad: AutoPad;
  ceilMode: boolean;
}

/** `avgPool2d` input `[N,C,H,W]`; padded positions add 0, the divisor follows `countIncludePad`. */
export interface AvgPool2dAttrs {
  /** `[kh, kw]`, px. */
  kernel: readonly [number, number];
  strides: readonly [number, number];
  pads: Pads4;
  autoPad: AutoPad;
  ceilMode: boolean;
  /** Divide by the whole window, padding included (ONNX `count_include_pad=1`, PyTorch's default). */
  countIncludePad: boolean;
}

/**
 * `gemm` inputs `[a, b, c?]`: `y = alpha * a' * b' + beta * c`, where `a'` is
 * `[M, K]` (`a` transposed when `transA`), `b'` is `[K, N]`, and `c`
 * broadcasts to `[M, N]`. Output `[M, N]`.
 */
export interface GemmAttrs {
  transA: boolean;
  transB: boolean;
  alpha: number;
  beta: number;
}

/** `pad`: `[before, after]` per axis of the input, filled with `value`. */
export interface PadAttrs {
  pads: ReadonlyArray<readonly [number, number]>;
  value: number;
}

/** Output size (`size`, `[outH, outW]` px) or scale factors (`scales`, `[sh, sw]`) of a resize, NCHW. */
export interface ResizeAttrs {
  size?: readonly [number, number];
  scales?: readonly [number, number];
  alignCorners: boolean;
  halfPixelCenters: boolean;
}

/** Attributes of each op; the keys are the closed set of op types the runtime knows. */
export interface OpAttrs {
  conv2d: Conv2dAttrs;
  maxPool2d: MaxPool2dAttrs;
  /** Elementwise with NumPy broadcasting: inputs `[a, b]`. */
  add: Record<string, never>;
  sub: Record<string, never>;
  mul: Record<string, never>;
  div: Record<string, never>;
  relu: Record<string, never>;
  relu6: Record<string, never>;
  leakyRelu: { alpha: number };
  sigmoid: Record<string, never>;
  tanh: Record<string, never>;
  pad: PadAttrs;
  /** Output axis i is input axis `perm[i]`. */
  transpose: { perm: readonly number[] };
  /** Inputs: the tensors to join. */
  concat: { axis: number };
  /** `sizes`: a number of equal parts, or the part sizes (one may be -1); one output per part. */
  split: { axis: number; sizes: number | readonly number[] };
  resizeBilinear: ResizeAttrs;
  resizeNearest: ResizeAttrs;
  /**
   * Inputs `[x, shape]`; `shape` must be constant once constants are folded.
   * -1 infers one dimension; with `copyZero` (ONNX), 0 copies the input's dimension.
   */
  reshape: { copyZero: boolean };
  identity: Record<string, never>;
  /** TF SparseToDense: inputs `[indices, outputShape, values, default]`; constant folding only. */
  sparseToDense: Record<string, never>;
  avgPool2d: AvgPool2dAttrs;
  /** Mean over each channel plane: `[N,C,H,W]` -> `[N,C,1,1]`. */
  globalAvgPool2d: Record<string, never>;
  gemm: GemmAttrs;
  /** Inference batch norm over axis 1 of `[N, C, ...]`: inputs `[x, scale, bias, mean, variance]`. */
  batchNorm: { epsilon: number };
  /** `[d0, ..., dn]` -> `[d0 * ... * d(axis-1), d(axis) * ... * dn]`. */
  flatten: { axis: number };
  /** The input's dimensions `[start, end)` as a 1-D float32 tensor (ONNX Shape; end undefined = rank). */
  shape: { start: number; end?: number };
  /** Inputs `[data, indices]`: out = data.shape[:axis] + indices.shape + data.shape[axis+1:] (ONNX Gather). */
  gather: { axis: number };
  /** Inserts size-1 axes at `axes` (positions in the output, negative counted from its end). */
  unsqueeze: { axes: readonly number[] };
}

/** The closed set of op types. */
export type OpType = keyof OpAttrs;

/** Every op type, in a stable order (histograms list them in this order). */
export const OP_TYPES: readonly OpType[] = [
  'conv2d', 'maxPool2d', 'add', 'sub', 'mul', 'div', 'relu', 'relu6', 'leakyRelu', 'sigmoid', 'tanh',
  'pad', 'transpose', 'concat', 'split', 'resizeBilinear', 'resizeNearest', 'reshape', 'identity', 'sparseToDense',
  'avgPool2d', 'globalAvgPool2d', 'gemm', 'batchNorm', 'flatten', 'shape', 'gather', 'unsqueeze',
];

/** A node: op type, its typed attributes, and the names of the values it reads and writes. */
export type GraphNode = {
  [K in OpType]: { op: K; name: string; inputs: string[]; outputs: string[]; attrs: OpAttrs[K] };
}[OpType];

/** A node of one op type. */
export type NodeOf<K extends OpType> = Extract<GraphNode, { op: K }>;

/** Where a graph came from, and the source model's own op histogram (before any lowering). */
export interface GraphSource {
  format: 'tfjs-graph-model' | 'onnx';
  /** The model file (model.json or .onnx). */
  path: string;
  /** Count of each op type in the source model, as the model spells them (`Conv2D`, `Const`...). */
  ops: Readonly<Record<string, number>>;
  /** Nodes in the source model (tfjs counts Const and Placeholder nodes; ONNX counts graph nodes only). */
  nodeCount: number;
}

/** A whole model: values by name, nodes (any order), graph inputs and outputs (value names). */
export interface Graph {
  values: Map<string, GraphValue>;
  nodes: GraphNode[];
  inputs: string[];
  outputs: string[];
  source: GraphSource;
}

/** True when `name` is a constant value of `graph`. */
export function isConstant(graph: Graph, name: string): boolean {
  return graph.values.get(name)?.data !== undefined;
}

/** Map from value name to the node that writes it. */
export function producers(graph: Graph): Map<string, GraphNode> {
  const m = new Map<string, GraphNode>();
  for (const node of graph.nodes) for (const o of node.outputs) m.set(o, node);
  return m;
}

/** Map from value name to the nodes that read it (a node appears once per input slot). */
export function consumers(graph: Graph): Map<string, GraphNode[]> {
  const m = new Map<string, GraphNode[]>();
  for (const node of graph.nodes) {
    for (const i of node.inputs) {
      const list = m.get(i);
      if (list === undefined) m.set(i, [node]);
      else list.push(node);
    }
  }
  return m;
}

/** A copy whose node list, nodes and value records can be rewritten without touching `graph`; constant data is shared (never mutated). */
export function cloneGraph(graph: Graph): Graph {
  const values = new Map<string, GraphValue>();
  for (const [k, v] of graph.values) values.set(k, { ...v });
  const nodes = graph.nodes.map((n) => ({ ...n, inputs: [...n.inputs], outputs: [...n.outputs], attrs: { ...n.attrs } }) as GraphNode);
  return { values, nodes, inputs: [...graph.inputs], outputs: [...graph.outputs], source: graph.source };
}

/** A value name not yet used in `graph`, built from `base`. */
export function freshName(graph: Graph, base: string): string {
  if (!graph.values.has(base)) return base;
  for (let k = 1; ; k++) {
    const name = `${base}_${k}`;
    if (!graph.values.has(name)) return name;
  }
}

/** Adds a constant value (shape and data given) under a fresh name derived from `base`; returns its name. */
export function addConstant(graph: Graph, base: string, shape: readonly number[], data: Float32Array | Int32Array): string {
  const name = freshName(graph, base);
  graph.values.set(name, { name, dtype: data instanceof Int32Array ? 'int32' : 'float32', shape: [...shape], data });
  return name;
}

/** Adds a run-time float32 value under a fresh name derived from `base`; returns its name. */
export function addValue(graph: Graph, base: string, shape?: readonly number[]): string {
  const name = freshName(graph, base);
  graph.values.set(name, shape === undefined ? { name, dtype: 'float32' } : { name, dtype: 'float32', shape: [...shape] });
  return name;
}

/**
 * Makes every node that reads value `from` read `to` instead. Graph outputs
 * keep their names (callers look results up by them), so passes never call
 * this for a value that is a graph output.
 */
export function replaceUses(graph: Graph, from: string, to: string): void {
  for (const node of graph.nodes) {
    for (let i = 0; i < node.inputs.length; i++) if (node.inputs[i] === from) node.inputs[i] = to;
  }
}
