import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { ConfigError, ShapeError } from '@mot/core';
import { suite } from 'uvu';
import { distanceToBox, distributionToDistance, gridCentres } from './index.js';
import { assertClose, assertThrows, seededRandom } from './testing/c3-oracle.js';

await tf.setBackend('cpu');

const d = suite('distributionToDistance');

d('hand cases: uniform, one-hot, two bins with 1:3 odds', () => {
  // reg_max 10: uniform -> mean of 0..10 = 5; logit 50 on bin 7 -> 7;
  // logits 0 at bin 0 and ln 3 at bin 1, -1e4 elsewhere -> p = (0.25, 0.75) -> 0.75
  const bins = 11;
  const logits = new Float32Array(4 * bins);
  logits[1 * bins + 7] = 50;
  for (let j = 0; j < bins; j++) logits[2 * bins + j] = -1e4;
  logits[2 * bins + 0] = 0;
  logits[2 * bins + 1] = Math.log(3);
  logits.fill(3, 3 * bins, 4 * bins);
  assertClose(distributionToDistance(logits, 10), [5, 7, 0.75, 5], 1e-5);
});

d('matches tfjs softmax + dot with 0..reg_max on random logits (side-major layout)', () => {
  const n = 50;
  const regMax = 10;
  const rnd = seededRandom(4);
  const logits = Float32Array.from({ length: n * 44 }, () => (rnd() - 0.5) * 8);
  const ref = tf.tidy(() => {
    const p = tf.softmax(tf.tensor3d(logits, [n, 4, regMax + 1]), -1);
    return tf.sum(tf.mul(p, tf.range(0, regMax + 1)), -1).dataSync() as Float32Array;
  });
  assertClose(distributionToDistance(logits, regMax), ref, 1e-5);
});

d('throws on a bad regMax or length', () => {
  assertThrows(() => distributionToDistance(new Float32Array(43), 10), ShapeError, /^distributionToDistance: logits must be a flat \[N, 44\] array for regMax 10, got length 43$/);
  assertThrows(() => distributionToDistance(new Float32Array(4), 0), ConfigError, /regMax must be a positive integer/);
  assertThrows(() => distributionToDistance(new Float32Array([NaN, 0, 0, 0, 0, 0, 0, 0]), 1), ConfigError, /logits must be finite/);
});

d.run();

const g = suite('gridCentres');
g('cell centres row-major, NanoDet style (x + 0.5) * stride', () => {
  assertClose(gridCentres(2, 2, 8), [4, 4, 12, 4, 4, 12, 12, 12]);
  assertClose(gridCentres(1, 2, 16, 0), [0, 0, 16, 0]);
});
g('throws on bad sizes', () => {
  assertThrows(() => gridCentres(0, 2, 8), ConfigError, /^gridCentres: featureH must be a positive integer, got 0$/);
  assertThrows(() => gridCentres(1, 1, -8), ConfigError, /stride/);
});
g.run();

const b = suite('distanceToBox');
b('cx - l s, cy - t s, cx + r s, cy + b s, clamped to the image when asked', () => {
  // centre (20, 12), distances (1, 0.5, 2, 3) bins at stride 8: [20 - 8, 12 - 4, 20 + 16, 12 + 24]
  const c = new Float32Array([20, 12]);
  const dist = new Float32Array([1, 0.5, 2, 3]);
  assertClose(distanceToBox(c, dist, 8), [12, 8, 36, 36]);
  // clamped to a 30 (h) x 32 (w) image: x to [0, 32], y to [0, 30]
  assertClose(distanceToBox(c, dist, 8, [30, 32]), [12, 8, 32, 30]);
  assertClose(distanceToBox(new Float32Array([4, 4]), new Float32Array([1, 1, 2, 2]), 8, [416, 416]), [0, 0, 20, 20]);
});
b('throws on mismatched lengths and bad options', () => {
  assertThrows(() => distanceToBox(new Float32Array(3), new Float32Array(4), 8), ShapeError, /centres must be a flat \[N,2\]/);
  assertThrows(() => distanceToBox(new Float32Array(2), new Float32Array(8), 8), ShapeError, /^distanceToBox: distances must have length 4 \* N = 4, got 8$/);
  assertThrows(() => distanceToBox(new Float32Array(2), new Float32Array(4), 0), ConfigError, /stride/);
  assertThrows(() => distanceToBox(new Float32Array(2), new Float32Array(4), 1, [-1, 5]), ConfigError, /maxShape height/);
});
b.run();
