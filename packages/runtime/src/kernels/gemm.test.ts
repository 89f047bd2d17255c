import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { tensor } from '@mot/cnn';
import { UnsupportedOpError } from '../errors.js';
import { createSession } from '../execute.js';
import { loadOnnxModel } from '../load-onnx-model.js';
import { attr, encodeModel, floatTensor, onnxNode, writeTemp } from '../testing/onnx-builder.js';
import { randomTensor, rng } from '../testing/oracles.js';
import { assertOrtParity } from '../testing/ort-parity.js';

const test = suite('Gemm');

const rand = (seed: number, n: number) => {
  const r = rng(seed);
  return Array.from({ length: n }, () => 2 * r() - 1);
};

test('a linear layer (transB, bias [N]) on a dynamic batch, and alpha/beta/transA/[M,1] bias forms: equal onnxruntime-node', async () => {
  const nodes = [
    onnxNode('Gemm', 'fc', ['x', 'W', 'B'], ['fc'], [attr('transB', 1), attr('alpha', 1, true), attr('beta', 1, true)]),
    onnxNode('Gemm', 'scaled', ['x', 'Wt', 'C'], ['s'], [attr('alpha', 0.5, true), attr('beta', -2, true)]),
    onnxNode('Gemm', 'ta', ['xt', 'Wt'], ['t'], [attr('transA', 1)]),
    onnxNode('MatMul', 'mm', ['x', 'Wt'], ['m']),
  ];
  const inits = [floatTensor('W', [5, 6], rand(1, 30)), floatTensor('B', [5], rand(2, 5)), floatTensor('Wt', [6, 5], rand(3, 30)), floatTensor('C', [3, 1], rand(4, 3))];
  const path = writeTemp(encodeModel(nodes, inits, [['x', ['batch', 6]], ['xt', [6, 3]]], ['fc', 's', 't', 'm'], 11));
  const got = await assertOrtParity(path, { x: randomTensor(5, [3, 6]), xt: randomTensor(6, [6, 3]) });
  assert.equal(got.fc.shape, [3, 5]);
  // One session serves any batch size.
  const fcOnly = writeTemp(encodeModel(nodes.slice(0, 1), inits.slice(0, 2), [['x', ['batch', 6]]], ['fc'], 11));
  const session = createSession(await loadOnnxModel(fcOnly));
  for (const batch of [1, 4]) assert.equal(session.run({ x: randomTensor(7, [batch, 6]) }).fc.shape, [batch, 5]);
});

test('hand-computed: [1 2; 3 4] x [1 0; 1 1]^T + [10, 20]', async () => {
  const path = writeTemp(encodeModel([onnxNode('Gemm', 'g', ['a', 'b', 'c'], ['y'], [attr('transB', 1)])], [floatTensor('b', [2, 2], [1, 0, 1, 1]), floatTensor('c', [2], [10, 20])], [['a', [2, 2]]], ['y'], 11));
  const got = await assertOrtParity(path, { a: tensor([2, 2], [1, 2, 3, 4]) });
  assert.equal([...got.y.data], [11, 23, 13, 27]);
});

test('mismatched inner sizes fail naming the node; MatMul with a run-time right operand fails at load', async () => {
  const path = writeTemp(encodeModel([onnxNode('Gemm', 'g', ['a', 'b'], ['y'])], [floatTensor('b', [3, 2], rand(8, 6))], [['a', [-1, -1]]], ['y'], 11));
  const session = createSession(await loadOnnxModel(path));
  assert.throws(() => session.run({ a: tensor([2, 4]) }), /node 'g' \(gemm\) failed: gemm: inner sizes must agree, got a' \[2, 4\] and b' \[3, 2\]/);
  const mm = writeTemp(encodeModel([onnxNode('MatMul', 'mm', ['a', 'b'], ['y'])], [], [['a', [2, 3]], ['b', [3, 2]]], ['y'], 11));
  try {
    await loadOnnxModel(mm);
    assert.unreachable('should throw');
  } catch (e) {
    assert.ok(e instanceof UnsupportedOpError);
    assert.match((e as Error).message, /unsupported op MatMul at node 'mm': only a constant 2-D right operand/);
  }
});

test.run();
