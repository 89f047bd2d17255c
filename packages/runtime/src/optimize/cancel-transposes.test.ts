import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createSession } from '../execute.js';
import { cloneGraph } from '../graph.js';
import { n, histogram, irGraph } from '../testing/ir-builder.js';
import { maxAbsDiff, randomTensor } from '../testing/oracles.js';
import { cancelTransposes } from './cancel-transposes.js';

const test = suite('cancelTransposes');

test('a transpose followed by its inverse disappears', () => {
  const g = irGraph(
    { x: [1, 2, 3, 4] },
    {},
    [
      n('transpose', 'a', ['x'], ['t1'], { perm: [0, 2, 3, 1] }),
      n('transpose', 'b', ['t1'], ['t2'], { perm: [0, 3, 1, 2] }),
      n('relu', 'r', ['t2'], ['y'], {}),
    ],
    ['y'],
  );
  assert.equal(cancelTransposes(g), { before: 2, after: 0, removed: 2 });
  assert.equal(g.nodes.map((x) => `${x.op}(${x.inputs})`), ['relu(x)']);
});

test('two transposes that do not cancel merge into one: r[k] = first[second[k]]', () => {
  // first [0, 2, 1], second [2, 1, 0] -> r = [first[2], first[1], first[0]] = [1, 2, 0].
  const g = irGraph(
    { x: [2, 3, 4] },
    {},
    [n('transpose', 'a', ['x'], ['t1'], { perm: [0, 2, 1] }), n('transpose', 'b', ['t1'], ['y'], { perm: [2, 1, 0] })],
    ['y'],
  );
  const before = cloneGraph(g);
  assert.equal(cancelTransposes(g), { before: 2, after: 1, removed: 1 });
  assert.equal(g.nodes.length, 1);
  assert.equal(g.nodes[0].attrs, { perm: [1, 2, 0] });
  const x = randomTensor(1, [2, 3, 4]);
  const want = createSession(before, { optimize: false }).run({ x }).y;
  const got = createSession(g, { optimize: false }).run({ x }).y;
  assert.equal(got.shape, [3, 4, 2]);
  assert.equal([...got.data], [...want.data]);
});

test('moves a transpose down through a bias add (constant permuted) so the pair cancels', () => {
  // NHWC conv lowering: y = T_nchw(T_nhwc(z) + b[C]) = z + b as [1, C, 1, 1].
  const g = irGraph(
    { z: [1, 3, 2, 2] },
    { b: [[3], Float32Array.of(1, 2, 3)] },
    [
      n('transpose', 'to_nhwc', ['z'], ['zn'], { perm: [0, 2, 3, 1] }),
      n('add', 'bias', ['zn', 'b'], ['s'], {}),
      n('leakyRelu', 'act', ['s'], ['s2'], { alpha: 0.1 }),
      n('transpose', 'to_nchw', ['s2'], ['y'], { perm: [0, 3, 1, 2] }),
    ],
    ['y'],
  );
  const before = cloneGraph(g);
  assert.equal(cancelTransposes(g), { before: 2, after: 0, removed: 2 });
  assert.equal(histogram(g), { add: 1, leakyRelu: 1 });
  const add = g.nodes.find((x) => x.op === 'add');
  const bias = g.values.get(add?.inputs[1] as string);
  assert.equal(bias?.shape, [1, 3, 1, 1]);
  assert.equal([...(bias?.data ?? [])], [1, 2, 3]);
  const z = randomTensor(2, [1, 3, 2, 2]);
  const err = maxAbsDiff(createSession(g, { optimize: false }).run({ z }).y.data, createSession(before, { optimize: false }).run({ z }).y.data);
  assert.is(err, 0);
});

test('a cancelling pair that writes a graph output leaves an identity; a transpose read by a non-transpose stays', () => {
  const g = irGraph(
    { x: [1, 2, 3] },
    {},
    [n('transpose', 'a', ['x'], ['t'], { perm: [0, 2, 1] }), n('sigmoid', 's', ['t'], ['y'], {}), n('transpose', 'b', ['t'], ['z'], { perm: [0, 2, 1] })],
    ['y', 'z'],
  );
  // b composes with a to the identity, but z is a graph output read straight from input x: b becomes identity(x).
  assert.equal(cancelTransposes(g), { before: 2, after: 1, removed: 1 });
  assert.equal(g.nodes.map((x) => `${x.op}(${x.inputs})->${x.outputs}`).sort(), ['identity(x)->z', 'sigmoid(t)->y', 'transpose(x)->t']);
});

test.run();
