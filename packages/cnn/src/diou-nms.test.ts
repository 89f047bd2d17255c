import { ShapeError, diouXyxy } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { diouNms, nms } from './index.js';
import { assertThrows, bruteForceNms, randomBoxes } from './testing/c3-oracle.js';

const s = suite('diouNms');

// [0,0,10,10] and [2.5,0,12.5,10]: intersection 75, union 125, IoU 0.6.
// Centres 2.5 px apart: rho^2 = 6.25; enclosing 12.5 x 10: c^2 = 256.25.
// DIoU = 0.6 - 6.25/256.25 = 0.5756098.
const SHIFTED = new Float32Array([0, 0, 10, 10, 2.5, 0, 12.5, 10]);

s('keeps a box that greedy NMS would drop because its centre is away', () => {
  assert.equal(Array.from(diouNms(SHIFTED, [0.9, 0.8], { iouThreshold: 0.58 })), [0, 1]);
  assert.equal(Array.from(nms(SHIFTED, [0.9, 0.8], { iouThreshold: 0.58 })), [0]);
});

s('drops it once the threshold is below IoU - R_DIoU', () => {
  assert.equal(Array.from(diouNms(SHIFTED, [0.9, 0.8], { iouThreshold: 0.57 })), [0]);
});

s('concentric boxes: no distance penalty, behaves like greedy NMS', () => {
  // [0,0,10,10] and [1,1,9,9]: IoU 64/100 = 0.64, same centre
  const b = new Float32Array([0, 0, 10, 10, 1, 1, 9, 9]);
  assert.equal(Array.from(diouNms(b, [0.8, 0.9], { iouThreshold: 0.6 })), [1]);
  assert.equal(Array.from(diouNms(b, [0.8, 0.9], { iouThreshold: 0.65 })), [1, 0]);
});

s('equals a brute-force DIoU-NMS on 1,500 random boxes', () => {
  const { boxes, scores } = randomBoxes(1_500, 3, 400);
  const d = (i: number, j: number) =>
    diouXyxy(boxes[4 * i], boxes[4 * i + 1], boxes[4 * i + 2], boxes[4 * i + 3], boxes[4 * j], boxes[4 * j + 1], boxes[4 * j + 2], boxes[4 * j + 3]);
  const ref = bruteForceNms(1_500, scores, d, 0.4);
  assert.ok(ref.length > 200 && ref.length < 1_400, `reference kept ${ref.length}`);
  assert.equal(Array.from(diouNms(boxes, scores, { iouThreshold: 0.4 })), ref);
});

s('throws on malformed input', () => {
  assertThrows(() => diouNms(new Float32Array(3), []), ShapeError, /^diouNms: boxes must be a flat \[N,4\]/);
});

s.run();
