import { ConfigError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { split } from './split.js';
import { tensor } from './tensor.js';
import { expectClose, randInt, randTensor, rng, tf, tfReady } from './testing/c2-oracle.js';

function randomShape(r: () => number, rank: number): number[] {
  return Array.from({ length: rank }, () => randInt(r, 1, 5));
}

const spl = suite('split');
spl.before(async () => {
  await tfReady();
});

spl('hand case with an inferred size', () => {
  const parts = split(tensor([1, 5], [1, 2, 3, 4, 5]), [2, -1], 1);
  assert.equal(parts.map((t) => t.shape), [[1, 2], [1, 3]]);
  assert.equal(parts.map((t) => [...t.data]), [[1, 2], [3, 4, 5]]);
});

spl('matches tf.split with a count and with sizes on random shapes', () => {
  for (let seed = 0; seed < 20; seed++) {
    const r = rng(seed + 50);
    const rank = randInt(r, 1, 4);
    const axis = randInt(r, 0, rank - 1);
    const shape = randomShape(r, rank);
    shape[axis] = 6;
    const x = randTensor(r, shape);
    const how: number | number[] = seed % 2 === 0 ? [1, 0, 3, 2] : 3;
    const ours = split(x, how, axis - rank); // negative axis
    const theirs = tf.tidy(() => tf.split(tf.tensor(x.data, shape), how, axis).map((t) => ({ shape: t.shape, data: t.dataSync() })));
    assert.is(ours.length, theirs.length);
    ours.forEach((t, i) => {
      assert.equal(t.shape, theirs[i].shape);
      expectClose(t.data, theirs[i].data, `seed ${seed} part ${i}`, 'split vs tf.split');
    });
  }
});

spl('throws on a count not dividing the axis and sizes not summing to it', () => {
  const x = tensor([2, 5]);
  assert.throws(() => split(x, 2, 1), (e: unknown) => e instanceof ConfigError && /dividing 5/.test(e.message));
  assert.throws(() => split(x, [2, 2], 1), (e: unknown) => e instanceof ConfigError && /summing to 5/.test(e.message));
  assert.throws(() => split(x, [-1, -1], 1), (e: unknown) => e instanceof ConfigError);
  assert.throws(() => split(x, [1.5, 3.5], 1), (e: unknown) => e instanceof ConfigError);
  assert.throws(() => split(x, [1], 3), (e: unknown) => e instanceof ConfigError && /axis/.test(e.message));
});

spl.run();
