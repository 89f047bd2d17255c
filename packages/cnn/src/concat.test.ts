import { ConfigError, ShapeError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { concat } from './concat.js';
import { tensor } from './tensor.js';
import { expectClose, randInt, randTensor, rng, tf, tfReady } from './testing/c2-oracle.js';

function randomShape(r: () => number, rank: number): number[] {
  return Array.from({ length: rank }, () => randInt(r, 1, 5));
}

const cat = suite('concat');
cat.before(async () => {
  await tfReady();
});

cat('hand case along the last axis', () => {
  const y = concat([tensor([2, 1], [1, 2]), tensor([2, 2], [3, 4, 5, 6])], -1);
  assert.equal(y.shape, [2, 3]);
  assert.equal([...y.data], [1, 3, 4, 2, 5, 6]);
});

cat('matches tf.concat on random ranks 1-4 and every axis', () => {
  for (let seed = 0; seed < 20; seed++) {
    const r = rng(seed);
    const rank = randInt(r, 1, 4);
    const axis = randInt(r, 0, rank - 1);
    const base = randomShape(r, rank);
    const parts = Array.from({ length: randInt(r, 1, 3) }, () => {
      const s = [...base];
      s[axis] = randInt(r, 0, 4);
      return randTensor(r, s);
    });
    const y = concat(parts, axis);
    const expected = tf.tidy(() => tf.concat(parts.map((p) => tf.tensor(p.data, p.shape as number[])), axis));
    assert.equal(y.shape, expected.shape, `seed ${seed} shape`);
    expectClose(y.data, expected.dataSync(), `seed ${seed}`, 'concat vs tf.concat');
    expected.dispose();
  }
});

cat('throws on an empty list, a rank mismatch, a dimension mismatch and a bad axis', () => {
  assert.throws(() => concat([], 0), (e: unknown) => e instanceof ShapeError && /non-empty/.test(e.message));
  assert.throws(() => concat([tensor([2, 2]), tensor([2])], 0), (e: unknown) => e instanceof ShapeError && /tensors\[1\]/.test(e.message));
  assert.throws(() => concat([tensor([2, 2]), tensor([3, 2])], 1), (e: unknown) => e instanceof ShapeError && /\[2, \*\]/.test(e.message));
  assert.throws(() => concat([tensor([2, 2])], 2), (e: unknown) => e instanceof ConfigError && /axis/.test(e.message));
});

cat('out: a stale buffer is overwritten in full with the same values as a new array; too short is a ShapeError', () => {
  const a = tensor([1, 2, 2], [1, 2, 3, 4]);
  const b = tensor([1, 1, 2], [5, 6]);
  const out = new Float32Array(7).fill(Number.NaN);
  const y = concat([a, b], 1, out);
  assert.is(y.data.buffer, out.buffer);
  assert.equal(y.shape, [1, 3, 2]);
  assert.equal([...y.data], [1, 2, 3, 4, 5, 6]);
  assert.ok(Number.isNaN(out[6]), 'nothing past the result');
  assert.throws(() => concat([a, b], 1, new Float32Array(5)), (e: unknown) => e instanceof ShapeError && /at least 6/.test((e as Error).message));
});

cat.run();
