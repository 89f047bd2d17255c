import { ShapeError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { globalAvgPool2d, globalMaxPool2d } from './global-pool2d.js';
import { tensor } from './tensor.js';
import { expectClose, randTensor, rng, tf, tfReady, toNhwc } from './testing/c2-oracle.js';

const avg = suite('globalAvgPool2d');

avg.before(async () => {
  await tfReady();
});

avg('mean of each plane, spatial axes kept as 1x1', () => {
  // plane 0: (1 + 2 + 3 + 4) / 4 = 2.5; plane 1: (-1 + 0 + 0 + 5) / 4 = 1.
  const y = globalAvgPool2d(tensor([1, 2, 2, 2], [1, 2, 3, 4, -1, 0, 0, 5]));
  assert.equal(y.shape, [1, 2, 1, 1]);
  assert.equal([...y.data], [2.5, 1]);
});

avg('matches tf.mean over H, W on a 2x3x7x5 input', () => {
  const x = randTensor(rng(7), [2, 3, 7, 5]);
  const expected = tf.tidy(() => tf.mean(toNhwc(x), [1, 2]).dataSync() as Float32Array);
  expectClose(globalAvgPool2d(x).data, expected, 'random', 'globalAvgPool2d vs tf.mean');
});

avg('throws on bad rank and an empty plane', () => {
  assert.throws(() => globalAvgPool2d(tensor([2, 2])), (e: unknown) => e instanceof ShapeError);
  assert.throws(() => globalAvgPool2d(tensor([1, 1, 0, 3])), (e: unknown) => e instanceof ShapeError && /non-empty/.test(e.message));
});

avg.run();

const max = suite('globalMaxPool2d');

max.before(async () => {
  await tfReady();
});

max('max of each plane', () => {
  const y = globalMaxPool2d(tensor([1, 2, 2, 2], [1, 2, 3, 4, -1, -7, -3, -5]));
  assert.equal(y.shape, [1, 2, 1, 1]);
  assert.equal([...y.data], [4, -1]);
});

max('matches tf.max over H, W on a 2x3x7x5 input', () => {
  const x = randTensor(rng(8), [2, 3, 7, 5]);
  const expected = tf.tidy(() => tf.max(toNhwc(x), [1, 2]).dataSync() as Float32Array);
  expectClose(globalMaxPool2d(x).data, expected, 'random', 'globalMaxPool2d vs tf.max');
});

max('throws on bad rank and an empty plane', () => {
  assert.throws(() => globalMaxPool2d(tensor([2, 2, 2])), (e: unknown) => e instanceof ShapeError);
  assert.throws(() => globalMaxPool2d(tensor([1, 1, 3, 0])), (e: unknown) => e instanceof ShapeError);
});

max.run();
