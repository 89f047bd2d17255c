import { ConfigError, ShapeError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ciouLoss, diouLoss, giouLoss, iouLoss } from './index.js';
import { assertClose, assertThrows } from './testing/c3-oracle.js';

// Three (pred, target) pairs, xyxy:
// 1. [0,0,2,2] vs [1,0,3,2]: intersection 2, union 6, IoU 1/3; enclosing 3x2 = 6 = union -> GIoU 1/3;
//    centres (1,1), (2,1): rho^2 1, c^2 = 9 + 4 = 13 -> DIoU 1/3 - 1/13 = 10/39; same aspect -> CIoU = DIoU
// 2. [0,0,2,2] vs [0,0,4,2]: intersection 4, union 8, IoU 1/2; enclosing = target, area 8 -> GIoU 1/2;
//    centres (1,1), (2,1): rho^2 1, c^2 16 + 4 = 20 -> penalty 0.05;
//    v = 4/pi^2 (atan 2 - atan 1)^2 = 0.0419564615, alpha = v / (0.5 + v) = 0.0774166644, alpha v = 0.0032481293
// 3. [0,0,1,1] vs [2,0,3,1]: disjoint, IoU 0; enclosing 3x1 = 3, union 2 -> GIoU -1/3;
//    centres (0.5,0.5), (2.5,0.5): rho^2 4, c^2 9 + 1 = 10 -> DIoU -0.4; same aspect -> CIoU = DIoU
const PRED = new Float32Array([0, 0, 2, 2, 0, 0, 2, 2, 0, 0, 1, 1]);
const TARGET = new Float32Array([1, 0, 3, 2, 0, 0, 4, 2, 2, 0, 3, 1]);

const iou = suite('iouLoss');
iou('1 - IoU per pair (hand-computed), mean and sum', () => {
  assertClose(iouLoss(PRED, TARGET, { reduction: 'none' }), [2 / 3, 0.5, 1], 1e-7);
  assertClose(iouLoss(PRED, TARGET), (2 / 3 + 0.5 + 1) / 3, 1e-7);
  assertClose(iouLoss(PRED, TARGET, { reduction: 'sum' }), 2 / 3 + 0.5 + 1, 1e-6);
});
iou('zero boxes: mean 0, sum 0, empty per-element array', () => {
  assert.is(iouLoss(new Float32Array(0), new Float32Array(0)), 0);
  assert.is(iouLoss(new Float32Array(0), new Float32Array(0), { reduction: 'sum' }), 0);
  assert.is(iouLoss(new Float32Array(0), new Float32Array(0), { reduction: 'none' }).length, 0);
});
iou('throws on mismatched or malformed boxes and an unknown reduction', () => {
  assertThrows(() => iouLoss(PRED, TARGET.subarray(0, 8)), ShapeError, /^iouLoss: target must have the length of pred \(12\), got 8$/);
  assertThrows(() => iouLoss(new Float32Array([1, 0, 0, 1]), new Float32Array([0, 0, 1, 1])), ShapeError, /^iouLoss: pred must hold finite xyxy/);
  assertThrows(() => iouLoss(PRED, TARGET, { reduction: 'avg' as 'mean' }), ConfigError, /^iouLoss: reduction must be 'mean', 'sum' or 'none', got avg$/);
});
iou.run();

const g = suite('giouLoss');
g('1 - GIoU per pair (hand-computed): 2/3, 1/2, 4/3', () => {
  assertClose(giouLoss(PRED, TARGET, { reduction: 'none' }), [2 / 3, 0.5, 4 / 3], 1e-7);
  assertClose(giouLoss(PRED, TARGET, { reduction: 'sum' }), 2 / 3 + 0.5 + 4 / 3, 1e-6);
});
g('throws on malformed target', () => {
  assertThrows(() => giouLoss(PRED, new Float32Array(5)), ShapeError, /^giouLoss: target must be a flat \[N,4\]/);
});
g.run();

const d = suite('diouLoss');
d('1 - IoU + rho^2/c^2 per pair (hand-computed): 29/39, 0.55, 1.4', () => {
  assertClose(diouLoss(PRED, TARGET, { reduction: 'none' }), [29 / 39, 0.55, 1.4], 1e-7);
});
d('throws on mismatched lengths', () => {
  assertThrows(() => diouLoss(PRED, new Float32Array(4)), ShapeError, /diouLoss: target must have the length of pred/);
});
d.run();

const c = suite('ciouLoss');
c('adds alpha v only for the pair with different aspect ratios', () => {
  assertClose(ciouLoss(PRED, TARGET, { reduction: 'none' }), [29 / 39, 0.55 + 0.0032481293, 1.4], 1e-7);
  assertClose(ciouLoss(PRED, TARGET), (29 / 39 + 0.5532481293 + 1.4) / 3, 1e-7);
});
c('is 0 for a perfect prediction', () => {
  assert.is(ciouLoss(new Float32Array([1, 2, 5, 9]), new Float32Array([1, 2, 5, 9])), 0);
});
c('throws on malformed pred', () => {
  assertThrows(() => ciouLoss(new Float32Array([0, 0, 1, NaN]), new Float32Array(4)), ShapeError, /ciouLoss: pred/);
});
c.run();
