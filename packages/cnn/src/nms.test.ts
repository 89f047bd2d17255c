import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { ConfigError, ShapeError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { nms } from './index.js';
import { assertThrows, randomBoxes, toTfjsBoxes } from './testing/c3-oracle.js';

await tf.setBackend('cpu');

const s = suite('nms');

// Three 10x10 boxes in a row, 4 px apart: neighbours overlap 6x10 = 60,
// IoU 60 / (200 - 60) = 0.4286; the two ends overlap 2x10 = 20, IoU 20/180 = 0.111.
const ROW = new Float32Array([0, 0, 10, 10, 4, 0, 14, 10, 8, 0, 18, 10]);

s('the middle box, best scored, suppresses both neighbours', () => {
  assert.equal(Array.from(nms(ROW, [0.5, 0.9, 0.6], { iouThreshold: 0.4 })), [1]);
});

s('the left box suppresses the middle one, which then cannot suppress the right one', () => {
  // greedy, not transitive: box 2 only overlaps the kept box 0 by 0.111 < 0.4
  assert.equal(Array.from(nms(ROW, [0.9, 0.8, 0.7], { iouThreshold: 0.4 })), [0, 2]);
});

s('a threshold above the overlap keeps all, by descending score', () => {
  assert.equal(Array.from(nms(ROW, [0.2, 0.9, 0.6], { iouThreshold: 0.45 })), [1, 2, 0]);
});

s('IoU exactly at the threshold suppresses (TensorFlow >=)', () => {
  // [0,0,3,1] and [1,0,4,1]: intersection 2, union 4, IoU 0.5
  const b = new Float32Array([0, 0, 3, 1, 1, 0, 4, 1]);
  assert.equal(Array.from(nms(b, [0.9, 0.8], { iouThreshold: 0.5 })), [0]);
  assert.equal(Array.from(nms(b, [0.9, 0.8], { iouThreshold: 0.5000001 })), [0, 1]);
});

s('equal scores: lower index first', () => {
  const b = new Float32Array([0, 0, 1, 1, 5, 5, 6, 6, 10, 10, 11, 11]);
  assert.equal(Array.from(nms(b, [0.5, 0.7, 0.5])), [1, 0, 2]);
  const same = new Float32Array([0, 0, 1, 1, 0, 0, 1, 1]);
  assert.equal(Array.from(nms(same, [0.5, 0.5])), [0]);
});

s('scoreThreshold is strict and maxOutput caps the result', () => {
  const b = new Float32Array([0, 0, 1, 1, 5, 5, 6, 6, 10, 10, 11, 11]);
  assert.equal(Array.from(nms(b, [0.3, 0.7, 0.5], { scoreThreshold: 0.3 })), [1, 2]);
  assert.equal(Array.from(nms(b, [0.3, 0.7, 0.5], { maxOutput: 2 })), [1, 2]);
  assert.equal(Array.from(nms(b, [0.3, 0.7, 0.5], { maxOutput: 0 })), []);
  assert.equal(Array.from(nms(new Float32Array(0), [])), []);
});

s('identical empty boxes have IoU 0, not NaN: both kept', () => {
  const b = new Float32Array([2, 2, 2, 2, 2, 2, 2, 2]);
  assert.equal(Array.from(nms(b, [0.9, 0.8], { iouThreshold: 0.01 })), [0, 1]);
});

// tfjs's greedy NMS (NonMaxSuppressionV3, cpu backend) on the same boxes.
function tfjsNms(boxes: Float32Array, scores: Float32Array, maxOutput: number, iou: number, scoreThr: number): number[] {
  return tf.tidy(() =>
    Array.from(
      tf.image
        .nonMaxSuppression(tf.tensor2d(toTfjsBoxes(boxes), [scores.length, 4]), tf.tensor1d(scores), maxOutput, iou, scoreThr)
        .dataSync(),
    ),
  );
}

s('selects exactly what tf.image.nonMaxSuppression selects on 10,000 random boxes', () => {
  // 10,000 boxes of 10-120 px in a 1000x1000 image. Unlimited output keeps
  // 5,764 boxes at IoU 0.5: O(N * kept) pair tests, about 0.5 s for ours and
  // 3 s for tfjs-backend-cpu here, so the other settings stop at 1,000.
  const { boxes, scores } = randomBoxes(10_000, 7);
  for (const [iou, scoreThr, maxOut] of [
    [0.5, -Infinity, 10_000],
    [0.3, 0.2, 1_000],
    [0.7, 0.5, 1_000],
  ] as const) {
    const ours = Array.from(nms(boxes, scores, { iouThreshold: iou, scoreThreshold: scoreThr, maxOutput: maxOut }));
    const ref = tfjsNms(boxes, scores, maxOut, iou, scoreThr);
    assert.ok(ref.length > 100, `reference kept ${ref.length}`);
    assert.equal(ours, ref, `iou ${iou}, score > ${scoreThr}, max ${maxOut}`);
  }
});

s('tfjs agreement holds for tied scores and heavy overlap', () => {
  // Quantised scores (20 levels) force many ties; large boxes force overlap.
  const { boxes, scores } = randomBoxes(2_000, 11, 300, 20, 150);
  for (let i = 0; i < scores.length; i++) scores[i] = Math.round(scores[i] * 20) / 20;
  assert.equal(Array.from(nms(boxes, scores, { iouThreshold: 0.45 })), tfjsNms(boxes, scores, 2_000, 0.45, -Infinity));
});

s('throws on malformed boxes, scores and options', () => {
  const b = new Float32Array([0, 0, 1, 1]);
  assertThrows(() => nms(new Float32Array(5), [1]), ShapeError, /^nms: boxes must be a flat \[N,4\] array .*got length 5$/);
  assertThrows(() => nms(new Float32Array([0, 0, -1, 1]), [1]), ShapeError, /x2 >= x1 and y2 >= y1, got \[0, 0, -1, 1\] at row 0/);
  assertThrows(() => nms(new Float32Array([0, NaN, 1, 1]), [1]), ShapeError, /finite xyxy boxes/);
  assertThrows(() => nms(b, [1, 2]), ShapeError, /^nms: scores must have length 1, got 2$/);
  assertThrows(() => nms(b, [NaN]), ConfigError, /^nms: scores must be finite, got NaN at index 0$/);
  assertThrows(() => nms(b, [1], { iouThreshold: 1.5 }), ConfigError, /^nms: iouThreshold must be in \[0, 1\], got 1.5$/);
  assertThrows(() => nms(b, [1], { maxOutput: -1 }), ConfigError, /^nms: maxOutput must be a non-negative integer, got -1$/);
  assertThrows(() => nms(b, [1], { maxOutput: 2.5 }), ConfigError, /maxOutput/);
  assertThrows(() => nms(b, [1], { scoreThreshold: NaN }), ConfigError, /scoreThreshold/);
});

s.run();
