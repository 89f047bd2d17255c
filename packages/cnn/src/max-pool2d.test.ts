import { ConfigError, ShapeError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { maxPool2d, maxPool2dBackward } from './max-pool2d.js';
import { tensor } from './tensor.js';
import { expectClose, fromNhwc, randInt, randomPoolCase, randTensor, rng, tf, tfPoolGrad, tfReady, toNhwc } from './testing/c2-oracle.js';

const fwd = suite('maxPool2d');

fwd.before(async () => {
  await tfReady();
});

fwd('2x2 stride 2 on a 4x4 ramp takes the bottom-right of each block', () => {
  // x[i] = i row-major; block maxima: 5, 7, 13, 15.
  const x = tensor([1, 1, 4, 4], Float32Array.from({ length: 16 }, (_, i) => i));
  const y = maxPool2d(x, { kernel: 2 });
  assert.equal(y.shape, [1, 1, 2, 2]);
  assert.equal([...y.data], [5, 7, 13, 15]);
});

fwd('padding never wins, even against negative inputs', () => {
  // All inputs negative; with padding 1 a padded zero would win if counted.
  const x = tensor([1, 1, 2, 2], [-4, -3, -2, -1]);
  const y = maxPool2d(x, { kernel: 2, stride: 1, padding: 1 });
  // 3x3 windows over the padded 4x4: corners see one input each.
  assert.equal([...y.data], [-4, -3, -3, -2, -1, -1, -2, -1, -1]);
});

fwd('matches tf.maxPool over 60 random shapes (SAME, VALID, asymmetric explicit)', () => {
  for (let seed = 0; seed < 60; seed++) {
    const c = randomPoolCase(seed);
    const x = randTensor(c.r, c.shape);
    const ours = maxPool2d(x, { kernel: c.kernel, stride: c.stride, padding: c.padding });
    const expected = tf.tidy(() => fromNhwc(tf.maxPool(toNhwc(x), c.kernel, c.stride, c.tfPad)));
    expectClose(ours.data, expected, `seed ${seed}`, 'maxPool2d vs tf.maxPool');
  }
});

fwd('3x3 windows (NanoDet\'s pool: stride 2, padding 1) match tf.maxPool on odd sizes, strides 1-3', () => {
  for (let seed = 200; seed < 230; seed++) {
    const r = rng(seed);
    const s = randInt(r, 1, 3);
    const p = [randInt(r, 0, 2), randInt(r, 0, 2), randInt(r, 0, 2), randInt(r, 0, 2)] as const;
    const x = randTensor(r, [randInt(r, 1, 2), randInt(r, 1, 3), randInt(r, 3, 15), randInt(r, 3, 15)]);
    const y = maxPool2d(x, { kernel: 3, stride: s, padding: p });
    const expected = tf.tidy(() => fromNhwc(tf.maxPool(toNhwc(x), 3, s, [[0, 0], [p[0], p[1]], [p[2], p[3]], [0, 0]])));
    expectClose(y.data, expected, `seed ${seed}`, 'maxPool2d 3x3 vs tf.maxPool');
  }
});

fwd('a window keeps the first of equal values and skips NaN, inside the input and at its border', () => {
  // 3x4 input, 3x3 windows, stride 1, padding [0, 0, 1, 0]: window 0 is clipped at the left, windows 1 and 2 lie
  // inside. Every value is -1 except: -0 before +0 in scan order (rows, then columns) and a NaN in the first column.
  const x = tensor([1, 1, 3, 4], [NaN, -0, -1, -1, -1, -1, 0, -1, -1, -1, -1, -1]);
  const y = maxPool2d(x, { kernel: 3, stride: 1, padding: [0, 0, 1, 0] });
  assert.equal(y.shape, [1, 1, 1, 3]);
  // window 0 (columns 0-1): NaN skipped, -0 is the first max; window 1 (columns 0-2): -0 at (0, 1) comes before +0
  // at (1, 2), so -0 wins; window 2 (columns 1-3) likewise -0.
  assert.ok(Object.is(y.data[0], -0) && Object.is(y.data[1], -0) && Object.is(y.data[2], -0), `got ${[...y.data].map((v) => (Object.is(v, -0) ? '-0' : v))}`);
  // without the -0, +0 is the max of windows 1 and 2, and window 0 sees only -1 and NaN
  const z = maxPool2d(tensor([1, 1, 3, 4], [NaN, -1, -1, -1, -1, -1, 0, -1, -1, -1, -1, -1]), { kernel: 3, stride: 1, padding: [0, 0, 1, 0] });
  assert.ok(Object.is(z.data[0], -1) && Object.is(z.data[1], 0) && Object.is(z.data[2], 0));
});

fwd('ceil mode equals tf.maxPool with the overhang added as bottom/right padding', () => {
  for (let seed = 100; seed < 140; seed++) {
    const r = rng(seed);
    const k = randInt(r, 2, 4);
    const s = randInt(r, 2, 3);
    const p = randInt(r, 0, Math.floor(k / 2));
    const h = randInt(r, k, 12);
    const w = randInt(r, k, 12);
    const x = randTensor(r, [1, 2, h, w]);
    const y = maxPool2d(x, { kernel: k, stride: s, padding: p, ceilMode: true });
    const [, , oh, ow] = y.shape;
    // Padding needed so that floor mode yields the same output count.
    const extraH = Math.max(0, (oh - 1) * s + k - (h + 2 * p));
    const extraW = Math.max(0, (ow - 1) * s + k - (w + 2 * p));
    const expected = tf.tidy(() =>
      fromNhwc(tf.maxPool(toNhwc(x), k, s, [[0, 0], [p, p + extraH], [p, p + extraW], [0, 0]])),
    );
    expectClose(y.data, expected, `seed ${seed}`, 'maxPool2d ceil vs tf.maxPool');
  }
});

fwd('ceil mode drops a window that would start in the bottom padding (PyTorch rule)', () => {
  // in 5, k 3, s 3, pad 1: ceil((5 + 2 - 3) / 3) + 1 = 3 windows, but the third starts at
  // padded index 6 >= 5 + 1, entirely past the input, so PyTorch keeps 2.
  const x = tensor([1, 1, 1, 5], [1, 2, 3, 4, 5]);
  const y = maxPool2d(x, { kernel: [1, 3], stride: [1, 3], padding: [0, 1], ceilMode: true });
  assert.equal(y.shape, [1, 1, 1, 2]);
  assert.equal([...y.data], [2, 5]); // windows {pad, 1, 2} and {3, 4, 5}
  // in 6, k 3, s 2, no pad: ceil(3 / 2) + 1 = 3 windows; the last covers {5, 6} only.
  const z = maxPool2d(tensor([1, 1, 1, 6], [1, 2, 3, 4, 5, 6]), { kernel: [1, 3], stride: [1, 2], ceilMode: true });
  assert.equal([...z.data], [3, 5, 6]);
});

fwd('throws on bad rank, bad options and a kernel larger than the padded input', () => {
  const x = tensor([1, 1, 3, 3]);
  assert.throws(() => maxPool2d(tensor([3, 3]), { kernel: 2 }), (e: unknown) => e instanceof ShapeError);
  assert.throws(() => maxPool2d(x, { kernel: 0 }), (e: unknown) => e instanceof ConfigError && /kernel must be/.test(e.message));
  assert.throws(() => maxPool2d(x, { kernel: 2, stride: 1.5 }), (e: unknown) => e instanceof ConfigError && /stride/.test(e.message));
  assert.throws(() => maxPool2d(x, { kernel: 2, padding: 2 }), (e: unknown) => e instanceof ConfigError && /smaller than the kernel/.test(e.message));
  assert.throws(() => maxPool2d(x, { kernel: 2, padding: [1, 2, 3] as never }), (e: unknown) => e instanceof ConfigError);
  assert.throws(() => maxPool2d(x, { kernel: 2, padding: -1 }), (e: unknown) => e instanceof ConfigError);
  assert.throws(() => maxPool2d(x, { kernel: 2, padding: 'same', ceilMode: true }), (e: unknown) => e instanceof ConfigError && /ceilMode/.test(e.message));
  assert.throws(() => maxPool2d(x, { kernel: 4 }), (e: unknown) => e instanceof ShapeError && /padded input height/.test(e.message));
  assert.throws(() => maxPool2d(x, null as never), (e: unknown) => e instanceof ConfigError && /options must be/.test(e.message));
});

fwd('out: 3x3 stride 2 pad 1 into a stale buffer equals a fresh result (hand-checked corner), too short is a ShapeError', () => {
  const x = tensor([1, 1, 4, 4], Float32Array.from({ length: 16 }, (_, i) => i));
  const want = maxPool2d(x, { kernel: 3, stride: 2, padding: 1 });
  assert.equal([...want.data], [5, 7, 13, 15]);
  const out = new Float32Array(4).fill(Number.NaN);
  const y = maxPool2d(x, { kernel: 3, stride: 2, padding: 1, out });
  assert.is(y.data.buffer, out.buffer);
  assert.equal([...y.data], [5, 7, 13, 15]);
  assert.throws(() => maxPool2d(x, { kernel: 3, stride: 2, padding: 1, out: new Float32Array(3) }), (e: unknown) => e instanceof ShapeError && /at least/.test((e as Error).message));
});

fwd.run();

const bwd = suite('maxPool2dBackward');

bwd.before(async () => {
  await tfReady();
});

bwd('routes each upstream value to its window argmax; ties go to the first in scan order', () => {
  // Window [[1, 4], [3, 2]]: max 4 at index 1.
  assert.equal([...maxPool2dBackward(tensor([1, 1, 1, 1], [10]), tensor([1, 1, 2, 2], [1, 4, 3, 2]), { kernel: 2 }).data], [0, 10, 0, 0]);
  // All equal: first position wins.
  assert.equal([...maxPool2dBackward(tensor([1, 1, 1, 1], [7]), tensor([1, 1, 2, 2], [5, 5, 5, 5]), { kernel: 2 }).data], [7, 0, 0, 0]);
  // Overlapping windows (k 2, s 1) on [1, 3, 2]: both windows pick the 3, gradients add: 1 + 2.
  const g = maxPool2dBackward(tensor([1, 1, 1, 2], [1, 2]), tensor([1, 1, 1, 3], [1, 3, 2]), { kernel: [1, 2], stride: 1 });
  assert.equal([...g.data], [0, 3, 0]);
});

bwd("matches tfjs's gradient of sum(maxPool(x) * upstream) over 40 random shapes", () => {
  for (let seed = 200; seed < 240; seed++) {
    const c = randomPoolCase(seed);
    const x = randTensor(c.r, c.shape);
    const y = maxPool2d(x, { kernel: c.kernel, stride: c.stride, padding: c.padding });
    const up = randTensor(c.r, y.shape);
    const ours = maxPool2dBackward(up, x, { kernel: c.kernel, stride: c.stride, padding: c.padding });
    const expected = tf.tidy(() => {
      // The kernel tf.grad(x => sum(maxPool(x) * up)) runs for this op.
      return fromNhwc(tfPoolGrad('max', toNhwc(x), toNhwc(up), c.kernel, c.stride, c.tfPad));
    });
    expectClose(ours.data, expected, `seed ${seed}`, 'maxPool2dBackward vs tfjs MaxPoolGrad');
  }
});

bwd('throws when dy does not have the forward output shape', () => {
  const x = tensor([1, 1, 4, 4]);
  assert.throws(
    () => maxPool2dBackward(tensor([1, 1, 3, 3]), x, { kernel: 2 }),
    (e: unknown) => e instanceof ShapeError && /dy must have shape \[1, 1, 2, 2\]/.test(e.message),
  );
  assert.throws(() => maxPool2dBackward(tensor([1, 1, 2, 2]), tensor([4, 4]), { kernel: 2 }), (e: unknown) => e instanceof ShapeError);
});

bwd.run();
