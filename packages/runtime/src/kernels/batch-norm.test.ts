import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { tensor } from '@mot/cnn';
import { UnsupportedOpError } from '../errors.js';
import { loadOnnxModel } from '../load-onnx-model.js';
import { attr, encodeModel, floatTensor, onnxNode, writeTemp } from '../testing/onnx-builder.js';
import { randomTensor } from '../testing/oracles.js';
import { assertOrtParity } from '../testing/ort-parity.js';

const test = suite('BatchNormalization');

const params = (c: number) => [
  floatTensor('s', [c], Array.from({ length: c }, (_, i) => 0.5 + i)),
  floatTensor('b', [c], Array.from({ length: c }, (_, i) => i - 1)),
  floatTensor('m', [c], Array.from({ length: c }, (_, i) => 0.1 * i)),
  floatTensor('v', [c], Array.from({ length: c }, (_, i) => 1 + 2 * i)),
];

test('on an fc output [N, C] (OSNet) and on NCHW maps: equal onnxruntime-node', async () => {
  const fc = writeTemp(encodeModel([onnxNode('BatchNormalization', 'bn', ['x', 's', 'b', 'm', 'v'], ['y'], [attr('epsilon', 1e-5, true)])], params(4), [['x', ['batch', 4]]], ['y'], 11));
  await assertOrtParity(fc, { x: randomTensor(1, [3, 4]) });
  const map = writeTemp(encodeModel([onnxNode('BatchNormalization', 'bn', ['x', 's', 'b', 'm', 'v'], ['y'], [attr('epsilon', 1e-3, true)])], params(3), [['x', [2, 3, 4, 5]]], ['y'], 15));
  await assertOrtParity(map, { x: randomTensor(2, [2, 3, 4, 5]) });
});

test('hand-computed: (x - mean) / sqrt(var + eps) * scale + bias', async () => {
  const path = writeTemp(encodeModel([onnxNode('BatchNormalization', 'bn', ['x', 's', 'b', 'm', 'v'], ['y'], [attr('epsilon', 1e-5, true)])], params(2), [['x', [1, 2]]], ['y'], 11));
  const got = await assertOrtParity(path, { x: tensor([1, 2], [2, 3]) });
  // channel 0: (2 - 0) / sqrt(1 + 1e-5) * 0.5 - 1; channel 1: (3 - 0.1) / sqrt(3 + 1e-5) * 1.5 + 0
  assert.ok(Math.abs(got.y.data[0] - ((2 / Math.sqrt(1 + 1e-5)) * 0.5 - 1)) < 1e-6);
  assert.ok(Math.abs(got.y.data[1] - (2.9 / Math.sqrt(3 + 1e-5)) * 1.5) < 1e-6);
});

test('training mode fails at load with UnsupportedOpError', async () => {
  const path = writeTemp(encodeModel([onnxNode('BatchNormalization', 'bn', ['x', 's', 'b', 'm', 'v'], ['y'], [attr('training_mode', 1)])], params(2), [['x', [1, 2]]], ['y'], 15));
  try {
    await loadOnnxModel(path);
    assert.unreachable('should throw');
  } catch (e) {
    assert.ok(e instanceof UnsupportedOpError);
    assert.match((e as Error).message, /BatchNormalization at node 'bn': training_mode 1 \(inference only\)/);
  }
});

test.run();
