import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { tensor } from '@mot/cnn';
import { encodeModel, onnxNode, writeTemp } from '../testing/onnx-builder.js';
import { randomTensor } from '../testing/oracles.js';
import { assertOrtParity } from '../testing/ort-parity.js';

const test = suite('GlobalAveragePool');

test('[N, C, H, W] -> [N, C, 1, 1] equals onnxruntime-node; hand-computed plane means', async () => {
  const path = writeTemp(encodeModel([onnxNode('GlobalAveragePool', 'g', ['x'], ['y'])], [], [['x', ['batch', 4, 16, 8]]], ['y'], 11));
  const got = await assertOrtParity(path, { x: randomTensor(2, [3, 4, 16, 8]) });
  assert.equal(got.y.shape, [3, 4, 1, 1]);
  const small = writeTemp(encodeModel([onnxNode('GlobalAveragePool', 'g', ['x'], ['y'])], [], [['x', [1, 2, 1, 3]]], ['y'], 11));
  const hand = await assertOrtParity(small, { x: tensor([1, 2, 1, 3], [1, 2, 6, -3, 0, 0]) });
  assert.equal([...hand.y.data], [3, -1]);
});

test.run();
