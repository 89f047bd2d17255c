import { ConfigError, ShapeError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { instanceNorm } from './instance-norm.js';
import { tensor } from './tensor.js';
import { expectClose, fromNhwc, randInt, randTensor, rng, tf, tfReady, toNhwc } from './testing/c2-oracle.js';

const inorm = suite('instanceNorm');

inorm.before(async () => {
  await tfReady();
});

inorm('hand case: each plane on its own, then per-channel affine', () => {
  // plane (0,0) [2, 4]: mean 3, var 1 -> [-1, 1] / sqrt(1 + eps); plane (0,1) [0, 8]: mean 4, var 16.
  const eps = 1e-5;
  const y = instanceNorm(tensor([1, 2, 1, 2], [2, 4, 0, 8]), { gamma: [1, 2], beta: [0, 1], eps });
  const a = 1 / Math.sqrt(1 + eps);
  const b = 4 / Math.sqrt(16 + eps);
  expectClose(y.data, [-a, a, -2 * b + 1, 2 * b + 1], 'hand');
});

inorm('matches a tf.moments composition over H, W on random inputs', () => {
  for (let seed = 0; seed < 10; seed++) {
    const r = rng(seed);
    const c = randInt(r, 1, 4);
    const x = randTensor(r, [randInt(r, 1, 3), c, randInt(r, 1, 7), randInt(r, 2, 7)], -1, 3);
    const gamma = randTensor(r, [c]).data;
    const beta = randTensor(r, [c]).data;
    const expected = tf.tidy(() => {
      const t = toNhwc(x);
      const m = tf.moments(t, [1, 2], true);
      const norm = tf.div(tf.sub(t, m.mean), tf.sqrt(tf.add(m.variance, 1e-5)));
      return fromNhwc(tf.add(tf.mul(norm, gamma), beta));
    });
    expectClose(instanceNorm(x, { gamma, beta }).data, expected, `seed ${seed}`, 'instanceNorm vs tf.moments');
  }
});

inorm('throws on rank < 3, empty planes, bad gamma and eps', () => {
  assert.throws(() => instanceNorm(tensor([2, 3])), (e: unknown) => e instanceof ShapeError && /\[N, C, H, W\]/.test(e.message));
  assert.throws(() => instanceNorm(tensor([1, 2, 0, 3])), (e: unknown) => e instanceof ShapeError);
  assert.throws(() => instanceNorm(tensor([1, 2, 2, 2]), { beta: [0] }), (e: unknown) => e instanceof ShapeError && /beta/.test(e.message));
  assert.throws(() => instanceNorm(tensor([1, 2, 2, 2]), { eps: Infinity }), (e: unknown) => e instanceof ConfigError);
});

inorm.run();
