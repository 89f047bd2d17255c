import { UnsupportedOpError } from './errors.js';
import type { GraphBuilder } from './graph-builder.js';
import type { AutoPad, Pads4, ResizeAttrs } from './graph.js';

/** One attribute of a TensorFlow NodeDef in model.json (proto3 JSON mapping). */
export interface TfAttr {
  s?: string;
  i?: string | number;
  f?: number;
  b?: boolean;
  type?: string;
  list?: { i?: Array<string | number>; s?: string[]; f?: number[] };
}

/** A TensorFlow node with its data inputs resolved to value names (control inputs dropped). */
export interface TfNode {
  name: string;
  op: string;
  inputs: string[];
  attr: Record<string, TfAttr>;
}

type Converter = (n: TfNode, b: GraphBuilder) => void;

// TensorFlow's LeakyRelu default slope (tf.nn.leaky_relu alpha=0.2).
const TF_LEAKY_RELU_DEFAULT_ALPHA = 0.2;

function str(n: TfNode, key: string, fallback: string): string {
  const s = n.attr[key]?.s;
  return s === undefined ? fallback : Buffer.from(s, 'base64').toString('utf8');
}

function ints(n: TfNode, key: string): number[] | undefined {
  const l = n.attr[key]?.list?.i;
  return l === undefined ? undefined : l.map((v) => Number(v));
}

function bool(n: TfNode, key: string): boolean {
  return n.attr[key]?.b === true;
}

function bad(n: TfNode, b: GraphBuilder, detail: string): never {
  throw new UnsupportedOpError(n.op, n.name, detail, b.graph.source.path);
}

/** Output value names of node `n` (`name`, `name:1`, ...). */
function outName(n: TfNode, k = 0): string {
  return k === 0 ? n.name : `${n.name}:${k}`;
}

function isNhwc(n: TfNode, b: GraphBuilder): boolean {
  const f = str(n, 'data_format', 'NHWC');
  if (f !== 'NHWC' && f !== 'NCHW') bad(n, b, `data_format ${f}`);
  return f === 'NHWC';
}

/** Spatial `[h, w]` entries of a 4-element NHWC/NCHW attribute list. */
function spatial(n: TfNode, b: GraphBuilder, key: string, nhwc: boolean, fallback: number): [number, number] {
  const l = ints(n, key);
  if (l === undefined || l.length === 0) return [fallback, fallback];
  if (l.length !== 4) bad(n, b, `${key} must have 4 entries, got ${JSON.stringify(l)}`);
  return nhwc ? [l[1], l[2]] : [l[2], l[3]];
}

/** TF padding attribute -> our `autoPad` and `[top, bottom, left, right]`. */
function padding(n: TfNode, b: GraphBuilder, nhwc: boolean): { autoPad: AutoPad; pads: Pads4 } {
  const p = str(n, 'padding', 'VALID');
  if (p === 'VALID') return { autoPad: 'explicit', pads: [0, 0, 0, 0] };
  if (p === 'SAME') return { autoPad: 'same', pads: [0, 0, 0, 0] };
  if (p === 'EXPLICIT') {
    const e = ints(n, 'explicit_paddings');
    if (e === undefined || e.length !== 8) bad(n, b, `explicit_paddings must have 8 entries, got ${JSON.stringify(e)}`);
    const h = nhwc ? 2 : 4;
    return { autoPad: 'explicit', pads: [e[h], e[h + 1], e[h + 2], e[h + 3]] };
  }
  return bad(n, b, `padding ${p}`);
}

function conv2D(n: TfNode, b: GraphBuilder): void {
  const nhwc = isNhwc(n, b);
  const [x, filter] = n.inputs;
  // TF filters are HWIO; ours OIHW. The transpose is folded at optimisation.
  const [w] = b.node('transpose', `${n.name}/filter_oihw`, [filter], [''], { perm: [3, 2, 0, 1] });
  const attrs = {
    strides: spatial(n, b, 'strides', nhwc, 1),
    dilations: spatial(n, b, 'dilations', nhwc, 1),
    ...padding(n, b, nhwc),
    groups: 1,
    activation: 'linear' as const,
    alpha: 0,
  };
  if (nhwc) b.nhwcOp('conv2d', n.name, x, [w], outName(n), attrs);
  else b.node('conv2d', n.name, [x, w], [outName(n)], attrs);
}

function depthwiseConv2D(n: TfNode, b: GraphBuilder): void {
  const nhwc = isNhwc(n, b);
  const [x, filter] = n.inputs;
  const shape = b.graph.values.get(filter)?.shape;
  if (b.constData(filter) === undefined || shape === undefined || shape.length !== 4) bad(n, b, 'filter must be a constant [kh, kw, C, multiplier]');
  const [kh, kw, c, m] = shape;
  // [kh, kw, C, M] -> [C, M, kh, kw] -> [C * M, 1, kh, kw], groups = C.
  const [t] = b.node('transpose', `${n.name}/filter_cmhw`, [filter], [''], { perm: [2, 3, 0, 1] });
  const target = b.newConstant(`${n.name}/filter_shape`, [4], Int32Array.of(c * m, 1, kh, kw));
  const [w] = b.node('reshape', `${n.name}/filter_oihw`, [t, target], [''], { copyZero: false });
  const attrs = {
    strides: spatial(n, b, 'strides', nhwc, 1),
    dilations: spatial(n, b, 'dilations', nhwc, 1),
    ...padding(n, b, nhwc),
    groups: c,
    activation: 'linear' as const,
    alpha: 0,
  };
  if (nhwc) b.nhwcOp('conv2d', n.name, x, [w], outName(n), attrs);
  else b.node('conv2d', n.name, [x, w], [outName(n)], attrs);
}

function maxPool(n: TfNode, b: GraphBuilder): void {
  const nhwc = isNhwc(n, b);
  const attrs = {
    kernel: spatial(n, b, 'ksize', nhwc, 1),
    strides: spatial(n, b, 'strides', nhwc, 1),
    ...padding(n, b, nhwc),
    ceilMode: false,
  };
  if (nhwc) b.nhwcOp('maxPool2d', n.name, n.inputs[0], [], outName(n), attrs);
  else b.node('maxPool2d', n.name, [n.inputs[0]], [outName(n)], attrs);
}

function resize(kind: 'resizeBilinear' | 'resizeNearest'): Converter {
  return (n, b) => {
    const size = b.constInts(n.inputs[1], n.op, n.name, 'size');
    if (size.length !== 2) bad(n, b, `size must be [h, w], got ${JSON.stringify(size)}`);
    const attrs: ResizeAttrs = {
      size: [size[0], size[1]],
      alignCorners: bool(n, 'align_corners'),
      halfPixelCenters: bool(n, 'half_pixel_centers'),
    };
    // TF resize ops take NHWC images.
    b.nhwcOp(kind, n.name, n.inputs[0], [], outName(n), attrs);
  };
}

function pad(n: TfNode, b: GraphBuilder): void {
  const flat = b.constInts(n.inputs[1], n.op, n.name, 'paddings');
  const pads: Array<[number, number]> = [];
  for (let i = 0; i + 1 < flat.length; i += 2) pads.push([flat[i], flat[i + 1]]);
  const value = n.op === 'PadV2' ? b.constScalar(n.inputs[2], n.op, n.name, 'constant_values') : 0;
  b.node('pad', n.name, [n.inputs[0]], [outName(n)], { pads, value });
}

function binary(op: 'add' | 'sub' | 'mul' | 'div'): Converter {
  return (n, b) => {
    b.node(op, n.name, [n.inputs[0], n.inputs[1]], [outName(n)], {});
  };
}

function biasAdd(n: TfNode, b: GraphBuilder): void {
  let bias = n.inputs[1];
  if (!isNhwc(n, b)) {
    // NCHW: the bias [C] must broadcast over H and W, i.e. shape [C, 1, 1].
    const data = b.constData(bias);
    if (data === undefined) bad(n, b, 'an NCHW bias must be a constant');
    bias = b.newConstant(`${n.name}/bias_c11`, [data.length, 1, 1], data);
  }
  b.node('add', n.name, [n.inputs[0], bias], [outName(n)], {});
}

function unary(op: 'relu' | 'relu6' | 'sigmoid' | 'tanh' | 'identity'): Converter {
  return (n, b) => {
    b.node(op, n.name, [n.inputs[0]], [outName(n)], {});
  };
}

function splitCommon(n: TfNode, b: GraphBuilder, x: string, axis: number, sizes: number | number[]): void {
  const count = typeof sizes === 'number' ? sizes : sizes.length;
  const outs = Array.from({ length: count }, (_, k) => outName(n, k));
  b.node('split', n.name, [x], outs, { axis, sizes });
}

/** TF op type -> converter. Const and Placeholder are handled by the loader. */
export const TF_CONVERTERS: Readonly<Record<string, Converter>> = {
  Conv2D: conv2D,
  DepthwiseConv2dNative: depthwiseConv2D,
  MaxPool: maxPool,
  ResizeBilinear: resize('resizeBilinear'),
  ResizeNearestNeighbor: resize('resizeNearest'),
  Pad: pad,
  PadV2: pad,
  Add: binary('add'),
  AddV2: binary('add'),
  BiasAdd: biasAdd,
  Sub: binary('sub'),
  Mul: binary('mul'),
  RealDiv: binary('div'),
  Div: binary('div'),
  Relu: unary('relu'),
  Relu6: unary('relu6'),
  Sigmoid: unary('sigmoid'),
  Tanh: unary('tanh'),
  Identity: unary('identity'),
  LeakyRelu: (n, b) => {
    const f = n.attr.alpha?.f;
    b.node('leakyRelu', n.name, [n.inputs[0]], [outName(n)], { alpha: f ?? TF_LEAKY_RELU_DEFAULT_ALPHA });
  },
  Transpose: (n, b) => {
    b.node('transpose', n.name, [n.inputs[0]], [outName(n)], { perm: b.constInts(n.inputs[1], n.op, n.name, 'perm') });
  },
  ConcatV2: (n, b) => {
    const axisName = n.inputs[n.inputs.length - 1];
    const [axis] = b.constInts(axisName, n.op, n.name, 'axis');
    b.node('concat', n.name, n.inputs.slice(0, -1), [outName(n)], { axis });
  },
  SplitV: (n, b) => {
    const sizes = b.constInts(n.inputs[1], n.op, n.name, 'size_splits');
    const [axis] = b.constInts(n.inputs[2], n.op, n.name, 'split_dim');
    splitCommon(n, b, n.inputs[0], axis, sizes);
  },
  Split: (n, b) => {
    const [axis] = b.constInts(n.inputs[0], n.op, n.name, 'split_dim');
    const count = Number(n.attr.num_split?.i ?? 1);
    splitCommon(n, b, n.inputs[1], axis, count);
  },
  Reshape: (n, b) => {
    b.node('reshape', n.name, [n.inputs[0], n.inputs[1]], [outName(n)], { copyZero: false });
  },
  SparseToDense: (n, b) => {
    b.node('sparseToDense', n.name, n.inputs.slice(0, 4), [outName(n)], {});
  },
};
