import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { UnsupportedOpError } from '../errors.js';
import { n, irGraph } from '../testing/ir-builder.js';
import { foldConstants } from './fold-constants.js';

const test = suite('foldConstants');

test("folds NanoDet's SparseToDense + AddV2 chain to the reshape target in one call", () => {
  // SparseToDense(indices [0, 1] (none), shape [3], values [], default 0) = [0, 0, 0];
  // AddV2([1, 80, -1], [0, 0, 0]) = [1, 80, -1].
  const g = irGraph(
    { x: [1, 80, 2, 2] },
    {
      idx: [[0, 1], new Int32Array(0)],
      shape: [[1], Int32Array.of(3)],
      vals: [[0], new Int32Array(0)],
      zero: [[], Int32Array.of(0)],
      base: [[3], Int32Array.of(1, 80, -1)],
    },
    [
      n('sparseToDense', 's2d', ['idx', 'shape', 'vals', 'zero'], ['dense'], {}),
      n('add', 'sum', ['base', 'dense'], ['target'], {}),
      n('reshape', 'rs', ['x', 'target'], ['y'], { copyZero: false }),
    ],
    ['y'],
  );
  assert.is(foldConstants(g), 2);
  assert.equal(g.nodes.map((x) => x.name), ['rs']);
  const t = g.values.get('target');
  assert.equal(t?.dtype, 'int32');
  assert.equal([...(t?.data ?? [])], [1, 80, -1]);
});

test('scatters SparseToDense values over the default', () => {
  // shape [5], default -1, values 7 at 1 and 9 at 3 -> [-1, 7, -1, 9, -1].
  const g = irGraph(
    {},
    { idx: [[2, 1], Int32Array.of(1, 3)], shape: [[1], Int32Array.of(5)], vals: [[2], Int32Array.of(7, 9)], def: [[], Int32Array.of(-1)] },
    [n('sparseToDense', 's', ['idx', 'shape', 'vals', 'def'], ['d'], {})],
    ['d'],
  );
  foldConstants(g);
  assert.equal([...(g.values.get('d')?.data ?? [])], [-1, 7, -1, 9, -1]);
});

test('folds float ops on constants with the kernels (an HWIO -> OIHW filter transpose)', () => {
  // HWIO [1, 2, 1, 2]: w[0, j, 0, o] = 10 * j + o -> OIHW [2, 1, 1, 2]: out[o, 0, 0, j] = 10 * j + o.
  const g = irGraph(
    { x: [1, 1, 3, 3] },
    { w: [[1, 2, 1, 2], Float32Array.of(0, 1, 10, 11)] },
    [n('transpose', 'oihw', ['w'], ['wo'], { perm: [3, 2, 0, 1] }), n('relu', 'r', ['x'], ['y'], {})],
    ['y'],
  );
  assert.is(foldConstants(g), 1);
  assert.equal(g.values.get('wo')?.shape, [2, 1, 1, 2]);
  assert.equal([...(g.values.get('wo')?.data ?? [])], [0, 10, 1, 11]);
  // The node reading a run-time input stays.
  assert.equal(g.nodes.map((x) => x.name), ['r']);
});

test('int arithmetic truncates division as TensorFlow does', () => {
  const g = irGraph({}, { a: [[2], Int32Array.of(7, -7)], b: [[], Int32Array.of(2)] }, [n('div', 'd', ['a', 'b'], ['q'], {})], ['q']);
  foldConstants(g);
  assert.equal([...(g.values.get('q')?.data ?? [])], [3, -3]);
});

test('a constant subgraph that cannot be evaluated fails at load, naming the node', () => {
  const g = irGraph(
    {},
    { a: [[6], Float32Array.of(1, 2, 3, 4, 5, 6)], s: [[2], Int32Array.of(4, 4)] },
    [n('reshape', 'bad', ['a', 's'], ['r'], { copyZero: false })],
    ['r'],
  );
  assert.throws(
    () => foldConstants(g),
    (e: unknown) => e instanceof UnsupportedOpError && /reshape at node 'bad': constant folding failed: reshape: shape must hold 6 elements/.test((e as Error).message),
  );
});

test.run();
