import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { iou, iouMatrix } from './index.js';

const iouSuite = suite('iou');

iouSuite('half-overlapping unit squares: 1 / 3 (hand-computed)', () => {
  // intersection 0.5 x 1 = 0.5, union 1 + 1 - 0.5 = 1.5
  assert.equal(iou([0, 0, 1, 1], [0.5, 0, 1, 1]), 1 / 3);
});

iouSuite('disjoint and touching boxes give 0', () => {
  assert.is(iou([0, 0, 1, 1], [2, 2, 1, 1]), 0);
  assert.is(iou([0, 0, 1, 1], [1, 0, 1, 1]), 0);
});

iouSuite('contained box: area ratio', () => {
  assert.is(iou([0, 0, 4, 4], [1, 1, 2, 2]), 4 / 16);
});

iouSuite('degenerate zero-area boxes give 0, not NaN', () => {
  assert.is(iou([0, 0, 0, 0], [0, 0, 0, 0]), 0);
});

iouSuite.run();

const matrixSuite = suite('iouMatrix');

matrixSuite('rows are the first list, columns the second', () => {
  const m = iouMatrix(
    [
      [0, 0, 2, 2],
      [10, 10, 2, 2],
    ],
    [
      [1, 0, 2, 2],
      [10, 10, 2, 2],
      [50, 50, 1, 1],
    ],
  );
  assert.is(m.rows, 2);
  assert.is(m.cols, 3);
  // [0,0,2,2] vs [1,0,2,2]: intersection 1x2 = 2, union 4 + 4 - 2 = 6
  assert.equal(Array.from(m.data), [2 / 6, 0, 0, 0, 1, 0]);
});

matrixSuite('empty inputs give empty matrices with the right shape', () => {
  const m = iouMatrix([], [[0, 0, 1, 1]]);
  assert.is(m.rows, 0);
  assert.is(m.cols, 1);
  assert.is(m.data.length, 0);
});

matrixSuite.run();
