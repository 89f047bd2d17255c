import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createSession } from '../execute.js';
import { cloneGraph } from '../graph.js';
import { convAttrs, histogram, irGraph, n } from '../testing/ir-builder.js';
import { maxAbsDiff, randomTensor } from '../testing/oracles.js';
import { fuseConv } from './fuse-conv.js';

const test = suite('fuseConv');

const w = randomTensor(6, [3, 2, 3, 3]).data;

test('conv -> per-channel add -> leakyRelu becomes one conv with bias and activation', () => {
  const g = irGraph(
    { x: [1, 2, 6, 6] },
    { w: [[3, 2, 3, 3], w], b0: [[3], Float32Array.of(1, 1, 1)], b: [[1, 3, 1, 1], Float32Array.of(0.5, -1, 2)] },
    [
      n('conv2d', 'c', ['x', 'w', 'b0'], ['cy'], convAttrs({ pads: [1, 1, 1, 1] })),
      n('add', 'bias', ['b', 'cy'], ['s'], {}),
      n('leakyRelu', 'act', ['s'], ['y'], { alpha: 0.1 }),
    ],
    ['y'],
  );
  const before = cloneGraph(g);
  assert.equal(fuseConv(g), { bias: 1, activation: 1 });
  assert.equal(histogram(g), { conv2d: 1 });
  const c = g.nodes[0];
  assert.equal(c.outputs, ['y']);
  assert.equal(c.attrs, convAttrs({ pads: [1, 1, 1, 1], activation: 'leakyRelu', alpha: 0.1 }));
  // Existing bias 1 plus the add's 0.5, -1, 2.
  assert.equal([...(g.values.get(c.inputs[2])?.data ?? [])], [1.5, 0, 3]);
  const x = randomTensor(7, [1, 2, 6, 6]);
  const want = createSession(before, { optimize: false }).run({ x }).y.data;
  const err = maxAbsDiff(createSession(g, { optimize: false }).run({ x }).y.data, want);
  // The convs run in float32 (wasm): folding the add into the bias changes one
  // rounding per output, a few ulps of the output's scale.
  const scale = want.reduce((m, v) => Math.max(m, Math.abs(v)), 1);
  assert.ok(err <= 4e-7 * scale, `err ${err}, scale ${scale}`);
});

test('does not fuse an add after an activation, a last-axis add, or a conv output read twice', () => {
  const consts = { w: [[3, 2, 3, 3], w], b: [[1, 3, 1, 1], Float32Array.of(1, 2, 3)], bw: [[3], Float32Array.of(1, 2, 3)] } as const;
  const mk = (nodes: ReturnType<typeof n>[], outs: string[]) =>
    irGraph({ x: [1, 2, 5, 3] }, consts as unknown as Record<string, [number[], Float32Array]>, nodes, outs);
  // conv -> relu -> add: relu fuses; the add then follows an activation and stays.
  const g1 = mk([n('conv2d', 'c', ['x', 'w'], ['cy'], convAttrs()), n('relu', 'r', ['cy'], ['ry'], {}), n('add', 'a', ['ry', 'b'], ['y'], {})], ['y']);
  assert.equal(fuseConv(g1), { bias: 0, activation: 1 });
  assert.equal(histogram(g1), { conv2d: 1, add: 1 });
  // A [3] constant broadcasts along W (the last axis), not along channels.
  const g2 = mk([n('conv2d', 'c', ['x', 'w'], ['cy'], convAttrs()), n('add', 'a', ['cy', 'bw'], ['y'], {})], ['y']);
  assert.equal(fuseConv(g2), { bias: 0, activation: 0 });
  // The conv output is also a graph output.
  const g3 = mk([n('conv2d', 'c', ['x', 'w'], ['cy'], convAttrs()), n('sigmoid', 's', ['cy'], ['y'], {})], ['y', 'cy']);
  assert.equal(fuseConv(g3), { bias: 0, activation: 0 });
});

test.run();
