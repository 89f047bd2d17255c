import { ConfigError, ShapeError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type AvgPool2dOptions, avgPool2d, avgPool2dBackward } from './avg-pool2d.js';
import { tensor } from './tensor.js';
import { expectClose, fromNhwc, randInt, randomPoolCase, randTensor, rng, tf, tfPoolGrad, tfReady, toNhwc } from './testing/c2-oracle.js';

const fwd = suite('avgPool2d');

fwd.before(async () => {
  await tfReady();
});

fwd('2x2 mean, and padding counted or not', () => {
  const x = tensor([1, 1, 2, 2], [1, 2, 3, 4]);
  assert.equal([...avgPool2d(x, { kernel: 2 }).data], [2.5]); // (1 + 2 + 3 + 4) / 4
  // k 2, s 1, pad 1 -> 3x3 windows; corner (0,0) holds only x=1: 1/4 with pad, 1/1 without.
  const inc = avgPool2d(x, { kernel: 2, stride: 1, padding: 1 });
  assert.equal([...inc.data], [0.25, 0.75, 0.5, 1, 2.5, 1.5, 0.75, 1.75, 1]);
  const exc = avgPool2d(x, { kernel: 2, stride: 1, padding: 1, countIncludePad: false });
  assert.equal([...exc.data], [1, 1.5, 2, 2, 2.5, 3, 3, 3.5, 4]);
});

fwd('ceil mode divisor: PyTorch counts padding but not the overhang past it', () => {
  // Row [1..6], kernel 3, stride 2, pad 1, ceil: ceil((6 + 2 - 3) / 2) + 1 = 4 windows at
  // input starts -1, 1, 3, 5 (last start 5 < 6 + 1, kept).
  // count_include_pad: {pad,1,2}/3 = 1, {2,3,4}/3 = 3, {4,5,6}/3 = 5, {6,pad}/2 = 3
  // (the divisor stops at input + padding: min(5 + 3, 6 + 1) - 5 = 2).
  const x = tensor([1, 1, 1, 6], [1, 2, 3, 4, 5, 6]);
  const o: AvgPool2dOptions = { kernel: [1, 3], stride: [1, 2], padding: [0, 1], ceilMode: true };
  assert.equal([...avgPool2d(x, o).data], [1, 3, 5, 3]);
  // Without padding counted: (1+2)/2 = 1.5, 3, 5, 6/1 = 6.
  assert.equal([...avgPool2d(x, { ...o, countIncludePad: false }).data], [1.5, 3, 5, 6]);
  // No padding at all: windows {1,2,3}, {3,4,5}, {5,6} -> 2, 4, 5.5.
  assert.equal([...avgPool2d(x, { kernel: [1, 3], stride: [1, 2], ceilMode: true }).data], [2, 4, 5.5]);
});

fwd('matches tf.avgPool (padding excluded from the count) over 60 random shapes', () => {
  for (let seed = 300; seed < 360; seed++) {
    const c = randomPoolCase(seed);
    const x = randTensor(c.r, c.shape);
    // tfjs divides by the number of input positions in the window for every padding kind.
    const ours = avgPool2d(x, { kernel: c.kernel, stride: c.stride, padding: c.padding, countIncludePad: false });
    const expected = tf.tidy(() => fromNhwc(tf.avgPool(toNhwc(x), c.kernel, c.stride, c.tfPad)));
    expectClose(ours.data, expected, `seed ${seed}`, 'avgPool2d vs tf.avgPool');
  }
});

fwd("defaults: 'same' excludes padding from the count (TensorFlow), explicit padding includes it (PyTorch)", () => {
  const x = tensor([1, 1, 2, 2], [1, 2, 3, 4]);
  // 'same', k 2, s 1 on 2x2: pads 0 top/left, 1 bottom/right; last window (1,1) holds x=4 only.
  assert.is(avgPool2d(x, { kernel: 2, stride: 1, padding: 'same' }).data[3], 4);
  assert.is(avgPool2d(x, { kernel: 2, stride: 1, padding: [0, 1, 0, 1] }).data[3], 1); // 4 / 4
});

fwd('throws on bad rank and a non-boolean countIncludePad', () => {
  assert.throws(() => avgPool2d(tensor([1, 3, 3]), { kernel: 2 }), (e: unknown) => e instanceof ShapeError);
  assert.throws(
    () => avgPool2d(tensor([1, 1, 3, 3]), { kernel: 2, countIncludePad: 1 as never }),
    (e: unknown) => e instanceof ConfigError && /countIncludePad must be a boolean/.test(e.message),
  );
});

fwd.run();

const bwd = suite('avgPool2dBackward');

bwd.before(async () => {
  await tfReady();
});

bwd('splits each upstream value evenly over its window count', () => {
  assert.equal([...avgPool2dBackward(tensor([1, 1, 1, 1], [8]), [1, 1, 2, 2], { kernel: 2 }).data], [2, 2, 2, 2]);
  // Ceil-mode row from the forward test, pad counted: divisors 3, 3, 3, 2 on windows
  // {-1,0,1}, {1,2,3}, {3,4,5}, {5,6}; upstream all 6 -> x0: 2, x1: 2+2, x2: 2, x3: 2+2, x4: 2, x5: 2+3.
  const o: AvgPool2dOptions = { kernel: [1, 3], stride: [1, 2], padding: [0, 1], ceilMode: true };
  assert.equal([...avgPool2dBackward(tensor([1, 1, 1, 4], [6, 6, 6, 6]), [1, 1, 1, 6], o).data], [2, 4, 2, 4, 2, 5]);
});

bwd("matches tfjs's gradient of sum(avgPool(x) * upstream) with padding counted, over 40 random shapes", () => {
  // tfjs's AvgPoolGrad kernel always divides by kh * kw (it ignores that its forward pass
  // excludes padding), which is exactly our countIncludePad: true without ceil mode.
  for (let seed = 400; seed < 440; seed++) {
    const c = randomPoolCase(seed);
    const x = randTensor(c.r, c.shape);
    const opts: AvgPool2dOptions = { kernel: c.kernel, stride: c.stride, padding: c.padding, countIncludePad: true };
    const y = avgPool2d(x, opts);
    const up = randTensor(c.r, y.shape);
    const ours = avgPool2dBackward(up, x.shape, opts);
    const expected = tf.tidy(() => {
      // The kernel tf.grad(x => sum(avgPool(x) * up)) runs for this op.
      return fromNhwc(tfPoolGrad('avg', toNhwc(x), toNhwc(up), c.kernel, c.stride, c.tfPad));
    });
    expectClose(ours.data, expected, `seed ${seed}`, 'avgPool2dBackward vs tfjs AvgPoolGrad');
  }
});

bwd('is the adjoint of the forward pass: <avgPool(x), u> = <x, avgPool2dBackward(u)> in every mode', () => {
  // avgPool is linear in x, so its gradient is its transpose; this checks the divisor
  // rules (pad excluded, ceil overhang) that tfjs cannot check.
  for (let seed = 500; seed < 540; seed++) {
    const r = rng(seed);
    const k = randInt(r, 1, 4);
    const s = randInt(r, 1, 3);
    const p = randInt(r, 0, k - 1);
    const x = randTensor(r, [1, 2, randInt(r, k, 11), randInt(r, k, 11)]);
    const opts: AvgPool2dOptions = { kernel: k, stride: s, padding: p, ceilMode: seed % 2 === 0, countIncludePad: seed % 4 < 2 };
    const y = avgPool2d(x, opts);
    const u = randTensor(r, y.shape);
    const g = avgPool2dBackward(u, x.shape, opts);
    let lhs = 0;
    let rhs = 0;
    for (let i = 0; i < y.data.length; i++) lhs += y.data[i] * u.data[i];
    for (let i = 0; i < x.data.length; i++) rhs += x.data[i] * g.data[i];
    expectClose([lhs], [rhs], `seed ${seed}`, 'avgPool2dBackward adjoint');
  }
});

bwd('throws on a bad inputShape or dy shape', () => {
  assert.throws(() => avgPool2dBackward(tensor([1, 1, 1, 1]), [2, 2], { kernel: 2 }), (e: unknown) => e instanceof ShapeError && /inputShape/.test(e.message));
  assert.throws(
    () => avgPool2dBackward(tensor([1, 1, 2, 1]), [1, 1, 2, 2], { kernel: 2 }),
    (e: unknown) => e instanceof ShapeError && /dy must have shape \[1, 1, 1, 1\]/.test(e.message),
  );
});

bwd.run();
