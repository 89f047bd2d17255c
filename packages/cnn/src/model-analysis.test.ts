import { ConfigError, ShapeError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { analyzeModel, builtinModel } from './index.js';
import type { LayerSpec } from './index.js';
import { assertThrows } from './testing/c3-oracle.js';

const s = suite('analyzeModel');

s('VGG16 conv5_3 receptive field is 196 px (jump 16)', () => {
  // 13 3x3 convs and 4 2x2/2 pools before conv5_3: sizes 3, 5 | 6 | 10, 14 | 16 | 24, 32, 40 | 44 |
  // 60, 76, 92 | 100 | 132, 164, 196 (each 3x3 adds 2 jumps, each pool 1 jump)
  const m = builtinModel('vgg16');
  const a = analyzeModel(m.layers, m.inputShape);
  const conv53 = a.layers.find((l) => l.name === 'conv5_3')!;
  assert.equal(conv53.receptiveField, { size: 196, jump: 16, start: 8 });
  assert.equal(conv53.outputShape, [512, 14, 14]);
});

s('ResNet conv1 (7x7, 3->64, stride 2, pad 3, bias, 224 input): 9,472 params, 118,013,952 MACs', () => {
  // params 64 * 3 * 7 * 7 + 64 = 9,408 + 64; output (224 + 6 - 7)/2 + 1 = 112 -> MACs 112 * 112 * 64 * 147
  const m = builtinModel('resnet-conv1');
  const a = analyzeModel(m.layers, m.inputShape);
  assert.equal(a.layers[0].outputShape, [64, 112, 112]);
  assert.equal(a.totals, { params: 9_472, macs: 118_013_952 });
});

s('depthwise separable vs standard conv on 5x5x3, pad 1, 3x3, 4 outputs: 39 vs 108 params, 1,950 vs 5,400 ops', () => {
  // Convention: no bias; output 5x5 (pad 1 keeps the size); ops = 2 * MACs (a multiply and an add each).
  // depthwise: 3 * 3 * 3 = 27 params, 25 * 27 = 675 MACs; pointwise 1x1 3->4: 12 params, 25 * 12 = 300 MACs
  //   -> 39 params, 975 MACs = 1,950 ops
  // standard 3x3 3->4: 3 * 3 * 3 * 4 = 108 params, 25 * 108 = 2,700 MACs = 5,400 ops
  const separable = analyzeModel(
    [
      { name: 'dw', type: 'depthwise', kernel: 3, padding: 1, bias: false },
      { name: 'pw', type: 'conv', outChannels: 4, kernel: 1, bias: false },
    ],
    [3, 5, 5],
  );
  const standard = analyzeModel([{ name: 'conv', type: 'conv', outChannels: 4, kernel: 3, padding: 1, bias: false }], [3, 5, 5]);
  assert.equal(separable.layers[1].outputShape, [4, 5, 5]);
  assert.equal([separable.totals.params, 2 * separable.totals.macs], [39, 1_950]);
  assert.equal([standard.totals.params, 2 * standard.totals.macs], [108, 5_400]);
});

s('AlexNet conv1 output is 55x55x96 from 227 input, 11x11 stride 4', () => {
  // (227 - 11)/4 + 1 = 55
  const m = builtinModel('alexnet');
  assert.equal(analyzeModel(m.layers, m.inputShape).layers[0].outputShape, [96, 55, 55]);
});

s('whole-network parameter counts match the published ones', () => {
  // torchvision: vgg16 138,357,544; resnet50 25,557,032; Caffe bvlc_alexnet 60,965,224
  const count = (name: string) => {
    const m = builtinModel(name);
    return analyzeModel(m.layers, m.inputShape).totals;
  };
  assert.is(count('vgg16').params, 138_357_544);
  assert.is(count('alexnet').params, 60_965_224);
  const r50 = count('resnet50');
  assert.is(r50.params, 25_557_032);
  // torchvision documents 4.09 GFLOPS (multiply-adds) for ResNet-50 at 224x224
  assert.is(Math.round(r50.macs / 1e7) / 100, 4.09);
});

s('BN counts 2C, or 4C with the running statistics', () => {
  const layers: LayerSpec[] = [{ name: 'bn', type: 'bn' }];
  assert.is(analyzeModel(layers, [16, 4, 4]).totals.params, 32);
  assert.is(analyzeModel(layers, [16, 4, 4], { bnRunningStats: true }).totals.params, 64);
});

s('grouped, dilated and strided convs: shapes, params, MACs and receptive field', () => {
  // 8 -> 16 channels, 3x3, groups 4, dilation 2 (k_eff 5), stride 2, pad 2 on 9x9:
  // out (9 + 4 - 5)/2 + 1 = 5; params 16 * 2 * 9 + 16 = 304; MACs 25 * 16 * 2 * 9 = 7,200
  // RF: size 1 + 4 = 5, jump 2, start 0.5 + (2 - 2) * 1 = 0.5
  const a = analyzeModel([{ name: 'c', type: 'conv', outChannels: 16, kernel: 3, groups: 4, dilation: 2, stride: 2, padding: 2 }], [8, 9, 9]);
  assert.equal(a.layers[0].outputShape, [16, 5, 5]);
  assert.equal(a.totals, { params: 304, macs: 7_200 });
  assert.equal(a.layers[0].receptiveField, { size: 5, jump: 2, start: 0.5 });
});

s('padding modes: same, valid, asymmetric; ceil-mode pooling', () => {
  // TF 'same', stride 2 on 416: out ceil(416/2) = 208, total pad (207*2 + 3 - 416) = 1 -> begin 0
  // so the first window is centred on pixel 1: start 0.5 + (1 - 0) = 1.5
  const same = analyzeModel([{ name: 'c', type: 'conv', outChannels: 1, kernel: 3, stride: 2, padding: 'same' }], [1, 416, 416]);
  assert.equal(same.layers[0].outputShape, [1, 208, 208]);
  assert.is(same.layers[0].receptiveField.start, 1.5);
  const valid = analyzeModel([{ name: 'c', type: 'conv', outChannels: 1, kernel: 3, padding: 'valid' }], [1, 10, 10]);
  assert.equal(valid.layers[0].outputShape, [1, 8, 8]);
  // [top 1, bottom 0, left 0, right 2] on 6x6 with 3x3: H 6 + 1 - 2 = 5, W 6 + 2 - 2 = 6
  const asym = analyzeModel([{ name: 'c', type: 'conv', outChannels: 1, kernel: 3, padding: [1, 0, 0, 2] }], [1, 6, 6]);
  assert.equal(asym.layers[0].outputShape, [1, 5, 6]);
  // start: H begins with 1 px of padding: 0.5 + (1 - 1) = 0.5; W with none: 0.5 + (1 - 0) = 1.5
  assert.is(asym.layers[0].receptiveField.start, 0.5);
  assert.is(asym.layers[0].receptiveFieldW.start, 1.5);
  // 3x3/2 pool on 112: floor (109/2) + 1 = 55, ceil mode ceil(109/2) + 1 = 56
  const pool = (ceilMode: boolean) => analyzeModel([{ name: 'p', type: 'maxpool', kernel: 3, stride: 2, ceilMode }], [1, 112, 112]).layers[0].outputShape;
  assert.equal(pool(false), [1, 55, 55]);
  assert.equal(pool(true), [1, 56, 56]);
  // ceil mode may not start a window in the end padding: 2x2/2 on 5 with pad 1: ceil(5/2) + 1 = 4, last start 6 >= 5 + 1 -> 3
  assert.equal(analyzeModel([{ name: 'p', type: 'maxpool', kernel: 2, padding: 1, ceilMode: true }], [1, 5, 5]).layers[0].outputShape, [1, 3, 3]);
});

s('receptive field through convs, pools, global pooling and fc', () => {
  // 3x3, 3x3 -> size 5; 2x2/2 pool -> size 6, jump 2; global pool on 4x4 -> 6 + 3 * 2 = 12, jump 8
  const a = analyzeModel(
    [
      { name: 'c1', type: 'conv', outChannels: 2, kernel: 3, padding: 1 },
      { name: 'c2', type: 'conv', outChannels: 2, kernel: 3, padding: 1 },
      { name: 'p', type: 'maxpool', kernel: 2 },
      { name: 'g', type: 'globalavgpool' },
      { name: 'fc', type: 'fc', outFeatures: 10 },
    ],
    [1, 8, 8],
  );
  assert.equal(a.layers.map((l) => l.receptiveField.size), [3, 5, 6, 12, 12]);
  assert.equal(a.layers.map((l) => l.receptiveField.jump), [1, 1, 2, 8, 8]);
  assert.equal(a.layers[3].outputShape, [2, 1, 1]);
  // fc 2 -> 10 with bias: 30 params, 20 MACs
  assert.equal([a.layers[4].params, a.layers[4].macs], [30, 20]);
});

s('DAG layers: concat, add, slice, resize, pad, flatten, reshape, transpose', () => {
  const a = analyzeModel(
    [
      { name: 'a', type: 'conv', outChannels: 4, kernel: 1 },
      { name: 'b', type: 'conv', outChannels: 6, kernel: 3, padding: 1, inputs: ['input'] },
      { name: 'cat', type: 'concat', inputs: ['a', 'b'] },
      { name: 'half', type: 'slice', start: 2, end: 7 },
      { name: 'up', type: 'resize', scale: 2, mode: 'bilinear' },
      { name: 'down', type: 'maxpool', kernel: 2 },
      { name: 'sum', type: 'add', inputs: ['half', 'down'] },
      { name: 'padded', type: 'pad', padding: [1, 1, 0, 2] },
      { name: 'flat', type: 'flatten' },
      { name: 'r', type: 'reshape', shape: [5, -1] },
      { name: 't', type: 'transpose', perm: [1, 0] },
    ],
    [3, 4, 4],
  );
  const shapes = Object.fromEntries(a.layers.map((l) => [l.name, l.outputShape]));
  assert.equal(shapes.cat, [10, 4, 4]);
  assert.equal(shapes.half, [5, 4, 4]);
  assert.equal(shapes.up, [5, 8, 8]);
  assert.equal(shapes.sum, [5, 4, 4]);
  assert.equal(shapes.padded, [5, 6, 6]);
  assert.equal(shapes.flat, [180]);
  assert.equal(shapes.r, [5, 36]);
  assert.equal(shapes.t, [36, 5]);
  // concat takes the larger field (b's 3); bilinear x2 resize adds one input step and halves the jump:
  // size 4, jump 0.5, start 0.5 + (0.5 - 1)/2 = 0.25; the 2x2 pool: size 4.5, jump 1, start 0.5
  assert.is(a.layers[2].receptiveField.size, 3);
  assert.equal(a.layers[4].receptiveField, { size: 4, jump: 0.5, start: 0.25 });
  assert.equal(a.layers[5].receptiveField, { size: 4.5, jump: 1, start: 0.5 });
});

s('throws on bad specs and mismatched shapes', () => {
  assertThrows(() => analyzeModel([{ name: 'x', type: 'bn' }], [0, 2, 2]), ShapeError, /^analyzeModel: inputShape must be positive integers/);
  assertThrows(() => analyzeModel([{ name: 'x', type: 'bn' }, { name: 'x', type: 'bn' }], [1, 2, 2]), ConfigError, /layer "x": name must be unique/);
  assertThrows(() => analyzeModel([{ name: 'x', type: 'bn', inputs: ['nope'] }], [1, 2, 2]), ConfigError, /^analyzeModel: layer "x": inputs must name earlier layers, got "nope"$/);
  assertThrows(() => analyzeModel([{ name: 'c', type: 'conv', outChannels: 3, kernel: 3, groups: 2 }], [4, 5, 5]), ShapeError, /channels must divide by groups 2, got 4 -> 3/);
  assertThrows(() => analyzeModel([{ name: 'c', type: 'conv', outChannels: 3, kernel: 7 }], [1, 5, 5]), ShapeError, /output must be at least 1x1, got -1x-1 from 5x5/);
  assertThrows(() => analyzeModel([{ name: 'c', type: 'conv', outChannels: 3, kernel: 0 }], [1, 5, 5]), ConfigError, /kernel, stride and dilation must be a positive integer, got 0/);
  assertThrows(() => analyzeModel([{ name: 'a', type: 'add', inputs: ['input'] }], [1, 2, 2]), ConfigError, /inputs must name at least 2 layers/);
  assertThrows(
    () => analyzeModel([{ name: 'p', type: 'maxpool', kernel: 2 }, { name: 'a', type: 'add', inputs: ['input', 'p'] }], [1, 4, 4]),
    ShapeError,
    /inputs must have equal shapes, got \[1, 4, 4\] and \[1, 2, 2\]/,
  );
  assertThrows(
    () => analyzeModel([{ name: 'p', type: 'maxpool', kernel: 2 }, { name: 'c', type: 'concat', inputs: ['input', 'p'] }], [1, 4, 4]),
    ShapeError,
    /inputs must share H and W/,
  );
  assertThrows(() => analyzeModel([{ name: 'f', type: 'flatten' }, { name: 'c', type: 'conv', outChannels: 1, kernel: 1 }], [1, 2, 2]), ShapeError, /input must be a \[C, H, W\] map, got \[4\]/);
  assertThrows(() => analyzeModel([{ name: 's', type: 'slice', start: 0, end: 3 }], [2, 2, 2]), ShapeError, /channel range must lie in \[0, 2\], got \[0, 3\)/);
  assertThrows(() => analyzeModel([{ name: 'r', type: 'reshape', shape: [3, -1] }], [2, 2, 2]), ShapeError, /shape \[3, -1\] must hold 8 elements/);
  assertThrows(() => analyzeModel([{ name: 't', type: 'transpose', perm: [0, 0, 1] }], [2, 2, 2]), ShapeError, /perm must permute 3 axes/);
  assertThrows(() => analyzeModel([{ name: 'r', type: 'resize' }], [2, 2, 2]), ConfigError, /output height must be a positive integer/);
  assertThrows(() => analyzeModel([{ name: 'u', type: 'upsample' } as unknown as LayerSpec], [2, 2, 2]), ConfigError, /type must be a known layer type, got upsample/);
  assertThrows(() => analyzeModel([{ name: 'f', type: 'fc', outFeatures: 0 }], [2, 2, 2]), ConfigError, /outFeatures must be a positive integer/);
});

s.run();

const b = suite('builtinModel');
b('lists its names and throws on an unknown one', () => {
  assert.ok(['vgg16', 'alexnet', 'resnet50', 'resnet-conv1'].every((n) => builtinModel(n).layers.length > 0));
  assertThrows(() => builtinModel('lenet'), ConfigError, /^builtinModel: name must be one of vgg16, alexnet, resnet50, resnet-conv1, got lenet$/);
  assertThrows(() => builtinModel('toString'), ConfigError, /got toString/);
});
b.run();
