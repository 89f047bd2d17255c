import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { attr, encodeModel, onnxNode, writeTemp } from '../testing/onnx-builder.js';
import { randomTensor } from '../testing/oracles.js';
import { assertOrtParity } from '../testing/ort-parity.js';

const test = suite('AveragePool');

test('2x2 stride 2 (OSNet transitions), padding counted or not, ceil mode: equal onnxruntime-node', async () => {
  const nodes = [
    onnxNode('AveragePool', 'osnet', ['x'], ['a'], [attr('kernel_shape', [2, 2]), attr('strides', [2, 2]), attr('count_include_pad', 1)]),
    onnxNode('AveragePool', 'incl', ['x'], ['b'], [attr('kernel_shape', [3, 3]), attr('strides', [2, 2]), attr('pads', [1, 1, 1, 1]), attr('count_include_pad', 1)]),
    // ONNX's default count_include_pad is 0: border windows divide by the pixels they cover.
    onnxNode('AveragePool', 'excl', ['x'], ['c'], [attr('kernel_shape', [3, 2]), attr('strides', [2, 1]), attr('pads', [1, 0, 1, 1])]),
    onnxNode('AveragePool', 'ceil', ['x'], ['d'], [attr('kernel_shape', [2, 2]), attr('strides', [2, 2]), attr('ceil_mode', 1)]),
  ];
  const path = writeTemp(encodeModel(nodes, [], [['x', [2, 3, 7, 5]]], ['a', 'b', 'c', 'd'], 11));
  const got = await assertOrtParity(path, { x: randomTensor(1, [2, 3, 7, 5]) });
  assert.equal(got.a.shape, [2, 3, 3, 2]);
  assert.equal(got.d.shape, [2, 3, 4, 3]);
});

test('hand-computed: the mean of each 2x2 block', async () => {
  const path = writeTemp(encodeModel([onnxNode('AveragePool', 'p', ['x'], ['y'], [attr('kernel_shape', [2, 2]), attr('strides', [2, 2])])], [], [['x', [1, 1, 2, 4]]], ['y'], 11));
  const { tensor } = await import('@mot/cnn');
  const got = await assertOrtParity(path, { x: tensor([1, 1, 2, 4], [1, 2, 3, 4, 5, 6, 7, 8]) });
  assert.equal([...got.y.data], [(1 + 2 + 5 + 6) / 4, (3 + 4 + 7 + 8) / 4]);
});

test.run();
