import { ConfigError, ShapeError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spatialPyramidPool } from './spatial-pyramid-pool.js';
import { tensor } from './tensor.js';
import { expectClose, fromNhwc, randInt, randTensor, rng, tf, tfReady, toNhwc } from './testing/c2-oracle.js';

const spp = suite('spatialPyramidPool');

spp.before(async () => {
  await tfReady();
});

spp('hand case on a 3x3 map, levels [1, 2]: overlapping adaptive bins', () => {
  // [[1, 5, 2], [7, 0, 3], [4, 8, 6]]; level 2 bins along 3: [floor(0), ceil(1.5)) = [0, 2), [floor(1.5), 3) = [1, 3).
  // bins: rows 0-1 x cols 0-1 {1,5,7,0} = 7; rows 0-1 x cols 1-2 {5,2,0,3} = 5;
  //       rows 1-2 x cols 0-1 {7,0,4,8} = 8; rows 1-2 x cols 1-2 {0,3,8,6} = 8.
  const y = spatialPyramidPool(tensor([1, 1, 3, 3], [1, 5, 2, 7, 0, 3, 4, 8, 6]), [1, 2]);
  assert.equal(y.shape, [1, 5]);
  assert.equal([...y.data], [8, 7, 5, 8, 8]);
});

spp('fixed length C * (1 + 4 + 16) for any input size, with the default levels', () => {
  for (const [h, w] of [[1, 1], [5, 7], [13, 4]]) {
    assert.equal(spatialPyramidPool(tensor([2, 3, h, w])).shape, [2, 3 * 21]);
  }
});

spp('with sizes divisible by every level each level equals tf.maxPool (kernel = stride = size / level)', () => {
  for (let seed = 0; seed < 10; seed++) {
    const r = rng(seed);
    const [n, c] = [randInt(r, 1, 2), randInt(r, 1, 3)];
    const [h, w] = [4 * randInt(r, 1, 3), 4 * randInt(r, 1, 3)];
    const x = randTensor(r, [n, c, h, w]);
    const y = spatialPyramidPool(x, [1, 2, 4]);
    const expected = tf.tidy(() => {
      const t = toNhwc(x);
      const levels = [1, 2, 4].map((l) => fromNhwc(tf.maxPool(t, [h / l, w / l], [h / l, w / l], 'valid')));
      const out: number[] = [];
      for (let b = 0; b < n; b++) {
        for (const [li, l] of [1, 2, 4].entries()) out.push(...levels[li].subarray(b * c * l * l, (b + 1) * c * l * l));
      }
      return out;
    });
    expectClose(y.data, expected, `seed ${seed}`, 'spatialPyramidPool vs tf.maxPool');
  }
});

spp('throws on bad rank, empty planes and bad levels', () => {
  assert.throws(() => spatialPyramidPool(tensor([3, 3])), (e: unknown) => e instanceof ShapeError);
  assert.throws(() => spatialPyramidPool(tensor([1, 1, 0, 3])), (e: unknown) => e instanceof ShapeError && /non-empty/.test(e.message));
  assert.throws(() => spatialPyramidPool(tensor([1, 1, 3, 3]), []), (e: unknown) => e instanceof ConfigError && /levels/.test(e.message));
  assert.throws(() => spatialPyramidPool(tensor([1, 1, 3, 3]), [1, 0]), (e: unknown) => e instanceof ConfigError);
});

spp.run();
