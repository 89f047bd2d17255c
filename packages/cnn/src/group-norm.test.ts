import { ConfigError, ShapeError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { groupNorm } from './group-norm.js';
import { instanceNorm } from './instance-norm.js';
import { layerNorm } from './layer-norm.js';
import { tensor } from './tensor.js';
import { expectClose, randInt, randTensor, rng, tf, tfReady } from './testing/c2-oracle.js';

const gn = suite('groupNorm');

gn.before(async () => {
  await tfReady();
});

gn('hand case: 4 channels in 2 groups, 1x1 spatial', () => {
  // group 0 [1, 3]: mean 2, var 1; group 1 [10, 30]: mean 20, var 100. gamma [1,1,2,2], beta [0,0,0,5].
  const eps = 1e-5;
  const y = groupNorm(tensor([1, 4, 1, 1], [1, 3, 10, 30]), { groups: 2, gamma: [1, 1, 2, 2], beta: [0, 0, 0, 5], eps });
  const a = 1 / Math.sqrt(1 + eps);
  const b = 10 / Math.sqrt(100 + eps);
  expectClose(y.data, [-a, a, -2 * b, 2 * b + 5], 'hand');
});

gn('matches a tf.moments composition over [C/G, H, W] on random inputs', () => {
  for (let seed = 0; seed < 10; seed++) {
    const r = rng(seed);
    const g = randInt(r, 1, 3);
    const c = g * randInt(r, 1, 3);
    const [n, h, w] = [randInt(r, 1, 2), randInt(r, 1, 6), randInt(r, 1, 6)];
    const x = randTensor(r, [n, c, h, w], -2, 2);
    const gamma = randTensor(r, [c]).data;
    const beta = randTensor(r, [c]).data;
    const expected = tf.tidy(() => {
      const t = tf.tensor(x.data, [n, g, (c / g) * h * w]);
      const m = tf.moments(t, [2], true);
      const norm = tf.reshape(tf.div(tf.sub(t, m.mean), tf.sqrt(tf.add(m.variance, 1e-5))), [n, c, h, w]);
      return tf.add(tf.mul(norm, tf.tensor(gamma, [c, 1, 1])), tf.tensor(beta, [c, 1, 1])).dataSync();
    });
    expectClose(groupNorm(x, { groups: g, gamma, beta }).data, expected, `seed ${seed}`, 'groupNorm vs tf.moments');
  }
});

gn('groups = C equals instanceNorm; groups = 1 equals layerNorm over [C, H, W]', () => {
  const x = randTensor(rng(5), [2, 6, 3, 4]);
  expectClose(groupNorm(x, { groups: 6 }).data, instanceNorm(x).data, 'instance');
  expectClose(groupNorm(x, { groups: 1 }).data, layerNorm(x, { normalizedShape: [6, 3, 4] }).data, 'layer');
});

gn('throws on groups not dividing C, empty groups, bad gamma', () => {
  const x = tensor([1, 4, 2, 2]);
  assert.throws(() => groupNorm(x, { groups: 3 }), (e: unknown) => e instanceof ConfigError && /dividing C = 4, got 3/.test(e.message));
  assert.throws(() => groupNorm(x, { groups: 0 }), (e: unknown) => e instanceof ConfigError);
  assert.throws(() => groupNorm(tensor([1, 4, 0, 2]), { groups: 2 }), (e: unknown) => e instanceof ShapeError);
  assert.throws(() => groupNorm(x, { groups: 2, gamma: [1, 1] }), (e: unknown) => e instanceof ShapeError && /gamma/.test(e.message));
  assert.throws(() => groupNorm(tensor([4]), { groups: 1 }), (e: unknown) => e instanceof ShapeError);
});

gn.run();
