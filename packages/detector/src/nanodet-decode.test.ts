import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError } from '@mot/core';
import { decodeNanoDet } from './nanodet-decode.js';
import type { NanoDetLevel } from './nanodet-levels.js';

const test = suite('decodeNanoDet');

// One level: grid 2 x 2, stride 8, input 16 px, 2 classes, regMax 1 (2 bins per side).
// Cell centres ((x + 0.5) 8, (y + 0.5) 8): c0 (4, 4), c1 (12, 4), c2 (4, 12), c3 (12, 12).
// Zero logits: softmax [0.5, 0.5], distance 0.5 bin = 4 px per side.
// Logits [-100, 100]: softmax [~0, ~1], distance 1 bin = 8 px.
const W = [-100, 100];
const Z = [0, 0];
const level: NanoDetLevel = {
  stride: 8,
  grid: 2,
  regMax: 1,
  scores: Float32Array.from([0.9, 0.1, 0.8, 0.7, 0.2, 0.05, 0.1, 0.6]),
  distributions: Float32Array.from([
    ...Z, ...Z, ...W, ...Z, // c0: right 8 px -> [0, 0, 12, 8]
    ...W, ...Z, ...Z, ...Z, // c1: left 8 px -> [4, 0, 16, 8]
    ...Z, ...Z, ...Z, ...Z, // c2: [0, 8, 8, 16]
    ...Z, ...Z, ...Z, ...W, // c3: bottom 8 px -> [8, 8, 16, 20] clamped to 16
  ]),
};
const opts = { inputSize: 16, classes: 'all' as const, scoreThreshold: 0.3 };

function rows(d: ReturnType<typeof decodeNanoDet>): Array<[number, number, number[]]> {
  return Array.from(d.scores, (s, k) => [Math.round(s * 100) / 100, d.classIds[k], Array.from(d.boxes.subarray(4 * k, 4 * k + 4), (v) => Math.round(v * 1e4) / 1e4)]);
}

test('decodes GFL boxes and keeps one candidate per (cell, class) over the threshold', () => {
  // c2's best score 0.2 < 0.3: no candidate. c1 gives two (0.8 class 0, 0.7 class 1).
  // IoU(c0, c1) = 8*8 / (96 + 96 - 64) = 0.5 < 0.6: both kept.
  assert.equal(rows(decodeNanoDet([level], opts)), [
    [0.9, 0, [0, 0, 12, 8]],
    [0.8, 0, [4, 0, 16, 8]],
    [0.7, 1, [4, 0, 16, 8]],
    [0.6, 1, [8, 8, 16, 16]],
  ]);
});

test('NMS is class-aware: IoU 0.5 >= threshold 0.5 suppresses only the same class', () => {
  assert.equal(rows(decodeNanoDet([level], { ...opts, iouThreshold: 0.5 })).map((r) => [r[0], r[1]]), [
    [0.9, 0],
    [0.7, 1],
    [0.6, 1],
  ]);
});

test('class filter, topK per level and maxDetections', () => {
  assert.equal(rows(decodeNanoDet([level], { ...opts, classes: [1] })).map((r) => r[0]), [0.7, 0.6]);
  // Default classes: person (0) only.
  assert.equal(Array.from(decodeNanoDet([level], { inputSize: 16, scoreThreshold: 0.3 }).classIds), [0, 0]);
  // topK 1: the cell with the best score (c0, 0.9) alone.
  assert.equal(rows(decodeNanoDet([level], { ...opts, topK: 1 })).map((r) => r[0]), [0.9]);
  assert.equal(rows(decodeNanoDet([level], { ...opts, maxDetections: 2 })).map((r) => r[0]), [0.9, 0.8]);
  assert.is(decodeNanoDet([level], { ...opts, scoreThreshold: 0.95 }).scores.length, 0);
});

test('rejects out-of-range options', () => {
  const bad = (o: object, re: RegExp) =>
    assert.throws(() => decodeNanoDet([level], { ...opts, ...o }), (e: unknown) => e instanceof ConfigError && re.test((e as Error).message));
  bad({ scoreThreshold: 1.5 }, /decodeNanoDet: scoreThreshold must be in \[0, 1\], got 1.5/);
  bad({ iouThreshold: -1 }, /iouThreshold must be in \[0, 1\], got -1/);
  bad({ topK: 0 }, /topK must be a positive integer, got 0/);
  bad({ maxDetections: 1.5 }, /maxDetections must be a positive integer, got 1.5/);
  bad({ classes: [2] }, /classes must be integers in \[0, 2\), got 2/);
  bad({ classes: [] }, /classes must be 'all' or a non-empty array/);
  bad({ inputSize: 0 }, /inputSize must be a positive integer, got 0/);
});

test.run();
