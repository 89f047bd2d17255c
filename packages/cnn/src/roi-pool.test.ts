import { ConfigError, ShapeError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { roiPool, roiPoolBackward } from './roi-pool.js';
import { tensor } from './tensor.js';
import { expectClose, fromNhwc, randInt, randTensor, rng, tf, tfReady, toNhwc } from './testing/c2-oracle.js';

// prettier-ignore
const MAP = tensor([1, 1, 4, 4], [
  1, 9, 2, 0,
  4, 3, 8, 5,
  7, 6, 0, 11,
  2, 10, 3, 1,
]);

const fwd = suite('roiPool');

fwd.before(async () => {
  await tfReady();
});

fwd('hand case: rounded corners, inclusive extent, floor/ceil bins, spatial scale', () => {
  // Box (0.6, 0.4, 3.4, 2.6) rounds to cells x 1..3, y 0..3: roi 3 wide, 4 high; 2x2 bins of
  // 1.5 x 2 cells: rows [0, 2) and [2, 4); cols [1 + 0, 1 + ceil(1.5)) = [1, 3) and [1 + 1, 1 + 3) = [2, 4).
  // Maxima: {9, 2, 3, 8} = 9, {2, 0, 8, 5} = 8, {6, 0, 10, 3} = 10, {0, 11, 3, 1} = 11.
  const y = roiPool(MAP, tensor([1, 5], [0, 0.6, 0.4, 3.4, 2.6]), { outputSize: 2 });
  assert.equal(y.shape, [1, 1, 2, 2]);
  assert.equal([...y.data], [9, 8, 10, 11]);
  // The same box in a 2x larger input image with spatialScale 0.5.
  assert.equal([...roiPool(MAP, tensor([1, 5], [0, 1.2, 0.8, 6.8, 5.2]), { outputSize: 2, spatialScale: 0.5 }).data], [9, 8, 10, 11]);
});

fwd('rounds half away from zero (C round) and outputs 0 for an empty bin', () => {
  // Box (-1, -1, 1, 1) * 0.5 = (-0.5, -0.5, 0.5, 0.5) -> cells -1..1 (Math.round would give 0..1).
  // outputSize [1, 3]: 3 column bins of 1 cell: col -1 (off the map: empty -> 0), col 0, col 1;
  // rows -1..1 clip to 0..1. Col 0: max(1, 4) = 4; col 1: max(9, 3) = 9.
  const y = roiPool(MAP, tensor([1, 5], [0, -1, -1, 1, 1]), { outputSize: [1, 3], spatialScale: 0.5 });
  assert.equal([...y.data], [0, 4, 9]);
});

fwd('a whole-map box with divisible bins equals tf.maxPool (kernel = stride = size / bins)', () => {
  for (let seed = 0; seed < 15; seed++) {
    const r = rng(seed);
    const [ph, pw] = [randInt(r, 1, 3), randInt(r, 1, 3)];
    const [h, w] = [ph * randInt(r, 1, 4), pw * randInt(r, 1, 4)];
    const x = randTensor(r, [2, randInt(r, 1, 3), h, w]);
    const boxes = tensor([2, 5], [1, 0, 0, w - 1, h - 1, 0, 0, 0, w - 1, h - 1]);
    const y = roiPool(x, boxes, { outputSize: [ph, pw] });
    const expected = tf.tidy(() => {
      const p = fromNhwc(tf.maxPool(toNhwc(x), [h / ph, w / pw], [h / ph, w / pw], 'valid'));
      const half = p.length / 2;
      // boxes are (batch 1, batch 0): swap the two samples.
      return Float32Array.from([...p.subarray(half), ...p.subarray(0, half)]);
    });
    expectClose(y.data, expected, `seed ${seed}`, 'roiPool vs tf.maxPool');
  }
});

fwd('throws on bad boxes, output size and scale', () => {
  assert.throws(() => roiPool(MAP, tensor([1, 5], [1, 0, 0, 1, 1]), { outputSize: 2 }), (e: unknown) => e instanceof ShapeError && /batch index/.test(e.message));
  assert.throws(() => roiPool(MAP, tensor([5]), { outputSize: 2 }), (e: unknown) => e instanceof ShapeError);
  assert.throws(() => roiPool(MAP, tensor([1, 5]), { outputSize: [2, 0] }), (e: unknown) => e instanceof ConfigError);
  assert.throws(() => roiPool(MAP, tensor([1, 5]), { outputSize: 2, spatialScale: -1 }), (e: unknown) => e instanceof ConfigError);
  assert.throws(() => roiPool(MAP, tensor([1, 5]), undefined as never), (e: unknown) => e instanceof ConfigError && /outputSize/.test(e.message));
});

fwd.run();

const bwd = suite('roiPoolBackward');

bwd('hand case: each upstream value lands on its bin argmax', () => {
  // Forward argmaxes of the hand case: 9 at (0,1), 8 at (1,2), 10 at (3,1), 11 at (2,3).
  const dx = roiPoolBackward(tensor([1, 1, 2, 2], [1, 2, 3, 4]), MAP, tensor([1, 5], [0, 0.6, 0.4, 3.4, 2.6]), { outputSize: 2 });
  const expected = new Array(16).fill(0);
  expected[1] = 1;
  expected[6] = 2;
  expected[13] = 3;
  expected[11] = 4;
  assert.equal([...dx.data], expected);
});

bwd('empty bins route nothing; overlapping ROIs accumulate', () => {
  const boxes = tensor([2, 5], [0, -1, -1, 1, 1, 0, -1, -1, 1, 1]);
  const dx = roiPoolBackward(tensor([2, 1, 1, 3], [5, 6, 7, 5, 6, 7]), MAP, boxes, { outputSize: [1, 3], spatialScale: 0.5 });
  // Bins: empty (5 dropped), col 0 max 4 at (1,0) gets 6 twice, col 1 max 9 at (0,1) gets 7 twice.
  const expected = new Array(16).fill(0);
  expected[4] = 12;
  expected[1] = 14;
  assert.equal([...dx.data], expected);
});

bwd('is the adjoint of the forward at fixed argmaxes: <roiPool(x), u> = <x, roiPoolBackward(u)>', () => {
  for (let seed = 0; seed < 15; seed++) {
    const r = rng(seed + 30);
    const [n, c, h, w] = [2, randInt(r, 1, 3), randInt(r, 4, 12), randInt(r, 4, 12)];
    const x = randTensor(r, [n, c, h, w]);
    const k = 4;
    const b = new Float32Array(k * 5);
    for (let i = 0; i < k; i++) {
      const x1 = r() * (w - 2);
      const y1 = r() * (h - 2);
      b.set([randInt(r, 0, 1), x1, y1, x1 + 1 + r() * (w - 2 - x1), y1 + 1 + r() * (h - 2 - y1)], i * 5);
    }
    const boxes = tensor([k, 5], b);
    const opts = { outputSize: [randInt(r, 1, 3), randInt(r, 1, 3)] as [number, number] };
    const y = roiPool(x, boxes, opts);
    const u = randTensor(r, y.shape);
    const g = roiPoolBackward(u, x, boxes, opts);
    let lhs = 0;
    let rhs = 0;
    for (let i = 0; i < y.data.length; i++) lhs += y.data[i] * u.data[i];
    for (let i = 0; i < x.data.length; i++) rhs += x.data[i] * g.data[i];
    expectClose([lhs], [rhs], `seed ${seed}`, 'roiPoolBackward adjoint');
    // Every position that received gradient holds one of the pooled maxima.
    const maxima = new Set(y.data);
    for (let i = 0; i < g.data.length; i++) if (g.data[i] !== 0) assert.ok(maxima.has(x.data[i]), `seed ${seed}: gradient at non-max ${i}`);
  }
});

bwd('throws when dy does not have the forward output shape', () => {
  const boxes = tensor([1, 5], [0, 0, 0, 3, 3]);
  assert.throws(() => roiPoolBackward(tensor([1, 1, 3, 3]), MAP, boxes, { outputSize: 2 }), (e: unknown) => e instanceof ShapeError && /dy must have shape \[1, 1, 2, 2\]/.test(e.message));
  assert.throws(() => roiPoolBackward(tensor([4]), MAP, boxes, { outputSize: 2 }), (e: unknown) => e instanceof ShapeError);
});

bwd.run();
