import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createSession } from '../execute.js';
import { loadOnnxModel } from '../load-onnx-model.js';
import { attr, encodeModel, int64Tensor, onnxNode, writeTemp } from '../testing/onnx-builder.js';
import { randomTensor } from '../testing/oracles.js';
import { assertOrtParity } from '../testing/ort-parity.js';

const test = suite('Shape, Gather, Unsqueeze, run-time Reshape');

/**
 * The flatten PyTorch exports before a linear layer, `x.view(x.size(0), -1)`
 * under a dynamic batch (OSNet): Shape -> Gather(0) -> Unsqueeze -> Concat
 * with -1 -> Reshape.
 */
function viewBatchMinusOne(opset: number): Uint8Array {
  const unsqueeze =
    opset >= 13
      ? onnxNode('Unsqueeze', 'u', ['n', 'axes'], ['nu'])
      : onnxNode('Unsqueeze', 'u', ['n'], ['nu'], [attr('axes', [0])]);
  const nodes = [
    onnxNode('GlobalAveragePool', 'gap', ['x'], ['p']),
    onnxNode('Shape', 'shape', ['p'], ['s']),
    onnxNode('Constant', 'zero', [], ['k0'], [attr('value', int64Tensor('k0v', [], [0]))]),
    onnxNode('Gather', 'g', ['s', 'k0'], ['n'], [attr('axis', 0)]),
    unsqueeze,
    onnxNode('Constant', 'minus1', [], ['k1'], [attr('value', int64Tensor('k1v', [1], [-1]))]),
    onnxNode('Concat', 'cat', ['nu', 'k1'], ['target'], [attr('axis', 0)]),
    onnxNode('Reshape', 'r', ['p', 'target'], ['y']),
  ];
  return encodeModel(nodes, opset >= 13 ? [int64Tensor('axes', [1], [0])] : [], [['x', ['batch', 6, 4, 3]]], ['y'], opset);
}

test("PyTorch's view(batch, -1) on a dynamic batch (opset 11 and 13): one session, batches 1 and 3, equal onnxruntime-node", async () => {
  for (const opset of [11, 13]) {
    const path = writeTemp(viewBatchMinusOne(opset));
    for (const batch of [1, 3]) {
      const got = await assertOrtParity(path, { x: randomTensor(batch, [batch, 6, 4, 3]) });
      assert.equal(got.y.shape, [batch, 6]);
    }
    const session = createSession(await loadOnnxModel(path));
    assert.equal(session.run({ x: randomTensor(4, [5, 6, 4, 3]) }).y.shape, [5, 6]);
  }
});

test('Shape with start/end (opset 15) as reshape targets, Gather with negative and 2-D indices, Unsqueeze at several axes: equal onnxruntime-node', async () => {
  const nodes = [
    onnxNode('Shape', 'head', ['x'], ['s0'], [attr('end', 1)]),
    onnxNode('Shape', 'tail', ['x'], ['s1'], [attr('start', -2)]),
    onnxNode('Shape', 'mid', ['x'], ['s2'], [attr('start', 1), attr('end', 3)]),
    onnxNode('Concat', 'cat1', ['s0', 's1', 'm1'], ['t1'], [attr('axis', 0)]),
    onnxNode('Concat', 'cat2', ['s2', 'm1'], ['t2'], [attr('axis', 0)]),
    onnxNode('Reshape', 'r1', ['x', 't1'], ['y1']),
    onnxNode('Reshape', 'r2', ['x', 't2'], ['y2']),
    onnxNode('Gather', 'g1', ['x', 'idx'], ['picked'], [attr('axis', 1)]),
    onnxNode('Gather', 'g2', ['x', 'neg'], ['last'], [attr('axis', -1)]),
    onnxNode('Unsqueeze', 'u', ['last', 'uaxes'], ['unsq']),
  ];
  const inits = [int64Tensor('m1', [1], [-1]), int64Tensor('idx', [2, 2], [2, 0, 1, 2]), int64Tensor('neg', [], [-1]), int64Tensor('uaxes', [2], [0, -1])];
  const path = writeTemp(encodeModel(nodes, inits, [['x', ['batch', 3, 4, 5]]], ['y1', 'y2', 'picked', 'unsq'], 15));
  const got = await assertOrtParity(path, { x: randomTensor(8, [2, 3, 4, 5]) });
  assert.equal(got.y1.shape, [2, 4, 5, 3]);
  assert.equal(got.y2.shape, [3, 4, 10]);
  assert.equal(got.picked.shape, [2, 2, 2, 4, 5]);
  assert.equal(got.unsq.shape, [1, 2, 3, 4, 1]);
});

test('a Gather index outside the axis fails naming the node', async () => {
  const path = writeTemp(encodeModel([onnxNode('Gather', 'g', ['x', 'idx'], ['y'], [attr('axis', 1)])], [int64Tensor('idx', [1], [3])], [['x', [1, 3]]], ['y'], 11));
  const session = createSession(await loadOnnxModel(path));
  assert.throws(() => session.run({ x: randomTensor(1, [1, 3]) }), /node 'g' \(gather\) failed: gather: indices must be in \[-3, 2\] along axis 1, got 3/);
});

test.run();
