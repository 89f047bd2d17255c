import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { iouXyxyInclusive } from './index.js';

const inclusive = suite('iouXyxyInclusive');

inclusive('counts x2 - x1 + 1 pixels (hand-computed)', () => {
  // 10 x 10 px each; overlap columns 5..9 = 5 px wide, 10 high: 50 / (100 + 100 - 50)
  assert.is(iouXyxyInclusive(0, 0, 9, 9, 5, 0, 14, 9), 1 / 3);
  // sharing one column of pixels: 10 / (200 - 10)
  assert.is(iouXyxyInclusive(0, 0, 9, 9, 9, 0, 18, 9), 10 / 190);
  // identical boxes
  assert.is(iouXyxyInclusive(2, 3, 7, 8, 2, 3, 7, 8), 1);
});

inclusive('0 when there is no common pixel', () => {
  assert.is(iouXyxyInclusive(0, 0, 9, 9, 10, 0, 19, 9), 0);
  assert.is(iouXyxyInclusive(0, 0, 9, 9, 0, 20, 9, 29), 0);
});

inclusive.run();
