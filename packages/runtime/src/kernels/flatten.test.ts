import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { attr, encodeModel, onnxNode, writeTemp } from '../testing/onnx-builder.js';
import { randomTensor } from '../testing/oracles.js';
import { assertOrtParity } from '../testing/ort-parity.js';

const test = suite('Flatten');

test('axis 1 (default), 0, 2 and -1 give the shapes and values of onnxruntime-node', async () => {
  const nodes = [
    onnxNode('Flatten', 'f1', ['x'], ['a']),
    onnxNode('Flatten', 'f0', ['x'], ['b'], [attr('axis', 0)]),
    onnxNode('Flatten', 'f2', ['x'], ['c'], [attr('axis', 2)]),
    onnxNode('Flatten', 'fm', ['x'], ['d'], [attr('axis', -1)]),
  ];
  const path = writeTemp(encodeModel(nodes, [], [['x', ['batch', 3, 4, 2]]], ['a', 'b', 'c', 'd'], 11));
  const got = await assertOrtParity(path, { x: randomTensor(3, [2, 3, 4, 2]) });
  assert.equal(got.a.shape, [2, 24]);
  assert.equal(got.b.shape, [1, 48]);
  assert.equal(got.c.shape, [6, 8]);
  assert.equal(got.d.shape, [24, 2]);
});

test.run();
