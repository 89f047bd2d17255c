import { type ConvSpec, type LayerSpec, type ModelAnalysis, type Pair, type ReshapeSpec, analyzeModel } from '@mot/cnn';
import { ConfigError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { UnsupportedOpError } from './errors.js';
import { graphToLayerSpecs } from './graph-layers.js';
import type { Graph } from './graph.js';
import { loadOnnxModel } from './load-onnx-model.js';
import { loadTfjsGraphModel } from './load-tfjs-graph-model.js';
import { optimizeGraph } from './optimize/optimize-graph.js';
import { convAttrs, irGraph, n } from './testing/ir-builder.js';
import { NANODET_JSON, NANODET_ONNX } from './testing/oracles.js';

const f32 = (k: number) => new Float32Array(k);
const throwsUnsupported = (fn: () => unknown, pattern: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof UnsupportedOpError && pattern.test((e as Error).message));
const throwsConfig = (fn: () => unknown, pattern: RegExp) => assert.throws(fn, (e: unknown) => e instanceof ConfigError && pattern.test((e as Error).message));

// ---------------------------------------------------------------------------
// NanoDet-g, the shipped model, through the runtime's loader and optimiser.

const nano = suite('graphToLayerSpecs on NanoDet-g');
const loaded: { tfjs?: { layers: LayerSpec[]; a: ModelAnalysis }; onnx?: { layers: LayerSpec[]; a: ModelAnalysis } } = {};
nano.before(async () => {
  for (const [key, graph] of [['tfjs', await loadTfjsGraphModel(NANODET_JSON)], ['onnx', await loadOnnxModel(NANODET_ONNX)]] as const) {
    const { layers, inputShape } = graphToLayerSpecs(optimizeGraph(graph).graph);
    assert.equal(inputShape, [3, 416, 416]);
    loaded[key] = { layers, a: analyzeModel(layers, inputShape) };
  }
});

nano('2,090,083,840 MACs in 34 convs, as packages/detector/models/nanodet/README.md states', () => {
  const { layers, a } = loaded.tfjs!;
  const convs = a.layers.filter((l) => l.type === 'conv');
  const first = (p: Pair | undefined) => (typeof p === 'number' ? p : p?.[0]);
  const spec = (name: string) => {
    const c = layers.find((l) => l.name === name) as ConvSpec;
    return { k: first(c.kernel), s: first(c.stride) };
  };
  // README: 34 Conv2D, 28 of them 3x3 (4 with stride 2), 6 of them 1x1
  assert.is(convs.length, 34);
  assert.is(convs.filter((c) => spec(c.name).k === 3).length, 28);
  assert.is(convs.filter((c) => spec(c.name).k === 3 && spec(c.name).s === 2).length, 4);
  assert.is(convs.filter((c) => spec(c.name).k === 1).length, 6);
  // README: 2,090,083,840 multiply-accumulates; all of them are conv MACs (nothing else counts)
  assert.is(a.totals.macs, 2_090_083_840);
  // the largest conv: the stride-8 head 3x3 128 -> 128 on 52x52: 52 * 52 * 128 * 1152 = 398,721,024
  const largest = convs.reduce((m, c) => (c.macs > m.macs ? c : m));
  assert.equal([largest.name, largest.macs, largest.outputShape], ['convolution_28', 398_721_024, [128, 52, 52]]);
  // GEMM shapes after im2col: M = Cout 16..256, N = Ho*Wo 169..43264
  assert.equal([Math.min(...convs.map((c) => c.outputShape[0])), Math.max(...convs.map((c) => c.outputShape[0]))], [16, 256]);
  assert.equal([Math.min(...convs.map((c) => c.outputShape[1] * c.outputShape[2])), Math.max(...convs.map((c) => c.outputShape[1] * c.outputShape[2]))], [169, 43_264]);
});

nano('3,786,068 parameters (3.79 M): conv weights + biases; the tfjs weights hold one more float, the -inf of PadV2', () => {
  const { a } = loaded.tfjs!;
  // BN is folded: 34 filters + 34 biases. nanodet.bin holds 3,786,069 floats = these + PadV2/constant_values (-inf),
  // which the runtime folds into the max pool's padding.
  assert.is(a.totals.params, 3_786_068);
  assert.is(Math.round(a.totals.params / 1e4) / 100, 3.79);
});

nano('104 layers; head outputs have the shapes of the model signature', () => {
  const { a } = loaded.tfjs!;
  // 34 conv + 28 fused LeakyReLU + 3 sigmoid + 1 maxpool + 12 concat + 4 add + 4 resize + 6 slice + 6 reshape + 6 transpose
  assert.is(a.layers.length, 104);
  const out = (name: string) => a.layers.find((l) => l.name === name)!.outputShape;
  // signature: Identity [1,2704,80], Identity_3 [1,2704,44], Identity_1 [1,676,80], Identity_4 [1,676,44], Identity_2 [1,169,80], Identity_5 [1,169,44]
  assert.equal(out('Transpose_157'), [2704, 80]);
  assert.equal(out('Transpose_160'), [2704, 44]);
  assert.equal(out('Transpose_168'), [676, 80]);
  assert.equal(out('Transpose_171'), [676, 44]);
  assert.equal(out('Transpose_179'), [169, 80]);
  assert.equal(out('Transpose_182'), [169, 44]);
  // first conv: 3x3 stride 2 with the explicit Pad of 1 folded in: 208x208, RF 3, jump 2; its fused LeakyReLU follows
  assert.equal([a.layers[0].name, a.layers[0].outputShape, a.layers[0].receptiveField], ['convolution', [32, 208, 208], { size: 3, jump: 2, start: 0.5 }]);
  assert.equal([a.layers[1].name, a.layers[1].type], ['LeakyRelu_1', 'activation']);
  // the max pool with PadV2's -inf folded in as padding 1: 3x3 stride 2 on jump 2: size 3 + 2 * 2 = 7, jump 4
  assert.equal(a.layers[2].outputShape, [32, 104, 104]);
  assert.equal(a.layers[2].receptiveField, { size: 7, jump: 4, start: 0.5 });
});

nano('the ONNX export gives the same 104 layers (type, shape, params, MACs, receptive field), under ONNX node names', () => {
  const key = (l: ModelAnalysis['layers'][number]) => JSON.stringify([l.type, l.outputShape, l.params, l.macs, l.receptiveField, l.receptiveFieldW]);
  const tfjs = loaded.tfjs!.a;
  const onnx = loaded.onnx!.a;
  assert.equal(onnx.totals, { params: 3_786_068, macs: 2_090_083_840 });
  assert.equal(onnx.layers.map(key).sort(), tfjs.layers.map(key).sort());
  assert.equal(onnx.layers.slice(0, 3).map((l) => l.name), ['Conv_0', 'LeakyRelu_1', 'MaxPool_2']);
});

nano.run();

// ---------------------------------------------------------------------------
// Hand-built graphs: each op's mapping, checked through analyzeModel.

const ops = suite('graphToLayerSpecs');

ops('conv + fused activation, depthwise, same max pool, split, concat, add of maps, add of a constant', () => {
  const g = irGraph(
    { x: [1, 4, 9, 9] },
    { w: [[6, 4, 3, 3], f32(216)], b: [[6], f32(6)], dw: [[6, 1, 3, 3], f32(54)], k: [[6, 1, 1], f32(6)] },
    [
      n('conv2d', 'c1', ['x', 'w', 'b'], ['act1'], convAttrs({ strides: [2, 2], pads: [1, 1, 1, 1], activation: 'relu' })),
      n('conv2d', 'dw1', ['act1', 'dw'], ['d'], convAttrs({ groups: 6, autoPad: 'same' })),
      n('maxPool2d', 'mp', ['d'], ['p'], { kernel: [2, 2], strides: [2, 2], pads: [0, 0, 0, 0], autoPad: 'same', ceilMode: false }),
      n('split', 'sp', ['p'], ['s0', 's1'], { axis: 1, sizes: [2, -1] }),
      n('concat', 'cat', ['s1', 's0'], ['cat'], { axis: -3 }),
      n('add', 'sum', ['cat', 'p'], ['sum'], {}),
      n('add', 'shift', ['k', 'sum'], ['y'], {}),
      n('identity', 'id', ['y'], ['out'], {}),
    ],
    ['out'],
  );
  const { layers, inputShape } = graphToLayerSpecs(g);
  assert.equal(inputShape, [4, 9, 9]);
  assert.equal(layers[0], { type: 'conv', name: 'c1', inputs: ['input'], outChannels: 6, groups: 1, kernel: [3, 3], stride: [2, 2], padding: [1, 1, 1, 1], dilation: [1, 1], bias: true });
  assert.equal(layers.map((l) => `${l.name}:${l.type}`), ['c1:conv', 'act1:activation', 'dw1:depthwise', 'mp:maxpool', 'sp:0:slice', 'sp:1:slice', 'cat:concat', 'sum:add', 'shift:activation']);
  const a = analyzeModel(layers, inputShape);
  // conv: (9 + 2 - 3)/2 + 1 = 5; params 6*4*9 + 6 = 222; MACs 25 * 6 * 36 = 5,400
  // depthwise SAME 3x3: 5x5, 6 * 9 = 54 params (no bias), MACs 25 * 6 * 9 = 1,350; pool SAME 2/2: ceil(5/2) = 3
  // split 2 + 4; concat 4 + 2 = 6 channels; sum and shift keep [6, 3, 3]
  assert.equal(a.layers.map((l) => l.outputShape), [[6, 5, 5], [6, 5, 5], [6, 5, 5], [6, 3, 3], [2, 3, 3], [4, 3, 3], [6, 3, 3], [6, 3, 3], [6, 3, 3]]);
  assert.equal(a.totals, { params: 222 + 54, macs: 5_400 + 1_350 });
  assert.equal(layers[8].inputs, ['sum']);
});

ops('pad, resize by scales, reshape with ONNX copy-zero, transpose; inputShape overrides a dynamic input', () => {
  const g = irGraph(
    { x: [-1, 2, -1, -1] },
    { shape: [[3], Int32Array.of(0, 0, -1)] },
    [
      n('pad', 'pd', ['x'], ['p'], { pads: [[0, 0], [0, 0], [1, 0], [0, 2]], value: 0 }),
      n('resizeNearest', 'up', ['p'], ['u'], { scales: [2, 1.5], alignCorners: false, halfPixelCenters: false }),
      n('reshape', 'flat', ['u', 'shape'], ['r'], { copyZero: true }),
      n('transpose', 'tr', ['r'], ['t'], { perm: [0, 2, 1] }),
    ],
    ['t'],
  );
  const { layers, inputShape } = graphToLayerSpecs(g, [2, 4, 6]);
  assert.equal(inputShape, [2, 4, 6]);
  // pad: H 4 + 1 = 5, W 6 + 2 = 8; resize floor(5 * 2) = 10, floor(8 * 1.5) = 12; reshape [1, 2, -1] -> [2, 120]; transpose -> [120, 2]
  assert.equal(layers.map((l) => l.type), ['pad', 'resize', 'reshape', 'transpose']);
  assert.equal((layers[2] as ReshapeSpec).shape, [2, -1]);
  assert.equal(analyzeModel(layers, inputShape).layers.map((l) => l.outputShape), [[2, 5, 8], [2, 10, 12], [2, 120], [120, 2]]);
});

ops('a fused activation whose value has the conv\'s name is called <conv>/<activation>; names stay unique', () => {
  const g = irGraph(
    { x: [1, 1, 4, 4] },
    { w: [[1, 1, 1, 1], f32(1)] },
    [
      n('conv2d', 'PartitionedCall/c', ['x', 'w'], ['PartitionedCall/c'], convAttrs({ activation: 'sigmoid' })),
      n('relu', 'onnx_tf_prefix_c', ['PartitionedCall/c'], ['y'], {}),
    ],
    ['y'],
  );
  assert.equal(graphToLayerSpecs(g).layers.map((l) => l.name), ['c', 'c/sigmoid', 'c#2']);
});

ops('throws ConfigError for a graph with several inputs, an unknown input size or a bad inputShape', () => {
  const two = irGraph({ a: [1, 1, 2, 2], b: [1, 1, 2, 2] }, {}, [n('add', 's', ['a', 'b'], ['y'], {})], ['y']);
  throwsConfig(() => graphToLayerSpecs(two), /^graphToLayerSpecs: graph must have exactly 1 input, got 2 \[a, b\]$/);
  const dyn = irGraph({ x: [1, 3, -1, -1] }, {}, [n('relu', 'r', ['x'], ['y'], {})], ['y']);
  throwsConfig(() => graphToLayerSpecs(dyn), /inputShape must be given when the graph input has no fixed size, got \[1, 3, -1, -1\]/);
  throwsConfig(() => graphToLayerSpecs(dyn, [3, 8]), /inputShape must be 3 positive integers \(no batch axis\), got \[3, 8\]/);
  throwsConfig(() => graphToLayerSpecs(dyn, [3, 0, 8]), /got \[3, 0, 8\]/);
  const cyc = irGraph({ x: [1, 1, 2, 2] }, {}, [n('add', 'p', ['x', 'q'], ['p'], {}), n('relu', 'q', ['p'], ['q'], {})], ['q']);
  throwsConfig(() => graphToLayerSpecs(cyc), /graph must be acyclic, got a cycle through p, q/);
});

ops('throws UnsupportedOpError naming the node for what analysis cannot express', () => {
  const one = (node: ReturnType<typeof n>, constants: Parameters<typeof irGraph>[1] = {}, shape = [1, 4, 6, 6]): Graph => irGraph({ x: shape }, constants, [node], node.outputs);
  throwsUnsupported(() => graphToLayerSpecs(one(n('mul', 'm', ['x', 'x'], ['y'], {}))), /unsupported op mul at node 'm': model analysis: mul of two run-time tensors has no layer type/);
  throwsUnsupported(() => graphToLayerSpecs(one(n('concat', 'c', ['x', 'x'], ['y'], { axis: 2 }))), /node 'c': .*only channel concatenation of NCHW maps is supported, got axis 2/);
  throwsUnsupported(() => graphToLayerSpecs(one(n('split', 's', ['x'], ['a', 'b'], { axis: -1, sizes: 2 }))), /node 's': .*only splits along the channel axis \(1\) are supported, got axis -1/);
  throwsUnsupported(() => graphToLayerSpecs(one(n('split', 's', ['x'], ['a', 'b'], { axis: 1, sizes: [3, 2] }))), /split sizes must fill the 4 channels, got \[3, 2\]/);
  throwsUnsupported(() => graphToLayerSpecs(one(n('transpose', 't', ['x'], ['y'], { perm: [1, 0, 2, 3] }))), /the batch axis must stay first, got perm \[1, 0, 2, 3\]/);
  throwsUnsupported(() => graphToLayerSpecs(one(n('reshape', 'r', ['x', 's'], ['y'], { copyZero: false }), { s: [[2], Int32Array.of(2, -1)] })), /the batch must stay 1, got target \[2, -1\]/);
  throwsUnsupported(() => graphToLayerSpecs(irGraph({ x: [1, 4, 6, 6] }, {}, [n('relu', 'q', ['x'], ['s'], {}), n('reshape', 'r', ['x', 's'], ['y'], { copyZero: false })], ['y'])), /node 'r': .*the target shape must be a constant/);
  throwsUnsupported(() => graphToLayerSpecs(one(n('pad', 'p', ['x'], ['y'], { pads: [[0, 0], [1, 0], [0, 0], [0, 0]], value: 0 }))), /only non-negative padding of H and W/);
  throwsUnsupported(() => graphToLayerSpecs(one(n('resizeBilinear', 'z', ['x'], ['y'], { size: [2, 2], alignCorners: false, halfPixelCenters: true }), {}, [1, 6])), /the input must be an NCHW map, got \[1, 6\]/);
  throwsUnsupported(() => graphToLayerSpecs(irGraph({ x: [1, 4, 6, 6] }, {}, [n('relu', 'q', ['x'], ['w'], {}), n('conv2d', 'cv', ['x', 'w'], ['y'], convAttrs())], ['y'])), /node 'cv'.*the filter shape must be known/);
  throwsUnsupported(() => graphToLayerSpecs(one(n('relu', 'r', ['c'], ['y'], {}), { c: [[2], f32(2)] })), /node 'r': .*every input is a constant; fold constants first/);
  throwsUnsupported(() => graphToLayerSpecs(one(n('add', 'a', ['x', 'ghost'], ['y'], {}))), /input 'ghost' is not produced by any node before it/);
  throwsUnsupported(
    () => graphToLayerSpecs(one(n('concat', 'c', ['k', 'x'], ['y'], { axis: 1 }), { k: [[1, 4, 6, 6], f32(144)] })),
    /input 'k' is a constant where a run-time tensor is expected/,
  );
  throwsUnsupported(
    () => graphToLayerSpecs(irGraph({ x: [1, 4, 6, 6] }, { i: [[1], Int32Array.of(0)] }, [n('add', 'a', ['x', 'x'], ['y'], {}), n('sparseToDense', 'sd', ['i', 'i', 'i', 'y'], ['z'], {})], ['z'])),
    /unsupported op sparseToDense at node 'sd': model analysis: it must fold to a constant/,
  );
});

ops.run();
