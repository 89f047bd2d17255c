import { ConfigError, type Tlwh } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { iouCostMatrix } from './index.js';

const ioc = suite('iouCostMatrix');

ioc('1 - IoU, rows = tracks, cols = detections (hand-computed)', () => {
  const c = iouCostMatrix(
    [
      [0, 0, 2, 2],
      [10, 10, 4, 2],
    ],
    [
      [1, 0, 2, 2],
      [0, 0, 2, 2],
      [11, 10, 2, 2],
    ],
  );
  assert.is(c.rows, 2);
  assert.is(c.cols, 3);
  // (0,0): overlap 1 x 2 = 2, union 4 + 4 - 2 = 6 -> 1 - 2/6.
  // (0,1): identical -> 0. (0,2), (1,0), (1,1): disjoint -> 1.
  // (1,2): [11,13]x[10,12] inside [10,14]x[10,12]: 4 / 8 -> 0.5.
  assert.equal(Array.from(c.data), [1 - 2 / 6, 0, 1, 1, 1, 0.5]);
});

ioc('empty lists give empty matrices of the right shape', () => {
  const a = iouCostMatrix([], [[0, 0, 1, 1]]);
  assert.equal([a.rows, a.cols, a.data.length], [0, 1, 0]);
  const b = iouCostMatrix([[0, 0, 1, 1]], []);
  assert.equal([b.rows, b.cols, b.data.length], [1, 0, 0]);
});

ioc('throws ConfigError naming a malformed box', () => {
  const cases: Array<[unknown, unknown, RegExp]> = [
    [[[0, 0, -1, 1]], [], /^iouCostMatrix: tracks\[0\] must be a tlwh box .* got \[0, 0, -1, 1\]$/],
    [[], [[0, 0, 1, 1], [0, NaN, 1, 1]], /^iouCostMatrix: detections\[1\] .* got \[0, NaN, 1, 1\]$/],
    [[[0, 0, 1]], [], /^iouCostMatrix: tracks\[0\] .* got \[0, 0, 1\]$/],
    [[null], [], /tracks\[0\] .* got null$/],
    ['boxes', [], /^iouCostMatrix: tracks must be an array of tlwh boxes, got string$/],
  ];
  for (const [t, d, re] of cases) {
    assert.throws(
      () => iouCostMatrix(t as Tlwh[], d as Tlwh[]),
      (e: unknown) => e instanceof ConfigError && re.test((e as Error).message),
      String(re),
    );
  }
});

ioc.run();
