import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createSession } from '../execute.js';
import { cloneGraph } from '../graph.js';
import { convAttrs, histogram, irGraph, n } from '../testing/ir-builder.js';
import { maxAbsDiff, randomTensor } from '../testing/oracles.js';
import { foldPads } from './fold-pads.js';

const test = suite('foldPads');

const w = randomTensor(3, [2, 2, 3, 3]).data;

test('a zero spatial pad becomes conv padding [top, bottom, left, right]', () => {
  const g = irGraph(
    { x: [1, 2, 5, 6] },
    { w: [[2, 2, 3, 3], w] },
    [
      n('pad', 'p', ['x'], ['xp'], { pads: [[0, 0], [0, 0], [1, 2], [0, 1]], value: 0 }),
      n('conv2d', 'c', ['xp', 'w'], ['y'], convAttrs({ pads: [1, 0, 0, 0] })),
    ],
    ['y'],
  );
  const before = cloneGraph(g);
  assert.is(foldPads(g), 1);
  assert.equal(histogram(g), { conv2d: 1 });
  // conv's own [1, 0, 0, 0] plus the pad's [1, 2, 0, 1].
  assert.equal(g.nodes[0].attrs, convAttrs({ pads: [2, 2, 0, 1] }));
  const x = randomTensor(4, [1, 2, 5, 6]);
  const err = maxAbsDiff(createSession(g, { optimize: false }).run({ x }).y.data, createSession(before, { optimize: false }).run({ x }).y.data);
  assert.ok(err < 1e-6, `err ${err}`);
});

test('a -Infinity pad becomes max-pool padding', () => {
  const g = irGraph(
    { x: [1, 1, 4, 4] },
    {},
    [
      n('pad', 'p', ['x'], ['xp'], { pads: [[0, 0], [0, 0], [1, 1], [1, 1]], value: -Infinity }),
      n('maxPool2d', 'm', ['xp'], ['y'], { kernel: [3, 3], strides: [2, 2], pads: [0, 0, 0, 0], autoPad: 'explicit', ceilMode: false }),
    ],
    ['y'],
  );
  const before = cloneGraph(g);
  assert.is(foldPads(g), 1);
  assert.equal(g.nodes[0].attrs, { kernel: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1], autoPad: 'explicit', ceilMode: false });
  const x = randomTensor(5, [1, 1, 4, 4]);
  assert.equal([...createSession(g, { optimize: false }).run({ x }).y.data], [...createSession(before, { optimize: false }).run({ x }).y.data]);
});

test('keeps pads that a reader cannot absorb', () => {
  const cases = [
    // non-zero value before a conv
    { pads: [[0, 0], [0, 0], [1, 1], [1, 1]], value: 1, reader: 'conv' },
    // channel padding
    { pads: [[0, 0], [1, 0], [1, 1], [1, 1]], value: 0, reader: 'conv' },
    // a second reader that is not a conv
    { pads: [[0, 0], [0, 0], [1, 1], [1, 1]], value: 0, reader: 'both' },
    // -inf pad as wide as the pool window
    { pads: [[0, 0], [0, 0], [2, 0], [0, 0]], value: -Infinity, reader: 'pool' },
  ] as const;
  for (const c of cases) {
    const nodes = [n('pad', 'p', ['x'], ['xp'], { pads: c.pads.map(([a, b]) => [a, b] as [number, number]), value: c.value })];
    if (c.reader === 'pool') nodes.push(n('maxPool2d', 'm', ['xp'], ['y'], { kernel: [2, 2], strides: [1, 1], pads: [0, 0, 0, 0], autoPad: 'explicit', ceilMode: false }));
    else nodes.push(n('conv2d', 'c', ['xp', 'w'], ['y'], convAttrs()));
    if (c.reader === 'both') nodes.push(n('relu', 'r', ['xp'], ['z'], {}));
    const g = irGraph({ x: [1, 2, 5, 5] }, { w: [[2, 2, 3, 3], w] }, nodes, c.reader === 'both' ? ['y', 'z'] : ['y']);
    assert.is(foldPads(g), 0, JSON.stringify(c));
    assert.is(histogram(g).pad, 1);
  }
});

test.run();
