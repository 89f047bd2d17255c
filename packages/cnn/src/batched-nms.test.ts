import { ConfigError, ShapeError, iouXyxy } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { batchedNms } from './index.js';
import { assertThrows, bruteForceNms, randomBoxes, seededRandom } from './testing/c3-oracle.js';

const s = suite('batchedNms');

const TWICE = new Float32Array([0, 0, 10, 10, 0, 0, 10, 10, 1, 0, 11, 10]);

s('boxes of different classes never suppress each other', () => {
  // 0 and 1 are the same box (IoU 1); 2 overlaps 0 by 90/110 = 0.818
  assert.equal(Array.from(batchedNms(TWICE, [0.9, 0.8, 0.7], [0, 1, 0])), [0, 1]);
  assert.equal(Array.from(batchedNms(TWICE, [0.9, 0.8, 0.7], [0, 1, 2])), [0, 1, 2]);
  assert.equal(Array.from(batchedNms(TWICE, [0.9, 0.8, 0.7], [5, 5, 5])), [0]);
});

s('maxOutputPerClass caps each class, maxOutput the merged list', () => {
  const b = new Float32Array([0, 0, 1, 1, 5, 5, 6, 6, 10, 10, 11, 11, 20, 20, 21, 21]);
  const sc = [0.9, 0.8, 0.7, 0.6];
  assert.equal(Array.from(batchedNms(b, sc, [0, 0, 1, 1], { maxOutputPerClass: 1 })), [0, 2]);
  assert.equal(Array.from(batchedNms(b, sc, [0, 0, 1, 1], { maxOutput: 3 })), [0, 1, 2]);
});

s('equals per-class brute-force NMS merged by score on 3,000 random boxes', () => {
  const { boxes, scores } = randomBoxes(3_000, 5, 500);
  const rnd = seededRandom(99);
  const classes = Int32Array.from({ length: 3_000 }, () => Math.floor(rnd() * 6));
  const iou = (i: number, j: number) =>
    iouXyxy(boxes[4 * i], boxes[4 * i + 1], boxes[4 * i + 2], boxes[4 * i + 3], boxes[4 * j], boxes[4 * j + 1], boxes[4 * j + 2], boxes[4 * j + 3]);
  const ref: number[] = [];
  for (let c = 0; c < 6; c++) {
    const rows = [...classes.keys()].filter((i) => classes[i] === c);
    ref.push(...bruteForceNms(3_000, scores, iou, 0.5, rows));
  }
  ref.sort((a, b) => scores[b] - scores[a] || a - b);
  assert.ok(ref.length > 1_000, `reference kept ${ref.length}`);
  assert.equal(Array.from(batchedNms(boxes, scores, classes, { iouThreshold: 0.5 })), ref);
});

s('throws on bad classIds and options', () => {
  assertThrows(() => batchedNms(TWICE, [1, 1, 1], [0, 1]), ShapeError, /^batchedNms: classIds must have length 3, got 2$/);
  assertThrows(() => batchedNms(TWICE, [1, 1, 1], [0, 1, 0.5]), ConfigError, /^batchedNms: classIds must be integers, got 0.5 at index 2$/);
  assertThrows(() => batchedNms(TWICE, [1, 1, 1], [0, 1, 0], { maxOutputPerClass: -2 }), ConfigError, /maxOutputPerClass must be a non-negative integer/);
});

s.run();
