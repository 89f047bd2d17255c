import { ConfigError, matrixFromRows } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { lapjvExtended } from './index.js';

const lap = suite('lapjvExtended');

lap('a pair above the cost limit is never taken', () => {
  assert.equal(Array.from(lapjvExtended(matrixFromRows([[0.5]]), 0.4).rowToCol), [-1]);
  assert.equal(Array.from(lapjvExtended(matrixFromRows([[0.5]]), 0.6).rowToCol), [0]);
});

lap('leaving a row and a column unmatched costs the limit (hand-computed)', () => {
  const cost = matrixFromRows([
    [0.1, 0.3],
    [0.2, 0.8],
  ]);
  // both matched: (0,1) + (1,0) = 0.5; only (0,0): 0.1 + limit
  // limit 0.5: 0.5 < 0.6, both matched
  let r = lapjvExtended(cost, 0.5);
  assert.equal(Array.from(r.rowToCol), [1, 0]);
  assert.equal(Array.from(r.colToRow), [1, 0]);
  // limit 0.35: 0.1 + 0.35 = 0.45 < 0.5, so row 1 and column 1 stay unmatched
  r = lapjvExtended(cost, 0.35);
  assert.equal(Array.from(r.rowToCol), [0, -1]);
  assert.equal(Array.from(r.colToRow), [0, -1]);
});

lap('without a limit the shorter side is matched in full', () => {
  const r = lapjvExtended(matrixFromRows([[3, 1, 2]]));
  assert.equal(Array.from(r.rowToCol), [1]);
  assert.equal(Array.from(r.colToRow), [-1, 0, -1]);
  // negative costs (OC-SORT's -IoU) against zero padding
  const t = lapjvExtended(matrixFromRows([[-0.9], [-0.5]]));
  assert.equal(Array.from(t.rowToCol), [0, -1]);
});

lap('empty matrices: everything unmatched', () => {
  const r = lapjvExtended({ rows: 2, cols: 0, data: new Float64Array(0) }, 0.5);
  assert.equal(Array.from(r.rowToCol), [-1, -1]);
  assert.equal(Array.from(r.colToRow), []);
});

lap('bad input is rejected', () => {
  assert.throws(() => lapjvExtended(matrixFromRows([[Number.NaN]]), 1), (e: unknown) => e instanceof ConfigError && /cost\[0\]\[0\] must be a finite number or \+Infinity, got NaN/.test((e as Error).message));
  assert.throws(() => lapjvExtended(matrixFromRows([[1]]), Number.NaN), /costLimit must be a number, got NaN/);
  // Checked while copying into the padded matrix: the message names the caller's entry.
  assert.throws(
    () => lapjvExtended(matrixFromRows([[0.1, 0.2, 0.3], [0.4, 0.5, -Infinity]]), 1),
    (e: unknown) => e instanceof ConfigError && (e as Error).message === 'lapjvExtended: cost[1][2] must be a finite number or +Infinity, got -Infinity',
  );
});

lap.run();
