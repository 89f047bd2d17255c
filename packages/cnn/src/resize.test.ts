import { ConfigError, ShapeError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type ResizeOptions, resizeBilinear, resizeNearest } from './resize.js';
import { tensor } from './tensor.js';
import { expectClose, fromNhwc, randInt, randTensor, rng, tf, tfReady, toNhwc } from './testing/c2-oracle.js';

const CONVENTIONS: [string, ResizeOptions][] = [
  ['legacy', {}],
  ['alignCorners', { alignCorners: true }],
  ['halfPixelCenters', { halfPixelCenters: true }],
];

/** Output sizes up and down, odd and even, including 1 (the alignCorners special case). */
function randomSizes(seed: number) {
  const r = rng(seed);
  const shape = [randInt(r, 1, 2), randInt(r, 1, 3), randInt(r, 1, 9), randInt(r, 1, 9)];
  const size: [number, number] = [randInt(r, 1, 17), randInt(r, 1, 17)];
  return { r, shape, size };
}

const bil = suite('resizeBilinear');

bil.before(async () => {
  await tfReady();
});

bil('hand cases for the three conventions on a 1x2 row [0, 3] -> 1x4', () => {
  const x = tensor([1, 1, 1, 2], [0, 3]);
  // alignCorners: sources 0, 1/3, 2/3, 1 -> 0, 1, 2, 3
  expectClose(resizeBilinear(x, [1, 4], { alignCorners: true }).data, [0, 1, 2, 3], 'align');
  // legacy: sources 0, 0.5, 1, 1.5 (clamped to 1) -> 0, 1.5, 3, 3
  expectClose(resizeBilinear(x, [1, 4]).data, [0, 1.5, 3, 3], 'legacy');
  // half pixel: sources (o + 0.5) / 2 - 0.5 = -0.25 (clamped 0), 0.25, 0.75, 1.25 (clamped 1) -> 0, 0.75, 2.25, 3
  expectClose(resizeBilinear(x, [1, 4], { halfPixelCenters: true }).data, [0, 0.75, 2.25, 3], 'half');
});

bil('matches tf.image.resizeBilinear for every convention over 30 random sizes', () => {
  for (let seed = 0; seed < 30; seed++) {
    const { r, shape, size } = randomSizes(seed);
    const x = randTensor(r, shape);
    for (const [name, o] of CONVENTIONS) {
      const expected = tf.tidy(() =>
        fromNhwc(tf.image.resizeBilinear(toNhwc(x), size, o.alignCorners ?? false, o.halfPixelCenters ?? false)),
      );
      expectClose(resizeBilinear(x, size, o).data, expected, `seed ${seed} ${name}`, `resizeBilinear ${name} vs tfjs`);
    }
  }
});

bil('throws on bad rank, size, empty input and both flags', () => {
  const x = tensor([1, 1, 2, 2]);
  assert.throws(() => resizeBilinear(tensor([2, 2]), [3, 3]), (e: unknown) => e instanceof ShapeError);
  assert.throws(() => resizeBilinear(x, [0, 3]), (e: unknown) => e instanceof ConfigError && /size must be/.test(e.message));
  assert.throws(() => resizeBilinear(x, [2.5, 3]), (e: unknown) => e instanceof ConfigError);
  assert.throws(() => resizeBilinear(tensor([1, 1, 0, 2]), [3, 3]), (e: unknown) => e instanceof ConfigError && /height and width/.test(e.message));
  assert.throws(() => resizeBilinear(x, [3, 3], { alignCorners: true, halfPixelCenters: true }), (e: unknown) => e instanceof ConfigError && /not both/.test(e.message));
});

bil.run();

const nn = suite('resizeNearest');

nn.before(async () => {
  await tfReady();
});

nn('hand cases: row [1, 2, 3] -> 5 columns in the three conventions', () => {
  const x = tensor([1, 1, 1, 3], [1, 2, 3]);
  // legacy: floor(o * 3/5) = 0, 0, 1, 1, 2
  assert.equal([...resizeNearest(x, [1, 5]).data], [1, 1, 2, 2, 3]);
  // alignCorners: round(o * 2/4) = round(0, .5, 1, 1.5, 2) = 0, 1, 1, 2, 2 (half rounds up)
  assert.equal([...resizeNearest(x, [1, 5], { alignCorners: true }).data], [1, 2, 2, 3, 3]);
  // half pixel: floor((o + .5) * 3/5) = floor(.3, .9, 1.5, 2.1, 2.7) = 0, 0, 1, 2, 2
  assert.equal([...resizeNearest(x, [1, 5], { halfPixelCenters: true }).data], [1, 1, 2, 3, 3]);
});

nn('matches tf.image.resizeNearestNeighbor for every convention over 30 random sizes', () => {
  for (let seed = 100; seed < 130; seed++) {
    const { r, shape, size } = randomSizes(seed);
    const x = randTensor(r, shape);
    for (const [name, o] of CONVENTIONS) {
      const expected = tf.tidy(() =>
        fromNhwc(tf.image.resizeNearestNeighbor(toNhwc(x), size, o.alignCorners ?? false, o.halfPixelCenters ?? false)),
      );
      expectClose(resizeNearest(x, size, o).data, expected, `seed ${seed} ${name}`, `resizeNearest ${name} vs tfjs`);
    }
  }
});

nn('throws on bad size and both flags', () => {
  const x = tensor([1, 1, 2, 2]);
  assert.throws(() => resizeNearest(x, [3] as never), (e: unknown) => e instanceof ConfigError);
  assert.throws(() => resizeNearest(x, [3, 3], { alignCorners: true, halfPixelCenters: true }), (e: unknown) => e instanceof ConfigError);
  assert.throws(() => resizeNearest(tensor([1, 2, 2]), [3, 3]), (e: unknown) => e instanceof ShapeError);
});

nn.run();
