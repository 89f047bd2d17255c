import { ConfigError, ShapeError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { layerNorm } from './layer-norm.js';
import { tensor } from './tensor.js';
import { expectClose, randInt, randTensor, rng, tf, tfReady } from './testing/c2-oracle.js';

const ln = suite('layerNorm');

ln.before(async () => {
  await tfReady();
});

ln('hand case over the last axis with gamma and beta', () => {
  // row [1, 2, 3]: mean 2, biased var 2/3; row [0, 0, 6]: mean 2, var (4 + 4 + 16) / 3 = 8.
  const eps = 1e-5;
  const y = layerNorm(tensor([2, 3], [1, 2, 3, 0, 0, 6]), { normalizedShape: [3], gamma: [1, 2, 3], beta: [0, 0, 1], eps });
  const a = 1 / Math.sqrt(2 / 3 + eps);
  const b = 1 / Math.sqrt(8 + eps);
  expectClose(y.data, [-a, 0, 3 * a + 1, -2 * b, -4 * b, 3 * 4 * b + 1], 'hand');
});

ln('matches a tf.moments composition over [C, H, W] and [W] on random inputs', () => {
  for (let seed = 0; seed < 10; seed++) {
    const r = rng(seed);
    const shape = [randInt(r, 1, 3), randInt(r, 1, 4), randInt(r, 1, 6), randInt(r, 2, 6)];
    const x = randTensor(r, shape, -2, 4);
    const trailing = seed % 2 === 0 ? shape.slice(1) : shape.slice(3);
    const size = trailing.reduce((p, d) => p * d, 1);
    const gamma = randTensor(r, [size]).data;
    const beta = randTensor(r, [size]).data;
    const axes = trailing.map((_, i) => 4 - trailing.length + i);
    const expected = tf.tidy(() => {
      const t = tf.tensor(x.data, shape);
      const m = tf.moments(t, axes, true);
      const norm = tf.div(tf.sub(t, m.mean), tf.sqrt(tf.add(m.variance, 1e-5)));
      return tf.add(tf.mul(norm, tf.tensor(gamma, trailing)), tf.tensor(beta, trailing)).dataSync();
    });
    expectClose(layerNorm(x, { normalizedShape: trailing, gamma, beta }).data, expected, `seed ${seed}`, 'layerNorm vs tf.moments');
  }
});

ln('throws when normalizedShape does not match the trailing dims, on bad gamma and eps', () => {
  const x = tensor([2, 3, 4]);
  assert.throws(() => layerNorm(x, { normalizedShape: [3] }), (e: unknown) => e instanceof ShapeError && /trailing dims/.test(e.message));
  assert.throws(() => layerNorm(x, { normalizedShape: [] }), (e: unknown) => e instanceof ShapeError);
  assert.throws(() => layerNorm(x, { normalizedShape: [1, 2, 3, 4] }), (e: unknown) => e instanceof ShapeError);
  assert.throws(() => layerNorm(x, { normalizedShape: [3, 4], gamma: [1, 2] }), (e: unknown) => e instanceof ShapeError && /gamma must have length 12/.test(e.message));
  assert.throws(() => layerNorm(x, { normalizedShape: [4], eps: NaN }), (e: unknown) => e instanceof ConfigError);
});

ln.run();
