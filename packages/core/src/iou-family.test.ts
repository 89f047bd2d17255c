import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ciou, ciouXyxy, diou, diouPenaltyXyxy, giou, iou, iouXyxy, xyxyToTlwh } from './index.js';
import type { Xyxy } from './index.js';

const close = (actual: number, expected: number, tol = 1e-12) =>
  assert.ok(Math.abs(actual - expected) <= tol, `expected ${expected}, got ${actual}`);

const iouSuite = suite('iouXyxy');

iouSuite('half-overlapping 2x2 boxes: 1/3 (hand-computed)', () => {
  // [0,0,2,2] vs [1,0,3,2]: intersection 1 x 2 = 2, union 4 + 4 - 2 = 6
  assert.is(iouXyxy(0, 0, 2, 2, 1, 0, 3, 2), 2 / 6);
});

iouSuite('agrees with the tlwh iou of core on the same boxes', () => {
  const a: Xyxy = [0.5, 1.25, 4, 3];
  const b: Xyxy = [1, 0, 5.5, 2.5];
  // intersection (4 - 1) x (2.5 - 1.25) = 3.75, union 3.5*1.75 + 4.5*2.5 - 3.75 = 13.625
  close(iouXyxy(...a, ...b), 3.75 / 13.625);
  close(iou(xyxyToTlwh(a), xyxyToTlwh(b)), 3.75 / 13.625);
});

iouSuite('touching, disjoint and empty boxes give 0', () => {
  assert.is(iouXyxy(0, 0, 1, 1, 1, 0, 2, 1), 0);
  assert.is(iouXyxy(0, 0, 1, 1, 5, 5, 6, 6), 0);
  assert.is(iouXyxy(0, 0, 0, 0, 0, 0, 0, 0), 0);
});

iouSuite.run();

const giouSuite = suite('giou');

giouSuite('disjoint boxes: -(C - U)/C (hand-computed)', () => {
  // [0,0,1,1] and [2,0,3,1]: IoU 0, enclosing [0,0,3,1] area 3, union 2 -> -1/3
  close(giou([0, 0, 1, 1], [2, 0, 3, 1]), -1 / 3);
});

giouSuite('diagonal overlap: 1/7 - 2/9 = -5/63', () => {
  // [0,0,2,2] and [1,1,3,3]: intersection 1, union 7, enclosing 3x3 = 9, (9 - 7)/9 = 2/9
  close(giou([0, 0, 2, 2], [1, 1, 3, 3]), -5 / 63);
});

giouSuite('equals IoU when the enclosing box is the union', () => {
  // [0,0,2,2] and [1,0,3,2]: enclosing 3x2 = 6 = union, so GIoU = IoU = 1/3
  close(giou([0, 0, 2, 2], [1, 0, 3, 2]), 1 / 3);
});

giouSuite('tends to -1 for far-apart boxes and is 1 for identical ones', () => {
  // IoU 0, union 2, enclosing 1 x 1001 -> -(1001 - 2)/1001
  close(giou([0, 0, 1, 1], [1000, 0, 1001, 1]), -999 / 1001);
  assert.is(giou([3, 4, 8, 9], [3, 4, 8, 9]), 1);
  assert.is(giou([1, 1, 1, 1], [1, 1, 1, 1]), 0);
});

giouSuite.run();

const diouSuite = suite('diou');

diouSuite('side-by-side overlap: 1/3 - 1/13 (hand-computed)', () => {
  // centres (1,1) and (2,1): rho^2 = 1; enclosing [0,0,3,2]: c^2 = 9 + 4 = 13
  close(diou([0, 0, 2, 2], [1, 0, 3, 2]), 1 / 3 - 1 / 13);
  close(diouPenaltyXyxy(0, 0, 2, 2, 1, 0, 3, 2), 1 / 13);
});

diouSuite('diagonal overlap: 1/7 - 2/18', () => {
  // centres (1,1) and (2,2): rho^2 = 2; enclosing 3x3: c^2 = 18
  close(diou([0, 0, 2, 2], [1, 1, 3, 3]), 1 / 7 - 1 / 9);
});

diouSuite('same centre: DIoU equals IoU; identical boxes give 1; symmetric', () => {
  // [0,0,4,4] contains [1,1,3,3], both centred at (2,2): IoU 4/16
  close(diou([0, 0, 4, 4], [1, 1, 3, 3]), 0.25);
  assert.is(diou([1, 2, 3, 4], [1, 2, 3, 4]), 1);
  close(diou([0, 0, 2, 2], [1, 1, 3, 3]), diou([1, 1, 3, 3], [0, 0, 2, 2]));
  assert.is(diouPenaltyXyxy(2, 2, 2, 2, 2, 2, 2, 2), 0);
});

diouSuite.run();

const ciouSuite = suite('ciou');

ciouSuite('square vs 2:1 box sharing a corner (hand-computed terms)', () => {
  // a = [0,0,2,2] (w/h 1), b = [0,0,4,2] (w/h 2): intersection 4, union 4 + 8 - 4 = 8, IoU 0.5
  // centres (1,1), (2,1): rho^2 = 1; enclosing = b: c^2 = 16 + 4 = 20 -> penalty 0.05
  // v = 4/pi^2 (atan 2 - atan 1)^2 = 0.4052847346 * 0.1035234193 = 0.0419564615
  // alpha = v / (0.5 + v) = 0.0774166644; alpha * v = 0.0032481293; CIoU = 0.45 - 0.0032481293
  const v = (4 / Math.PI ** 2) * (Math.atan(2) - Math.PI / 4) ** 2;
  close(v, 0.0419564615, 1e-10);
  const alpha = v / (0.5 + v);
  close(ciou([0, 0, 2, 2], [0, 0, 4, 2]), 0.5 - 0.05 - alpha * v);
  close(ciou([0, 0, 2, 2], [0, 0, 4, 2]), 0.4467518707, 1e-10);
});

ciouSuite('same aspect ratio: CIoU equals DIoU; identical boxes give 1', () => {
  close(ciou([0, 0, 2, 2], [1, 1, 3, 3]), diou([0, 0, 2, 2], [1, 1, 3, 3]));
  assert.is(ciou([0, 0, 2, 2], [0, 0, 2, 2]), 1);
  assert.is(ciouXyxy(5, 5, 5, 5, 5, 5, 5, 5), 0);
});

ciouSuite('is symmetric in its two boxes', () => {
  close(ciou([0, 0, 3, 1], [1, 0, 2, 4]), ciou([1, 0, 2, 4], [0, 0, 3, 1]));
});

ciouSuite.run();
