import { ConfigError, ShapeError, createMatrix, matrixFromRows, type Matrix, seededRandom } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { linearSumAssignment, type AssignmentResult, type SolverName } from './index.js';


/**
 * Independent reference: tries every injection of the short side into the
 * long side, each short-side index also allowed to stay unassigned, over
 * finite entries only; keeps the largest cardinality, then the lowest cost.
 */
function bruteForce(m: Matrix): { size: number; total: number } {
  const flip = m.rows > m.cols;
  const n = flip ? m.cols : m.rows;
  const k = flip ? m.rows : m.cols;
  const at = (a: number, b: number) => (flip ? m.data[b * m.cols + a] : m.data[a * m.cols + b]);
  let bestSize = 0;
  let bestTotal = 0;
  const used = new Uint8Array(k);
  const visit = (a: number, size: number, total: number) => {
    if (a === n) {
      if (size > bestSize || (size === bestSize && total < bestTotal)) {
        bestSize = size;
        bestTotal = total;
      }
      return;
    }
    // Even assigning every remaining index cannot beat the best size: prune.
    if (size + (n - a) < bestSize) return;
    visit(a + 1, size, total);
    for (let b = 0; b < k; b++) {
      const c = at(a, b);
      if (used[b] === 1 || c === Infinity) continue;
      used[b] = 1;
      visit(a + 1, size + 1, total + c);
      used[b] = 0;
    }
  };
  visit(0, 0, 0);
  return { size: bestSize, total: bestTotal };
}

/** Checks the pairs form a valid assignment over finite entries; returns its cost. */
function checkedTotal(m: Matrix, r: AssignmentResult, label: string): number {
  assert.is(r.rows.length, r.cols.length, `${label}: rows and cols lengths`);
  const colSeen = new Uint8Array(m.cols);
  let total = 0;
  for (let k = 0; k < r.rows.length; k++) {
    const i = r.rows[k];
    const j = r.cols[k];
    assert.ok(i >= 0 && i < m.rows && j >= 0 && j < m.cols, `${label}: pair ${k} (${i}, ${j}) out of range`);
    if (k > 0) assert.ok(r.rows[k - 1] < i, `${label}: rows must be strictly ascending`);
    assert.is(colSeen[j], 0, `${label}: column ${j} used twice`);
    colSeen[j] = 1;
    const c = m.data[i * m.cols + j];
    assert.ok(Number.isFinite(c), `${label}: pair (${i}, ${j}) uses forbidden entry ${c}`);
    total += c;
  }
  return total;
}

const totalOf = (m: Matrix, r: AssignmentResult) => {
  let t = 0;
  for (let k = 0; k < r.rows.length; k++) t += m.data[r.rows[k] * m.cols + r.cols[k]];
  return t;
};

const lsa = suite('linearSumAssignment');

lsa("SciPy's documentation example: rows [0, 1, 2], cols [1, 0, 2], total 5", () => {
  // scipy.optimize.linear_sum_assignment docs: cost [[4,1,3],[2,0,5],[3,2,2]],
  // col_ind = [1, 0, 2], cost[row_ind, col_ind].sum() = 1 + 2 + 2 = 5.
  const m = matrixFromRows([
    [4, 1, 3],
    [2, 0, 5],
    [3, 2, 2],
  ]);
  for (const solver of ['sap', 'munkres'] as SolverName[]) {
    const r = linearSumAssignment(m, { solver });
    assert.equal(Array.from(r.rows), [0, 1, 2], solver);
    assert.equal(Array.from(r.cols), [1, 0, 2], solver);
    assert.is(totalOf(m, r), 5, solver);
  }
});

lsa('wide and tall matrices assign min(rows, cols) pairs, sorted by row', () => {
  // Wide: row 0 -> col 2 (1), row 1 -> col 0 (1): total 2, the only way to
  // avoid every 5.
  const wide = matrixFromRows([
    [5, 5, 1],
    [1, 5, 5],
  ]);
  const w = linearSumAssignment(wide);
  assert.equal([Array.from(w.rows), Array.from(w.cols)], [
    [0, 1],
    [2, 0],
  ]);
  // Tall (the transpose): rows 0 and 2 are used, listed in row order.
  const tall = matrixFromRows([
    [5, 1],
    [5, 5],
    [1, 5],
  ]);
  const t = linearSumAssignment(tall);
  assert.equal([Array.from(t.rows), Array.from(t.cols)], [
    [0, 2],
    [1, 0],
  ]);
});

lsa('empty shapes give no pairs: 0x0, 0x3, 3x0', () => {
  for (const [r, c] of [
    [0, 0],
    [0, 3],
    [3, 0],
  ]) {
    for (const solver of ['sap', 'munkres'] as SolverName[]) {
      const out = linearSumAssignment(createMatrix(r, c), { solver });
      assert.is(out.rows.length, 0);
      assert.is(out.cols.length, 0);
    }
  }
});

lsa('forbidden entries: the cheaper row wins when only one can be assigned', () => {
  // Rows 0 and 1 may only use column 0 (costs 10 and 1). Any row-order greedy
  // that skips a row without a path would keep (0, 0) at 10; the minimum is
  // (1, 0) at 1.
  const m = matrixFromRows([
    [10, Infinity, Infinity],
    [1, Infinity, Infinity],
  ]);
  for (const solver of ['sap', 'munkres'] as SolverName[]) {
    const r = linearSumAssignment(m, { solver });
    assert.equal([Array.from(r.rows), Array.from(r.cols)], [[1], [0]], solver);
  }
});

lsa('forbidden entries: cardinality comes before cost', () => {
  // (0,0) + nothing = 0 with one pair, versus (0,1) + (1,0) = 100 + 100 with
  // two: the two-pair assignment is required.
  const m = matrixFromRows([
    [0, 100],
    [100, Infinity],
  ]);
  for (const solver of ['sap', 'munkres'] as SolverName[]) {
    const r = linearSumAssignment(m, { solver });
    assert.equal([Array.from(r.rows), Array.from(r.cols)], [
      [0, 1],
      [1, 0],
    ], solver);
  }
});

lsa('an all-forbidden matrix gives no pairs', () => {
  for (const solver of ['sap', 'munkres'] as SolverName[]) {
    assert.is(linearSumAssignment(createMatrix(3, 2, Infinity), { solver }).rows.length, 0);
  }
});

lsa('huge finite costs: both solvers still find the optimum', () => {
  // (0,1) + (1,0) = 2e300 beats (0,0) + (1,1) = 3e300. munkres-js alone would
  // treat anything above its MAX_SIZE (2^52) as "nothing found"; the wrapper
  // rescales such costs to [0, 1] first.
  const m = matrixFromRows([
    [0, 1e300],
    [1e300, 3e300],
  ]);
  for (const solver of ['sap', 'munkres'] as SolverName[]) {
    assert.equal(Array.from(linearSumAssignment(m, { solver }).cols), [1, 0], solver);
  }
});

lsa('the input matrix is not modified', () => {
  const m = matrixFromRows([
    [1, Infinity, 3],
    [4, 5, -6],
  ]);
  const before = Array.from(m.data);
  linearSumAssignment(m);
  linearSumAssignment(m, { solver: 'munkres' });
  assert.equal(Array.from(m.data), before);
});

lsa('10,000 random matrices: sap and munkres match a brute-force solver in size and cost', () => {
  const rnd = seededRandom(7);
  const int = (k: number) => Math.floor(rnd() * k);
  let withGaps = 0;
  const shapes = { '0xN': 0, 'Nx0': 0, '1xN': 0, 'Nx1': 0, wide: 0, tall: 0, square: 0 };
  for (let n = 0; n < 10000; n++) {
    // Shapes 0..7 x 0..7; one in four is 0xN, Nx0, 1xN or Nx1 on purpose.
    const special = int(4) === 0;
    const thinRows = int(2) === 0;
    const r = special && thinRows ? int(2) : int(8);
    const c = special && !thinRows ? int(2) : int(8);
    if (r === 0 && c > 1) shapes['0xN']++;
    if (c === 0 && r > 1) shapes['Nx0']++;
    if (r === 1 && c > 1) shapes['1xN']++;
    if (c === 1 && r > 1) shapes['Nx1']++;
    if (r > 1 && c > r) shapes.wide++;
    if (c > 1 && r > c) shapes.tall++;
    if (r > 1 && r === c) shapes.square++;
    const m = createMatrix(r, c);
    const kind = int(4);
    for (let k = 0; k < r * c; k++) {
      if (kind === 0) m.data[k] = rnd(); // distinct floats
      else if (kind === 1) m.data[k] = int(3); // many ties
      else if (kind === 2) m.data[k] = int(11) - 5; // negative costs too
      else m.data[k] = int(2) * 1e6 + int(3); // widely spread
    }
    const gate = [0, 0, 0.3, 0.6][int(4)];
    for (let k = 0; k < r * c; k++) if (rnd() < gate) m.data[k] = Infinity;
    // Whole forbidden rows and columns force cardinality below min(r, c).
    if (r > 0 && c > 0 && int(4) === 0) {
      const i = int(r);
      for (let j = 0; j < c; j++) m.data[i * c + j] = Infinity;
    }
    if (r > 0 && c > 0 && int(4) === 0) {
      const j = int(c);
      for (let i = 0; i < r; i++) m.data[i * c + j] = Infinity;
    }

    const ref = bruteForce(m);
    if (ref.size < Math.min(r, c)) withGaps++;
    for (const solver of ['sap', 'munkres'] as SolverName[]) {
      const label = `matrix ${n} (${r}x${c}, ${solver}): ${JSON.stringify(Array.from(m.data))}`;
      const out = linearSumAssignment(m, { solver });
      const total = checkedTotal(m, out, label);
      assert.is(out.rows.length, ref.size, `${label}: cardinality`);
      if (kind === 0) assert.ok(Math.abs(total - ref.total) < 1e-9, `${label}: total ${total} vs ${ref.total}`);
      else assert.is(total, ref.total, `${label}: total`);
    }
  }
  // The generator must really produce each kind of case.
  assert.ok(withGaps > 1000, `only ${withGaps} matrices had cardinality < min(rows, cols)`);
  for (const [shape, count] of Object.entries(shapes)) assert.ok(count > 100, `only ${count} ${shape} matrices`);
});

lsa('throws ShapeError when data length is not rows * cols', () => {
  const bad = { rows: 2, cols: 3, data: new Float64Array(5) };
  assert.throws(() => linearSumAssignment(bad), (e: unknown) => e instanceof ShapeError && /cost\.data must have rows \* cols = 6 values, got 5/.test((e as Error).message));
});

lsa('throws ShapeError when rows or cols is not a non-negative integer', () => {
  const bad = { rows: -1, cols: 2, data: new Float64Array(0) };
  assert.throws(() => linearSumAssignment(bad), (e: unknown) => e instanceof ShapeError && /got -1 x 2/.test((e as Error).message));
  assert.throws(() => linearSumAssignment(null as unknown as Matrix), (e: unknown) => e instanceof ShapeError && /got null/.test((e as Error).message));
});

lsa('throws ConfigError naming the position of a NaN entry', () => {
  const m = matrixFromRows([
    [1, 2, 3],
    [4, 5, NaN],
  ]);
  assert.throws(() => linearSumAssignment(m), (e: unknown) => e instanceof ConfigError && (e as Error).message === 'linearSumAssignment: cost[1][2] must be a finite number or +Infinity, got NaN');
});

lsa('throws ConfigError naming the position of a -Infinity entry', () => {
  const m = matrixFromRows([
    [1, -Infinity],
    [3, 4],
  ]);
  assert.throws(() => linearSumAssignment(m, { solver: 'munkres' }), (e: unknown) => e instanceof ConfigError && /cost\[0\]\[1\] .* got -Infinity/.test((e as Error).message));
});

lsa('sap names the first NaN or -Infinity in row-major order, also when it solves the matrix transposed or with +Infinity', () => {
  // 3 x 2 is solved transposed, where (2,0) would come before (1,1).
  const tall = matrixFromRows([
    [1, 2],
    [3, NaN],
    [-Infinity, Infinity],
  ]);
  const wide = matrixFromRows([
    [1, Infinity, 2],
    [3, 4, -Infinity],
  ]);
  for (const solver of ['sap', 'munkres'] as const) {
    assert.throws(() => linearSumAssignment(tall, { solver }), (e: unknown) => e instanceof ConfigError && (e as Error).message === 'linearSumAssignment: cost[1][1] must be a finite number or +Infinity, got NaN');
    assert.throws(() => linearSumAssignment(wide, { solver }), (e: unknown) => e instanceof ConfigError && (e as Error).message === 'linearSumAssignment: cost[1][2] must be a finite number or +Infinity, got -Infinity');
  }
});

lsa('sap after a larger problem: a smaller one, tall, wide and with +Infinity, gives the hand-checked pairs', () => {
  linearSumAssignment(createMatrix(300, 300, 1));
  // [[4, 1, 3], [2, 0, 5], [3, 2, 2]] -> cols [1, 0, 2] (total 5). The tall
  // [[4, 2], [1, 0], [3, 5]] (solved transposed) is cheapest as (0,1) + (1,0)
  // = 3. With (0,1) forbidden, (0,2) + (1,1) = 3 beats (0,0) + (1,1) = 4.
  const pairs = (r: { rows: Int32Array; cols: Int32Array }) => [Array.from(r.rows), Array.from(r.cols)];
  assert.equal(pairs(linearSumAssignment(matrixFromRows([[4, 1, 3], [2, 0, 5], [3, 2, 2]]))), [[0, 1, 2], [1, 0, 2]]);
  assert.equal(pairs(linearSumAssignment(matrixFromRows([[4, 2], [1, 0], [3, 5]]))), [[0, 1], [1, 0]]);
  assert.equal(pairs(linearSumAssignment(matrixFromRows([[4, Infinity, 3], [2, 0, 5]]))), [[0, 1], [2, 1]]);
});

lsa('throws ConfigError for an unknown solver', () => {
  assert.throws(
    () => linearSumAssignment(createMatrix(1, 1), { solver: 'lapjv' as SolverName }),
    (e: unknown) => e instanceof ConfigError && /options\.solver must be 'sap' or 'munkres', got "lapjv"/.test((e as Error).message),
  );
});

lsa('throws ConfigError when finite costs overflow path sums', () => {
  // The only two-pair assignment costs 1e308 + 1e308, above Number.MAX_VALUE
  // (1.797e308), so its path cost overflows to Infinity.
  const m = matrixFromRows([
    [0, 1e308],
    [1e308, Infinity],
  ]);
  assert.throws(() => linearSumAssignment(m), (e: unknown) => e instanceof ConfigError && /overflow/.test((e as Error).message));
});

lsa.run();
