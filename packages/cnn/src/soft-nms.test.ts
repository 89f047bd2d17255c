import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { ConfigError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { softNms } from './index.js';
import { assertClose, assertThrows, randomBoxes, toTfjsBoxes } from './testing/c3-oracle.js';

await tf.setBackend('cpu');

const s = suite('softNms');

// [0,0,10,10] and [5,0,15,10]: intersection 50, union 150, IoU 1/3.
const PAIR = new Float32Array([0, 0, 10, 10, 5, 0, 15, 10]);

s('gaussian: the overlapped score decays by exp(-IoU^2 / (2 sigma))', () => {
  // sigma 0.5: exp(-(1/9) / 1) = 0.8948393168; 0.8 * 0.8948393168 = 0.7158714534
  const r = softNms(PAIR, [0.9, 0.8], { sigma: 0.5 });
  assert.equal(Array.from(r.indices), [0, 1]);
  assertClose(r.scores, [0.9, 0.7158714534], 1e-7);
});

s('gaussian: a decayed box falls behind a lower-scored disjoint one', () => {
  // B = A shifted 1 px: IoU 90/110 = 0.8181818; sigma 0.5: exp(-0.6694215) = 0.5120047
  // B: 0.85 * 0.5120047 = 0.4352040 < C's 0.8 (C overlaps nothing)
  const b = new Float32Array([0, 0, 10, 10, 1, 0, 11, 10, 50, 50, 60, 60]);
  const r = softNms(b, [0.9, 0.85, 0.8], { sigma: 0.5 });
  assert.equal(Array.from(r.indices), [0, 2, 1]);
  assertClose(r.scores, [0.9, 0.8, 0.435204], 1e-6);
});

s('gaussian: IoU >= iouThreshold drops the box (tfjs hard cut)', () => {
  assert.equal(Array.from(softNms(PAIR, [0.9, 0.8], { sigma: 0.5, iouThreshold: 0.3 }).indices), [0]);
});

s('linear: score * (1 - IoU) once IoU >= N_t, unchanged below', () => {
  // N_t 0.3 <= 1/3: 0.8 * (2/3) = 0.5333333
  assertClose(softNms(PAIR, [0.9, 0.8], { method: 'linear' }).scores, [0.9, 0.5333333], 1e-6);
  // N_t 0.4 > 1/3: no decay
  assertClose(softNms(PAIR, [0.9, 0.8], { method: 'linear', iouThreshold: 0.4 }).scores, [0.9, 0.8], 1e-7);
});

s('a box whose decayed score falls to scoreThreshold or below is dropped', () => {
  const r = softNms(PAIR, [0.9, 0.8], { method: 'linear', scoreThreshold: 0.55 });
  assert.equal(Array.from(r.indices), [0]);
  assert.equal(Array.from(softNms(PAIR, [0.9, 0.8], { method: 'linear', maxOutput: 1 }).indices), [0]);
});

function tfjsSoft(boxes: Float32Array, scores: Float32Array, max: number, iou: number, scoreThr: number, sigma: number) {
  return tf.tidy(() => {
    const r = tf.image.nonMaxSuppressionWithScore(tf.tensor2d(toTfjsBoxes(boxes), [scores.length, 4]), tf.tensor1d(scores), max, iou, scoreThr, sigma);
    return { indices: Array.from(r.selectedIndices.dataSync()), scores: r.selectedScores.dataSync() as Float32Array };
  });
}

s('matches tf.image.nonMaxSuppressionWithScore on 10,000 random boxes', () => {
  // maxOutput 1,000 and a score floor keep tfjs-backend-cpu's O(N * kept)
  // loop near 0.3 s per setting.
  const { boxes, scores } = randomBoxes(10_000, 21);
  for (const [max, iou, scoreThr, sigma] of [
    [1_000, 1, 0.3, 0.5],
    [1_000, 0.6, 0.05, 0.1],
  ] as const) {
    const ours = softNms(boxes, scores, { sigma, iouThreshold: iou, scoreThreshold: scoreThr, maxOutput: max });
    const ref = tfjsSoft(boxes, scores, max, iou, scoreThr, sigma);
    assert.is(ref.indices.length, max);
    assert.equal(Array.from(ours.indices), ref.indices, `sigma ${sigma}`);
    assertClose(ours.scores, ref.scores, 1e-5, `sigma ${sigma}`);
    // some scores really decayed, so the comparison covers the Gaussian path
    let decayed = 0;
    for (let k = 0; k < max; k++) if (ours.scores[k] !== scores[ours.indices[k]]) decayed++;
    assert.ok(decayed > 50, `only ${decayed} decayed scores`);
  }
});

s('throws on a bad method or sigma', () => {
  assertThrows(() => softNms(PAIR, [1, 1], { method: 'cubic' as 'linear' }), ConfigError, /^softNms: method must be 'gaussian' or 'linear', got cubic$/);
  assertThrows(() => softNms(PAIR, [1, 1], { sigma: 0 }), ConfigError, /^softNms: sigma must be in/);
  assertThrows(() => softNms(PAIR, [1, 1], { iouThreshold: -0.1 }), ConfigError, /iouThreshold/);
});

s.run();
