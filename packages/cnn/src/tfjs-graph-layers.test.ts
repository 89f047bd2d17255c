import { InputError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { analyzeModel, tfjsGraphLayers } from './index.js';
import type { ManifestWeight } from './index.js';
import { assertThrows } from './testing/c3-oracle.js';

// Builders for small hand-made graphs in the tfjs "graph-model" JSON format.
const b64 = (s: string) => Buffer.from(s).toString('base64');
const list = (...i: number[]) => ({ list: { i: i.map(String) } });
const node = (name: string, op: string, input: string[] = [], attr: Record<string, unknown> = {}) => ({ name, op, input, attr });
const placeholder = (name: string, ...d: number[]) => node(name, 'Placeholder', [], { shape: { shape: { dim: d.map((size) => ({ size: String(size) })) } } });
const graph = (...nodes: object[]) => ({ format: 'graph-model', modelTopology: { node: nodes } });
function weights(entries: Record<string, [number[], number[]?]>): Map<string, ManifestWeight> {
  const m = new Map<string, ManifestWeight>();
  for (const [name, [shape, ints]] of Object.entries(entries)) {
    m.set(name, { shape, dtype: ints === undefined ? 'float32' : 'int32', ints: ints === undefined ? undefined : Int32Array.from(ints) });
  }
  return m;
}
const consts = (...names: string[]) => names.map((n) => node(n, 'Const'));

const s = suite('tfjsGraphLayers');

s('an NHWC classifier: fused conv + bias + relu, pool, global mean, reshape, matmul + bias', () => {
  const g = graph(
    placeholder('x', 1, 8, 8, 3),
    ...consts('w', 'b', 'axes', 'shape', 'fcw', 'fcb'),
    node('conv', 'FusedConv2D', ['x', 'w', 'b'], { padding: { s: b64('SAME') }, strides: list(1, 2, 2, 1), fused_ops: { list: { s: [b64('BiasAdd'), b64('Relu')] } } }),
    node('pool', 'MaxPool', ['conv'], { padding: { s: b64('VALID') }, ksize: list(1, 2, 2, 1), strides: list(1, 2, 2, 1) }),
    node('gap', 'Mean', ['pool', 'axes'], { keep_dims: { b: true } }),
    node('flat', 'Reshape', ['gap', 'shape']),
    node('fc', 'MatMul', ['flat', 'fcw']),
    node('logits', 'BiasAdd', ['fc', 'fcb']),
  );
  const w = weights({ w: [[3, 3, 3, 4]], b: [[4]], axes: [[2], [1, 2]], shape: [[2], [1, -1]], fcw: [[4, 10]], fcb: [[10]] });
  const { inputShape, layers } = tfjsGraphLayers(g, w, 'toy.json');
  assert.equal(inputShape, [3, 8, 8]);
  // Reshape works on the actual (NHWC) order, so a layout transpose precedes it
  assert.equal(layers.map((l) => `${l.name}:${l.type}`), [
    'conv:conv',
    'conv/Relu:activation',
    'pool:maxpool',
    'gap:globalavgpool',
    'flat/layout:transpose',
    'flat:reshape',
    'fc:fc',
  ]);
  const a = analyzeModel(layers, inputShape);
  // conv SAME stride 2: 8 -> 4; params 3*3*3*4 + 4 = 112; MACs 16 * 4 * 27 = 1,728; fc 4 -> 10 + bias = 50
  assert.equal(a.layers.map((l) => l.outputShape), [[4, 4, 4], [4, 4, 4], [4, 2, 2], [4, 1, 1], [1, 1, 4], [4], [10]]);
  assert.equal(a.totals, { params: 162, macs: 1_728 + 40 });
});

s('NCHW graphs with layout transposes: Pad folds into the conv, a second reader gets a pad layer', () => {
  const g = graph(
    placeholder('x', 1, 3, 6, 6),
    ...consts('pads', 'toNhwc', 'toNchw', 'w', 'b'),
    node('pad', 'Pad', ['x', 'pads']),
    node('t1', 'Transpose', ['pad', 'toNhwc']),
    node('conv', 'Conv2D', ['t1', 'w'], { padding: { s: b64('VALID') }, strides: list(1, 1, 1, 1), data_format: { s: b64('NHWC') } }),
    node('bias', 'Add', ['conv', 'b']),
    node('t2', 'Transpose', ['bias', 'toNchw']),
    node('act', 'LeakyRelu', ['t2']),
    node('other', 'Relu', ['pad']),
  );
  const w = weights({ pads: [[4, 2], [0, 0, 0, 0, 1, 1, 2, 0]], toNhwc: [[4], [0, 2, 3, 1]], toNchw: [[4], [0, 3, 1, 2]], w: [[3, 3, 3, 2]], b: [[2]] });
  const { layers, inputShape } = tfjsGraphLayers(g, w, 'toy.json');
  assert.equal(layers.map((l) => l.type), ['conv', 'activation', 'pad', 'activation']);
  assert.equal(layers[0], { type: 'conv', name: 'conv', inputs: ['input'], outChannels: 2, groups: 1, kernel: [3, 3], stride: [1, 1], padding: [1, 1, 2, 0], dilation: [1, 1], bias: true });
  const a = analyzeModel(layers, inputShape);
  // H: 6 + 1 + 1 - 2 = 6, W: 6 + 2 + 0 - 2 = 6; the pad layer alone: 3 x 8 x 8
  assert.equal(a.layers[0].outputShape, [2, 6, 6]);
  assert.equal(a.layers[2].outputShape, [3, 8, 8]);
});

s('depthwise filters, SplitV with -1, ConcatV2 and nearest resize', () => {
  const g = graph(
    placeholder('x', 1, 6, 6, 4),
    ...consts('dw', 'sizes', 'axis', 'size'),
    node('d', 'DepthwiseConv2dNative', ['x', 'dw'], { padding: { s: b64('SAME') }, strides: list(1, 1, 1, 1) }),
    node('sp', 'SplitV', ['d', 'sizes', 'axis'], { num_split: { i: '2' } }),
    node('cat', 'ConcatV2', ['sp:1', 'sp', 'axis'], { N: { i: '2' } }),
    node('up', 'ResizeNearestNeighbor', ['cat', 'size']),
  );
  const w = weights({ dw: [[3, 3, 4, 2]], sizes: [[2], [3, -1]], axis: [[], [3]], size: [[2], [12, 12]] });
  // dim 1 (6) > 4, so the input is taken as NHWC
  const { layers, inputShape } = tfjsGraphLayers(g, w, 'toy.json');
  assert.equal(inputShape, [4, 6, 6]);
  const a = analyzeModel(layers, inputShape);
  // depthwise x2: 8 channels; split 3 + 5; concat 5 + 3; resize to 12x12
  assert.equal(a.layers.map((l) => [l.name, l.outputShape]), [
    ['d', [8, 6, 6]],
    ['sp:0', [3, 6, 6]],
    ['sp:1', [5, 6, 6]],
    ['cat', [8, 6, 6]],
    ['up', [8, 12, 12]],
  ]);
  // depthwise params 8 * 9 (no bias node) = 72
  assert.is(a.layers[0].params, 72);
});

s('throws InputError naming the file for malformed or unsupported graphs', () => {
  const none = new Map<string, ManifestWeight>();
  assertThrows(() => tfjsGraphLayers({}, none, 'm.json'), InputError, /^m\.json: tfjsGraphLayers: modelTopology\.node must be an array/);
  assertThrows(() => tfjsGraphLayers(graph(placeholder('x', 1, 3, 4, 4), node('y', 'Foo', ['x'])), none, 'm.json'), InputError, /node "y" has op Foo, which the layer walk does not support/);
  assertThrows(() => tfjsGraphLayers(graph(node('a', 'Relu', ['b']), node('b', 'Relu', ['a'])), none, 'm.json'), InputError, /the graph has a cycle/);
  assertThrows(() => tfjsGraphLayers(graph(node('a', 'Relu', ['nowhere'])), none, 'm.json'), InputError, /node "nowhere" is an input of another node but is not defined/);
  assertThrows(
    () => tfjsGraphLayers(graph(placeholder('x', 1, 3, 4, 4), node('p', 'Const'), node('t', 'Transpose', ['x', 'p'])), none, 'm.json'),
    InputError,
    /node "t" \(Transpose\) needs the values of its permutation; is the weights file complete\?/,
  );
  assertThrows(() => tfjsGraphLayers(graph(node('c', 'Const')), none, 'm.json'), InputError, /the graph has no Placeholder input/);
  assertThrows(() => tfjsGraphLayers(graph(placeholder('x', 1, 3, 4)), none, 'm.json'), InputError, /input "x" must be 4-D, got \[1, 3, 4\]/);
  assertThrows(
    () => tfjsGraphLayers(graph(placeholder('x', 1, 3, 4, 4), node('w', 'Const'), node('c', 'Conv2D', ['x', 'w'], { data_format: { s: b64('NHWC') } })), weights({ w: [[1, 1, 3, 2]] }), 'm.json'),
    InputError,
    /node "c" \(Conv2D\) expects NHWC input, got axes \(NCHW\)/,
  );
});

s.run();
