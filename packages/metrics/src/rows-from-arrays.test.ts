import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { InputError } from '@mot/core';
import { motRowsFromArrays } from './index.js';
import { throwsWith } from './test-helpers.js';

const test = suite('motRowsFromArrays');

test('fills the columns, with score 1 and class -1 when absent', () => {
  const r = motRowsFromArrays([[1, 5, 1.5, 2, 3, 4], [2, 6, 0, 0, 1, 1, 0, 7]], 'mine');
  assert.is(r.length, 2);
  assert.is(r.source, 'mine');
  assert.equal(Array.from(r.frame), [1, 2]);
  assert.equal(Array.from(r.id), [5, 6]);
  assert.equal([r.x[0], r.y[0], r.w[0], r.h[0]], [1.5, 2, 3, 4]);
  assert.equal(Array.from(r.score), [1, 0]);
  assert.equal(Array.from(r.classId), [-1, 7]);
  assert.equal(Array.from(r.line!), [1, 2]);
});

test('throws naming the row', () => {
  throwsWith(() => motRowsFromArrays([[1, 1, 0, 0, 1, 1], [1, 2, 0, 0, 1]]), InputError, '<array>:2:', 'must have 6 to 10 numbers, got 5');
  throwsWith(() => motRowsFromArrays([[1, 1, 0, NaN, 1, 1]], 'x'), InputError, 'x:1:', 'value 4 must be a finite number, got NaN');
  throwsWith(() => motRowsFromArrays([[1, 1.5, 0, 0, 1, 1]]), InputError, 'frame and id must be integers, got 1, 1.5');
});

test.run();
