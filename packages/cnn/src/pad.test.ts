import { ConfigError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { pad } from './pad.js';
import { tensor } from './tensor.js';
import { expectClose, randInt, randTensor, rng, tf, tfReady } from './testing/c2-oracle.js';

function randomShape(r: () => number, rank: number): number[] {
  return Array.from({ length: rank }, () => randInt(r, 1, 5));
}

const pd = suite('pad');
pd.before(async () => {
  await tfReady();
});

pd('hand cases: -Infinity constant and reflect', () => {
  const y = pad(tensor([1, 2], [1, 2]), [[0, 0], [1, 2]], { value: -Infinity });
  assert.equal([...y.data], [-Infinity, 1, 2, -Infinity, -Infinity]);
  // reflect [1, 2, 3] by (2, 1): 3 2 | 1 2 3 | 2
  assert.equal([...pad(tensor([3], [1, 2, 3]), [[2, 1]], { mode: 'reflect' }).data], [3, 2, 1, 2, 3, 2]);
});

pd('matches tf.pad (constant) and tf.mirrorPad (reflect) on random shapes, asymmetric pads', () => {
  for (let seed = 0; seed < 20; seed++) {
    const r = rng(seed + 100);
    const rank = randInt(r, 1, 4);
    const shape = randomShape(r, rank).map((d) => d + 1);
    const x = randTensor(r, shape);
    const reflect = seed % 2 === 1;
    const paddings = shape.map((d) => [randInt(r, 0, reflect ? d - 1 : 3), randInt(r, 0, reflect ? d - 1 : 3)] as [number, number]);
    const value = seed % 4 === 0 ? -Infinity : 0.5;
    const y = pad(x, paddings, reflect ? { mode: 'reflect' } : { value });
    const expected = tf.tidy(() => {
      const t = tf.tensor(x.data, shape);
      return (reflect ? tf.mirrorPad(t, paddings, 'reflect') : tf.pad(t, paddings, value)).dataSync();
    });
    expectClose(y.data, expected, `seed ${seed}`, `pad ${reflect ? 'reflect' : 'constant'} vs tfjs`);
  }
});

pd('throws on wrong paddings, an unknown mode and reflect pads >= the axis length', () => {
  const x = tensor([2, 3]);
  assert.throws(() => pad(x, [[1, 1]]), (e: unknown) => e instanceof ConfigError && /2 pairs/.test(e.message));
  assert.throws(() => pad(x, [[1, 1], [-1, 0]]), (e: unknown) => e instanceof ConfigError);
  assert.throws(() => pad(x, [[0, 0], [0, 0]], { mode: 'edge' as never }), (e: unknown) => e instanceof ConfigError && /mode/.test(e.message));
  assert.throws(() => pad(x, [[0, 0], [3, 0]], { mode: 'reflect' }), (e: unknown) => e instanceof ConfigError && /axis 1 must be < its length 3/.test(e.message));
  assert.throws(() => pad(tensor([]), []), (e: unknown) => e instanceof ConfigError);
});

pd.run();
