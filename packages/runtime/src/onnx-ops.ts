import type { onnx } from 'onnx-proto';
import { UnsupportedOpError } from './errors.js';
import type { GraphBuilder } from './graph-builder.js';
import type { AutoPad, Pads4, ResizeAttrs } from './graph.js';
import { type Int64, decodeOnnxTensor, int64 } from './onnx-tensor.js';

/** An ONNX node with a name (generated when the model leaves it empty) and its attributes by name. */
export interface OnnxNode {
  name: string;
  op: string;
  /** Input value names; `''` marks an omitted optional input (positions matter). */
  inputs: string[];
  outputs: string[];
  attrs: Map<string, onnx.IAttributeProto>;
  opset: number;
}

type Converter = (n: OnnxNode, b: GraphBuilder) => void;

// ONNX LeakyRelu's default slope (operator spec, all opsets).
const ONNX_LEAKY_RELU_DEFAULT_ALPHA = 0.01;
// ONNX BatchNormalization's default epsilon (operator spec, all opsets).
const ONNX_BATCH_NORM_DEFAULT_EPSILON = 1e-5;

function bad(n: OnnxNode, b: GraphBuilder, detail: string): never {
  throw new UnsupportedOpError(n.op, n.name, detail, b.graph.source.path);
}

function attrInt(n: OnnxNode, key: string, fallback: number): number {
  const a = n.attrs.get(key);
  return a === undefined ? fallback : int64(a.i as Int64);
}

function attrInts(n: OnnxNode, key: string): number[] | undefined {
  const a = n.attrs.get(key);
  return a === undefined ? undefined : (a.ints ?? []).map((v) => int64(v as Int64));
}

function attrFloat(n: OnnxNode, key: string, fallback: number): number {
  const a = n.attrs.get(key);
  return a === undefined ? fallback : (a.f ?? 0);
}

function attrString(n: OnnxNode, key: string, fallback: string): string {
  const a = n.attrs.get(key);
  return a === undefined || a.s === undefined || a.s === null ? fallback : new TextDecoder().decode(a.s);
}

function pair(n: OnnxNode, b: GraphBuilder, key: string, fallback: number): [number, number] {
  const l = attrInts(n, key);
  if (l === undefined) return [fallback, fallback];
  if (l.length !== 2) bad(n, b, `${key} must have 2 entries (2-D only), got ${JSON.stringify(l)}`);
  return [l[0], l[1]];
}

/** ONNX `auto_pad` + `pads` ([h_begin, w_begin, h_end, w_end]) -> ours. */
function padding(n: OnnxNode, b: GraphBuilder): { autoPad: AutoPad; pads: Pads4 } {
  const auto = attrString(n, 'auto_pad', 'NOTSET');
  if (auto === 'VALID') return { autoPad: 'explicit', pads: [0, 0, 0, 0] };
  // SAME_UPPER puts the odd pixel at the end, as TensorFlow's SAME.
  if (auto === 'SAME_UPPER') return { autoPad: 'same', pads: [0, 0, 0, 0] };
  if (auto !== 'NOTSET') bad(n, b, `auto_pad ${auto}`);
  const p = attrInts(n, 'pads') ?? [0, 0, 0, 0];
  if (p.length !== 4) bad(n, b, `pads must have 4 entries (2-D only), got ${JSON.stringify(p)}`);
  return { autoPad: 'explicit', pads: [p[0], p[2], p[1], p[3]] };
}

function conv(n: OnnxNode, b: GraphBuilder): void {
  const inputs = n.inputs.filter((s) => s !== '');
  const wShape = b.graph.values.get(inputs[1])?.shape;
  if (wShape !== undefined && wShape.length !== 4) bad(n, b, `only 2-D convolution, got a weight of shape [${wShape.join(', ')}]`);
  b.node('conv2d', n.name, inputs, [n.outputs[0]], {
    strides: pair(n, b, 'strides', 1),
    dilations: pair(n, b, 'dilations', 1),
    ...padding(n, b),
    groups: attrInt(n, 'group', 1),
    activation: 'linear',
    alpha: 0,
  });
}

function maxPool(n: OnnxNode, b: GraphBuilder): void {
  if (n.outputs.length > 1 && n.outputs[1] !== '') bad(n, b, 'the Indices output');
  const d = pair(n, b, 'dilations', 1);
  if (d[0] !== 1 || d[1] !== 1) bad(n, b, `dilations ${JSON.stringify(d)}`);
  const kernel = pair(n, b, 'kernel_shape', 0);
  b.node('maxPool2d', n.name, [n.inputs[0]], [n.outputs[0]], {
    kernel,
    strides: pair(n, b, 'strides', 1),
    ...padding(n, b),
    ceilMode: attrInt(n, 'ceil_mode', 0) === 1,
  });
}

function pad(n: OnnxNode, b: GraphBuilder): void {
  const mode = attrString(n, 'mode', 'constant');
  if (mode !== 'constant') bad(n, b, `mode ${mode}`);
  let flat: number[];
  let value = 0;
  if (n.opset < 11) {
    flat = attrInts(n, 'pads') ?? [];
    value = attrFloat(n, 'value', 0);
  } else {
    if (n.inputs[3] !== undefined && n.inputs[3] !== '') bad(n, b, 'the axes input');
    flat = b.constInts(n.inputs[1], n.op, n.name, 'pads');
    if (n.inputs[2] !== undefined && n.inputs[2] !== '') value = b.constScalar(n.inputs[2], n.op, n.name, 'constant_value');
  }
  // ONNX lists all begins, then all ends.
  const rank = flat.length / 2;
  const pads = Array.from({ length: rank }, (_, i) => [flat[i], flat[rank + i]] as [number, number]);
  b.node('pad', n.name, [n.inputs[0]], [n.outputs[0]], { pads, value });
}

function resize(n: OnnxNode, b: GraphBuilder): void {
  const mode = attrString(n, 'mode', 'nearest');
  // Resize-10 has no coordinate_transformation_mode: it samples at out / scale (asymmetric), nearest by floor.
  const ctm = n.opset < 11 ? 'asymmetric' : attrString(n, 'coordinate_transformation_mode', 'half_pixel');
  const attrs: ResizeAttrs = { alignCorners: ctm === 'align_corners', halfPixelCenters: ctm === 'half_pixel' };
  if (ctm !== 'align_corners' && ctm !== 'half_pixel' && ctm !== 'asymmetric') bad(n, b, `coordinate_transformation_mode ${ctm}`);
  if (mode === 'nearest') {
    const nm = n.opset < 11 ? 'floor' : attrString(n, 'nearest_mode', 'round_prefer_floor');
    // Our nearest kernel takes floor(src), the asymmetric/floor convention (PyTorch 'nearest').
    if (ctm !== 'asymmetric' || nm !== 'floor') bad(n, b, `nearest resize with ${ctm}/${nm} (only asymmetric/floor)`);
  } else if (mode !== 'linear') {
    bad(n, b, `mode ${mode}`);
  }
  // opset 10: (X, scales); opset 11+: (X, roi, scales, sizes).
  const scalesName = n.opset < 11 ? n.inputs[1] : n.inputs[2];
  const sizesName = n.opset < 11 ? undefined : n.inputs[3];
  if (sizesName !== undefined && sizesName !== '') {
    const s = b.constInts(sizesName, n.op, n.name, 'sizes');
    if (s.length !== 4) bad(n, b, `sizes must be [N, C, H, W], got ${JSON.stringify(s)}`);
    attrs.size = [s[2], s[3]];
  } else if (scalesName !== undefined && scalesName !== '') {
    const data = b.constData(scalesName);
    if (data === undefined || data.length !== 4 || data[0] !== 1 || data[1] !== 1) bad(n, b, 'scales must be a constant [1, 1, sh, sw]');
    attrs.scales = [data[2], data[3]];
  } else {
    bad(n, b, 'neither sizes nor scales given');
  }
  b.node(mode === 'linear' ? 'resizeBilinear' : 'resizeNearest', n.name, [n.inputs[0]], [n.outputs[0]], attrs);
}

function averagePool(n: OnnxNode, b: GraphBuilder): void {
  const d = pair(n, b, 'dilations', 1);
  if (d[0] !== 1 || d[1] !== 1) bad(n, b, `dilations ${JSON.stringify(d)}`);
  b.node('avgPool2d', n.name, [n.inputs[0]], [n.outputs[0]], {
    kernel: pair(n, b, 'kernel_shape', 0),
    strides: pair(n, b, 'strides', 1),
    ...padding(n, b),
    ceilMode: attrInt(n, 'ceil_mode', 0) === 1,
    // ONNX's default is 0 (exclude padding); PyTorch exports write 1 explicitly.
    countIncludePad: attrInt(n, 'count_include_pad', 0) === 1,
  });
}

function gemm(n: OnnxNode, b: GraphBuilder): void {
  b.node('gemm', n.name, n.inputs.filter((s) => s !== ''), [n.outputs[0]], {
    transA: attrInt(n, 'transA', 0) === 1,
    transB: attrInt(n, 'transB', 0) === 1,
    alpha: attrFloat(n, 'alpha', 1),
    beta: attrFloat(n, 'beta', 1),
  });
}

function matMul(n: OnnxNode, b: GraphBuilder): void {
  // Batched (rank > 2) MatMul would need its own kernel; a constant 2-D right operand is a linear layer.
  const w = b.graph.values.get(n.inputs[1]);
  if (w?.data === undefined || w.shape?.length !== 2) bad(n, b, 'only a constant 2-D right operand (a linear layer)');
  b.node('gemm', n.name, [n.inputs[0], n.inputs[1]], [n.outputs[0]], { transA: false, transB: false, alpha: 1, beta: 1 });
}

function batchNormalization(n: OnnxNode, b: GraphBuilder): void {
  if (attrInt(n, 'training_mode', 0) !== 0) bad(n, b, 'training_mode 1 (inference only)');
  if (n.opset < 9 && attrInt(n, 'spatial', 1) !== 1) bad(n, b, 'spatial 0');
  if (n.outputs.slice(1).some((o) => o !== '')) bad(n, b, 'the running-statistics outputs (inference only)');
  b.node('batchNorm', n.name, n.inputs.slice(0, 5), [n.outputs[0]], { epsilon: attrFloat(n, 'epsilon', ONNX_BATCH_NORM_DEFAULT_EPSILON) });
}

function unsqueeze(n: OnnxNode, b: GraphBuilder): void {
  // Unsqueeze-13 moved axes from an attribute to a (constant) input.
  const axes = n.opset >= 13 ? b.constInts(n.inputs[1], n.op, n.name, 'axes') : attrInts(n, 'axes');
  if (axes === undefined || axes.length === 0) bad(n, b, 'no axes');
  b.node('unsqueeze', n.name, [n.inputs[0]], [n.outputs[0]], { axes });
}

function shape(n: OnnxNode, b: GraphBuilder): void {
  const end = n.attrs.get('end');
  b.node('shape', n.name, [n.inputs[0]], [n.outputs[0]], {
    start: attrInt(n, 'start', 0),
    ...(end === undefined ? {} : { end: attrInt(n, 'end', 0) }),
  });
}

function split(n: OnnxNode, b: GraphBuilder): void {
  const axis = attrInt(n, 'axis', 0);
  let sizes: number | number[] = n.outputs.length;
  if (n.opset >= 13 && n.inputs[1] !== undefined && n.inputs[1] !== '') sizes = b.constInts(n.inputs[1], n.op, n.name, 'split');
  else if (n.opset < 13 && attrInts(n, 'split') !== undefined) sizes = attrInts(n, 'split') as number[];
  b.node('split', n.name, [n.inputs[0]], n.outputs, { axis, sizes });
}

function constant(n: OnnxNode, b: GraphBuilder): void {
  const path = b.graph.source.path;
  const t = n.attrs.get('value')?.t;
  if (t !== undefined && t !== null) {
    const { shape, data } = decodeOnnxTensor(t, path);
    b.constant(n.outputs[0], shape, data);
  } else if (n.attrs.has('value_float')) {
    b.constant(n.outputs[0], [], Float32Array.of(attrFloat(n, 'value_float', 0)));
  } else if (n.attrs.has('value_floats')) {
    const f = n.attrs.get('value_floats')?.floats ?? [];
    b.constant(n.outputs[0], [f.length], Float32Array.from(f));
  } else if (n.attrs.has('value_int')) {
    b.constant(n.outputs[0], [], Int32Array.of(attrInt(n, 'value_int', 0)));
  } else if (n.attrs.has('value_ints')) {
    const l = attrInts(n, 'value_ints') ?? [];
    b.constant(n.outputs[0], [l.length], Int32Array.from(l));
  } else {
    bad(n, b, 'a value kind other than value, value_float(s), value_int(s)');
  }
}

function simple(op: 'add' | 'sub' | 'mul' | 'div' | 'relu' | 'sigmoid' | 'tanh' | 'identity'): Converter {
  return (n, b) => {
    b.node(op, n.name, n.inputs.filter((s) => s !== ''), [n.outputs[0]], {});
  };
}

/** ONNX op type -> converter (default domain). */
export const ONNX_CONVERTERS: Readonly<Record<string, Converter>> = {
  Conv: conv,
  MaxPool: maxPool,
  Pad: pad,
  Resize: resize,
  Split: split,
  Constant: constant,
  AveragePool: averagePool,
  GlobalAveragePool: (n, b) => {
    b.node('globalAvgPool2d', n.name, [n.inputs[0]], [n.outputs[0]], {});
  },
  Gemm: gemm,
  MatMul: matMul,
  BatchNormalization: batchNormalization,
  Flatten: (n, b) => {
    b.node('flatten', n.name, [n.inputs[0]], [n.outputs[0]], { axis: attrInt(n, 'axis', 1) });
  },
  Shape: shape,
  Gather: (n, b) => {
    b.node('gather', n.name, [n.inputs[0], n.inputs[1]], [n.outputs[0]], { axis: attrInt(n, 'axis', 0) });
  },
  Unsqueeze: unsqueeze,
  Add: simple('add'),
  Sub: simple('sub'),
  Mul: simple('mul'),
  Div: simple('div'),
  Relu: simple('relu'),
  Sigmoid: simple('sigmoid'),
  Tanh: simple('tanh'),
  Identity: simple('identity'),
  LeakyRelu: (n, b) => {
    b.node('leakyRelu', n.name, [n.inputs[0]], [n.outputs[0]], { alpha: attrFloat(n, 'alpha', ONNX_LEAKY_RELU_DEFAULT_ALPHA) });
  },
  Transpose: (n, b) => {
    const perm = attrInts(n, 'perm');
    if (perm === undefined) bad(n, b, 'a missing perm (the input rank is not known at load)');
    b.node('transpose', n.name, [n.inputs[0]], [n.outputs[0]], { perm });
  },
  Concat: (n, b) => {
    b.node('concat', n.name, n.inputs.filter((s) => s !== ''), [n.outputs[0]], { axis: attrInt(n, 'axis', 0) });
  },
  Reshape: (n, b) => {
    b.node('reshape', n.name, [n.inputs[0], n.inputs[1]], [n.outputs[0]], { copyZero: attrInt(n, 'allowzero', 0) === 0 });
  },
};
