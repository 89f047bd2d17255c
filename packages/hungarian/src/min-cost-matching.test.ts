import { ConfigError, ShapeError, createMatrix, matrixFromRows } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { minCostMatching } from './index.js';

const mcm = suite('minCostMatching');

mcm('a pair above the gate is rejected and both sides reported unmatched', () => {
  // Clipped to [[0.1, 0.70001], [0.70001, 0.70001]]: (0,0)+(1,1) = 0.80001
  // beats (0,1)+(1,0) = 1.40002; (1,1) was 0.95 > 0.7, so it is rejected.
  const r = minCostMatching(
    matrixFromRows([
      [0.1, 0.9],
      [0.8, 0.95],
    ]),
    0.7,
  );
  assert.equal(r, { matches: [[0, 0]], unmatchedRows: [1], unmatchedCols: [1] });
});

mcm("clipping before solving changes the assignment, as in deep_sort", () => {
  // Unclipped, (0,1)+(1,0) = 0.6 + 0.5 = 1.1 beats (0,0)+(1,1) = 100.1 and
  // both pairs pass the gate. deep_sort clips 100 to 0.70001 first, so
  // (0,0)+(1,1) = 0.80001 wins, and (1,1) is then rejected.
  const r = minCostMatching(
    matrixFromRows([
      [0.1, 0.6],
      [0.5, 100],
    ]),
    0.7,
  );
  assert.equal(r, { matches: [[0, 0]], unmatchedRows: [1], unmatchedCols: [1] });
});

mcm('+Infinity entries are gated like any cost above maxCost', () => {
  const r = minCostMatching(
    matrixFromRows([
      [Infinity, 0.3],
      [0.2, Infinity],
    ]),
    0.5,
  );
  assert.equal(r, { matches: [[0, 1], [1, 0]], unmatchedRows: [], unmatchedCols: [] });
});

mcm('a cost equal to maxCost is accepted', () => {
  const r = minCostMatching(matrixFromRows([[0.7]]), 0.7);
  assert.equal(r.matches, [[0, 0]]);
});

mcm('rectangular: extra rows and columns are unmatched, in ascending order', () => {
  // Tracks 0..3 x detections 0..1: track 3 -> det 0 (0.1) and track 1 ->
  // det 1 (0.2) total 0.3, the minimum; tracks 0 and 2 are left.
  const tall = minCostMatching(
    matrixFromRows([
      [0.5, 0.6],
      [0.9, 0.2],
      [0.4, 0.5],
      [0.1, 0.9],
    ]),
    0.7,
  );
  assert.equal(tall, { matches: [[1, 1], [3, 0]], unmatchedRows: [0, 2], unmatchedCols: [] });
  // One track x three detections: det 2 (0.3) is the cheapest.
  const wide = minCostMatching(matrixFromRows([[0.8, 0.6, 0.3]]), 0.7);
  assert.equal(wide, { matches: [[0, 2]], unmatchedRows: [], unmatchedCols: [0, 1] });
});

mcm('empty matrices: everything on the non-empty side is unmatched', () => {
  assert.equal(minCostMatching(createMatrix(0, 3), 0.7), { matches: [], unmatchedRows: [], unmatchedCols: [0, 1, 2] });
  assert.equal(minCostMatching(createMatrix(2, 0), 0.7), { matches: [], unmatchedRows: [0, 1], unmatchedCols: [] });
});

mcm('the munkres solver gives the same matching on a tie-free matrix', () => {
  const m = matrixFromRows([
    [0.1, 0.6, 0.9],
    [0.5, 100, 0.3],
  ]);
  assert.equal(minCostMatching(m, 0.7, { solver: 'munkres' }), minCostMatching(m, 0.7));
  // (0,0)+(1,2) = 0.4 is the minimum; both pass the gate.
  assert.equal(minCostMatching(m, 0.7).matches, [[0, 0], [1, 2]]);
});

mcm('a gate so large that maxCost + 1e-5 rounds to maxCost still rejects costs above it', () => {
  // ulp(1e12) = 2^-13 = 1.2e-4 > 1e-5, so the clipped value equals maxCost;
  // the rejection test on the original entry (2e12 > 1e12) still applies.
  assert.is(1e12 + 1e-5, 1e12);
  assert.equal(minCostMatching(matrixFromRows([[2e12]]), 1e12), { matches: [], unmatchedRows: [0], unmatchedCols: [0] });
});

mcm('throws ConfigError when maxCost is not a finite number', () => {
  for (const bad of [NaN, Infinity, -Infinity, '0.7' as unknown as number]) {
    assert.throws(
      () => minCostMatching(createMatrix(1, 1), bad),
      (e: unknown) => e instanceof ConfigError && /^minCostMatching: maxCost must be a finite number, got /.test((e as Error).message),
    );
  }
});

mcm('throws ConfigError naming a NaN entry', () => {
  assert.throws(
    () => minCostMatching(matrixFromRows([[0.1, NaN]]), 0.7),
    (e: unknown) => e instanceof ConfigError && (e as Error).message === 'minCostMatching: cost[0][1] must be a finite number or +Infinity, got NaN',
  );
});

mcm('throws ShapeError on a malformed matrix', () => {
  assert.throws(
    () => minCostMatching({ rows: 2, cols: 2, data: new Float64Array(3) }, 0.7),
    (e: unknown) => e instanceof ShapeError && /^minCostMatching: cost\.data/.test((e as Error).message),
  );
});

mcm.run();
