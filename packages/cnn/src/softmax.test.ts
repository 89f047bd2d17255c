import { ConfigError, ShapeError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { softmax } from './softmax.js';
import { tensor } from './tensor.js';
import { expectClose, randTensor, rng, tf, tfReady } from './testing/c2-oracle.js';

const sm = suite('softmax');

sm.before(async () => {
  await tfReady();
});

sm('hand case and no overflow at large logits', () => {
  // e^0 : e^ln3 = 1 : 3 -> [0.25, 0.75]
  expectClose(softmax(tensor([2], [0, Math.log(3)])).data, [0.25, 0.75], 'hand');
  // [1000, 1000 + ln 3] would overflow e^x; shifted by the max it is the same as above.
  expectClose(softmax(tensor([2], [1000, 1000 + Math.log(3)])).data, [0.25, 0.75], 'large');
  expectClose(softmax(tensor([3], [-1e4, 0, -1e4])).data, [0, 1, 0], 'saturated');
});

sm('matches tf.softmax along every axis of a random [2, 5, 3, 4] tensor', () => {
  const x = randTensor(rng(1), [2, 5, 3, 4], -20, 20);
  for (let axis = -4; axis < 4; axis++) {
    const a = axis < 0 ? axis + 4 : axis;
    // tf.softmax works on the last axis: move `a` last, apply, move back.
    const perm = [0, 1, 2, 3].filter((d) => d !== a).concat(a);
    const inverse = perm.map((_, i) => perm.indexOf(i));
    const expected = tf.tidy(() => tf.transpose(tf.softmax(tf.transpose(tf.tensor(x.data, [2, 5, 3, 4]), perm)), inverse).dataSync());
    expectClose(softmax(x, axis).data, expected, `axis ${axis}`, 'softmax vs tf.softmax');
  }
});

sm('default axis is the last and slices sum to 1', () => {
  const y = softmax(randTensor(rng(2), [3, 6]));
  for (let r = 0; r < 3; r++) {
    let s = 0;
    for (let k = 0; k < 6; k++) s += y.data[r * 6 + k];
    assert.ok(Math.abs(s - 1) < 1e-6, `row ${r}: ${s}`);
  }
});

sm('throws on a scalar and a bad axis', () => {
  assert.throws(() => softmax(tensor([])), (e: unknown) => e instanceof ShapeError && /rank >= 1/.test(e.message));
  assert.throws(() => softmax(tensor([2, 3]), 2), (e: unknown) => e instanceof ConfigError && /axis must be an integer in \[-2, 2\), got 2/.test(e.message));
  assert.throws(() => softmax(tensor([2, 3]), 0.5), (e: unknown) => e instanceof ConfigError);
});

sm.run();
