import { readFileSync } from 'node:fs';
import { createMatrix, matrixFromRows } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { linearSumAssignment } from './index.js';
import { shortestAugmentingPath } from './shortest-augmenting-path.js';
import { shortestAugmentingPathForbidden } from './shortest-augmenting-path-forbidden.js';

interface ScipyCase {
  kind: string;
  rows: number;
  cols: number;
  data: Array<number | null>;
  expectRows: number[];
  expectCols: number[];
}

// Reference pairs from scipy.optimize.linear_sum_assignment (version in the
// file's `source`), written by packages/hungarian/fixtures/make-scipy-lsa.py.
const fixture = JSON.parse(readFileSync(new URL('../fixtures/scipy-lsa.json', import.meta.url), 'utf8')) as {
  source: string;
  cases: ScipyCase[];
};

const pairs = (r: { rows: Int32Array; cols: Int32Array }) => [Array.from(r.rows), Array.from(r.cols)];

const parity = suite('linearSumAssignment (sap): SciPy tie-breaking');

parity('fixture: every case gives the same pairs as SciPy', () => {
  assert.ok(fixture.source.startsWith('scipy '), fixture.source);
  assert.ok(fixture.cases.length > 500);
  const kinds = new Set<string>();
  for (const [n, c] of fixture.cases.entries()) {
    kinds.add(c.kind);
    const m = createMatrix(c.rows, c.cols);
    c.data.forEach((x, k) => (m.data[k] = x === null ? Infinity : x));
    assert.equal(pairs(linearSumAssignment(m)), [c.expectRows, c.expectCols], `case ${n} (${c.kind}, ${c.rows}x${c.cols})`);
  }
  assert.equal([...kinds].sort(), ['float', 'gated-int', 'medium-int', 'small-int', 'zeros']);
});

parity('all-zero 3x3 gives the identity (hand-simulated)', () => {
  // Row 0 scans remaining = [2, 1, 0]: every path cost is 0; col 2 sets
  // lowest = 0, then cols 1 and 0 tie and are free, so the last one, col 0,
  // is taken. Row 1: col 2 sets lowest, col 1 ties and is free, col 0 ties
  // but is taken -> col 1. Row 2 -> col 2. (Scanning 0, 1, 2 instead would
  // give cols [2, 1, 0].)
  assert.equal(pairs(linearSumAssignment(createMatrix(3, 3))), [
    [0, 1, 2],
    [0, 1, 2],
  ]);
});

parity('all-zero 3x2 is solved transposed: pairs (0,0), (1,1) (hand-simulated)', () => {
  // Transposed to 2x3 zeros, which gives cols [0, 1] as above; back in the
  // original orientation that is row 0 -> col 0 and row 1 -> col 1.
  assert.equal(pairs(linearSumAssignment(createMatrix(3, 2))), [
    [0, 1],
    [0, 1],
  ]);
});

parity('[[0,0],[1,1]]: a free column wins a tie (hand-simulated)', () => {
  // Row 0 scans cols [1, 0], both at 0; col 0 ties and is free -> row 0 gets
  // col 0. Row 1: col 1 costs 1 + 0 - 0 - 0 = 1 and is free; col 0 ties at 1
  // but is taken, so col 1 stays the pick: cols [0, 1]. Taking the first
  // lowest instead would give cols [1, 0], also of total 1.
  assert.equal(
    pairs(
      linearSumAssignment(
        matrixFromRows([
          [0, 0],
          [1, 1],
        ]),
      ),
    ),
    [
      [0, 1],
      [0, 1],
    ],
  );
});

const cores = suite('shortestAugmentingPathForbidden');

cores('on finite matrices it gives exactly the finite-only core pairs', () => {
  // The forbidden-entry core must reduce to SciPy's algorithm when nothing is
  // forbidden; integer costs in [0, 3) make ties common.
  let seed = 11;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  for (let n = 0; n < 2000; n++) {
    const nr = 1 + Math.floor(rnd() * 12);
    const nc = nr + Math.floor(rnd() * 6);
    const cost = new Float64Array(nr * nc);
    const ints = n % 2 === 0;
    for (let k = 0; k < cost.length; k++) cost[k] = ints ? Math.floor(rnd() * 3) : rnd();
    const a = new Int32Array(nr);
    const b = new Int32Array(nr);
    assert.ok(shortestAugmentingPath(nr, nc, cost, a));
    assert.ok(shortestAugmentingPathForbidden(nr, nc, cost, b));
    assert.equal(Array.from(b), Array.from(a), `matrix ${n}: ${nr}x${nc} ${Array.from(cost).join(',')}`);
  }
});

cores('assigns every row, using a forbidden pair only where it must', () => {
  // Row 1 can only use col 0, so row 0 takes col 1 (cost 5, not 1), and row
  // 2, with nothing finite, gets the forbidden col 2.
  const cost = Float64Array.from([1, 5, 9, 2, Infinity, Infinity, Infinity, Infinity, Infinity]);
  const out = new Int32Array(3);
  assert.ok(shortestAugmentingPathForbidden(3, 3, cost, out));
  assert.equal(Array.from(out), [1, 0, 2]);
});

parity.run();
cores.run();
