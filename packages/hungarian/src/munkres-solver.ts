/**
 * The 'munkres' solver: munkres-js (Kuhn-Munkres with covers and primes, a
 * translation of Brian Clapper's Python `munkres`), used as the reference the
 * 'sap' solver is checked against, given the same forbidden-entry semantics.
 *
 * Impl file: assumes a validated matrix (entries finite or +Infinity).
 */
import { createRequire } from 'node:module';
import type { Matrix } from '@mot/core';
import type { AssignmentResult } from './sap-solver.js';

type Munkres = (cost: number[][]) => Array<[number, number]>;

// munkres-js is CommonJS without type declarations; loading it through
// require keeps its typing local to this file.
const munkres = createRequire(import.meta.url)('munkres-js') as Munkres;

/**
 * munkres-js pads a rectangular matrix with zero rows or columns and assigns
 * all min(rows, cols) pairs. Forbidden entries are given a finite cost M so
 * large that one more forbidden pair always costs more than any difference
 * in finite costs: with finite costs shifted into [0, R] and k = min(rows,
 * cols) pairs, an assignment with f forbidden pairs costs at least f*M and
 * one with f - 1 at most (f - 1)*M + k*R, so M > k*R suffices. The forbidden
 * pairs are then dropped, which leaves a maximum-cardinality finite
 * assignment of minimum cost.
 *
 * Every value must also stay below munkres-js's MAX_SIZE
 * (Number.MAX_SAFE_INTEGER / 2, its "nothing found" value in step 6), so
 * costs are shifted and rescaled to [0, 1] when k*R is large.
 */
export function solveMunkres(cost: Matrix): AssignmentResult {
  const { rows: nr, cols: nc, data } = cost;
  if (nr === 0 || nc === 0) return { rows: new Int32Array(0), cols: new Int32Array(0) };

  let lo = Infinity;
  let hi = -Infinity;
  let forbidden = false;
  for (let k = 0; k < data.length; k++) {
    const c = data[k];
    if (c === Infinity) forbidden = true;
    else {
      if (c < lo) lo = c;
      if (c > hi) hi = c;
    }
  }

  // Finite costs are passed unchanged unless a forbidden entry needs the
  // big M, or their spread would reach munkres-js's MAX_SIZE; 2^40 keeps
  // every sum it forms far below MAX_SIZE (about 2^52).
  const pairs = Math.min(nr, nc);
  const range = lo <= hi ? hi - lo : 0;
  const wide = pairs * range > 2 ** 40;
  const transform = forbidden || wide;
  const shift = transform && lo <= hi ? lo : 0;
  const scale = wide ? 1 / range : 1;
  const big = 2 * pairs * range * scale + 1;

  const nested: number[][] = [];
  for (let i = 0; i < nr; i++) {
    const row = new Array<number>(nc);
    for (let j = 0; j < nc; j++) {
      const c = data[i * nc + j];
      row[j] = !transform ? c : c === Infinity ? big : (c - shift) * scale;
    }
    nested.push(row);
  }

  // munkres-js lists pairs row by row, so they come sorted by row.
  const found = munkres(nested).filter(([i, j]) => data[i * nc + j] !== Infinity);
  const rows = new Int32Array(found.length);
  const cols = new Int32Array(found.length);
  for (let k = 0; k < found.length; k++) {
    rows[k] = found[k][0];
    cols[k] = found[k][1];
  }
  return { rows, cols };
}
