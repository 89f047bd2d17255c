/**
 * The shortest-augmenting-path core of `shortest-augmenting-path.ts` for a
 * matrix with forbidden (+Infinity) entries, solving for the assignment of
 * maximum cardinality over finite entries and, among those, minimum cost.
 *
 * Why not just skip a row whose shortest path is infinite: the row order then
 * decides which rows stay unassigned. With row 0 allowed only column 0 at cost
 * 10 and row 1 allowed only column 0 at cost 1, skipping keeps (0,0) at cost
 * 10 although (1,0) costs 1.
 *
 * Instead every entry gets a two-part cost compared lexicographically:
 * a finite entry c is (0, c) and a forbidden one is (1, 0). Every row is then
 * assignable (nr <= nc), and minimising (number of forbidden pairs, sum of
 * finite costs) is exactly "fewest forbidden pairs = most finite pairs, then
 * cheapest": any finite matching of size k extends to a full one with nr - k
 * forbidden pairs, and vice versa. Shortest paths and duals work unchanged
 * over these pairs because (integers x reals, lexicographic) is an ordered
 * group. The first part only holds small integers, so it is exact.
 *
 * When a complete finite assignment exists, every shortest path has first
 * part 0, no forbidden column is ever scanned before the sink, and the
 * second parts are computed with the same operations in the same order as
 * the finite-only core: the result is the one SciPy gives.
 *
 * Impl file: assumes `nr <= nc`, `cost.length === nr * nc`, entries finite or
 * +Infinity.
 */

let work:
  | {
      uA: Float64Array;
      uB: Float64Array;
      vA: Float64Array;
      vB: Float64Array;
      sA: Float64Array;
      sB: Float64Array;
      path: Int32Array;
      row4col: Int32Array;
      remaining: Int32Array;
      scannedRows: Int32Array;
      scannedCols: Int32Array;
    }
  | undefined;

function workspace(nr: number, nc: number): NonNullable<typeof work> {
  if (work === undefined || work.uA.length < nr || work.vA.length < nc) {
    const r = Math.max(nr, work?.uA.length ?? 0);
    const c = Math.max(nc, work?.vA.length ?? 0);
    work = {
      uA: new Float64Array(r),
      uB: new Float64Array(r),
      vA: new Float64Array(c),
      vB: new Float64Array(c),
      sA: new Float64Array(c),
      sB: new Float64Array(c),
      path: new Int32Array(c),
      row4col: new Int32Array(c),
      remaining: new Int32Array(c),
      scannedRows: new Int32Array(r),
      scannedCols: new Int32Array(c),
    };
  }
  return work;
}

/**
 * Assigns every row of an `nr x nc` (nr <= nc) matrix, using as few forbidden
 * (+Infinity) entries as possible and, among such assignments, the smallest
 * sum of finite entries. The caller drops the forbidden pairs.
 * @param cost row-major, `nr * nc` values, finite or +Infinity
 * @param col4row output, length >= nr: the column given to each row
 * @returns false when a path cost overflowed (finite entries near
 *   Number.MAX_VALUE), in which case `col4row` is meaningless
 */
export function shortestAugmentingPathForbidden(nr: number, nc: number, cost: Float64Array, col4row: Int32Array): boolean {
  const { uA, uB, vA, vB, sA, sB, path, row4col, remaining, scannedRows, scannedCols } = workspace(nr, nc);
  uA.fill(0, 0, nr);
  uB.fill(0, 0, nr);
  vA.fill(0, 0, nc);
  vB.fill(0, 0, nc);
  row4col.fill(-1, 0, nc);
  col4row.fill(-1, 0, nr);

  for (let curRow = 0; curRow < nr; curRow++) {
    for (let it = 0; it < nc; it++) remaining[it] = nc - 1 - it;
    sA.fill(Infinity, 0, nc);
    sB.fill(Infinity, 0, nc);
    let numRemaining = nc;
    let nScannedRows = 0;
    let nScannedCols = 0;
    let minA = 0;
    let minB = 0;
    let i = curRow;
    let sink = -1;
    while (sink === -1) {
      scannedRows[nScannedRows++] = i;
      const base = i * nc;
      const uiA = uA[i];
      const uiB = uB[i];
      let index = -1;
      let lowA = Infinity;
      let lowB = Infinity;
      for (let it = 0; it < numRemaining; it++) {
        const j = remaining[it];
        const c = cost[base + j];
        let rA: number;
        let rB: number;
        if (c === Infinity) {
          rA = minA + 1 - uiA - vA[j];
          rB = minB - uiB - vB[j];
        } else {
          rA = minA - uiA - vA[j];
          rB = minB + c - uiB - vB[j];
        }
        let tA = sA[j];
        let tB = sB[j];
        if (rA < tA || (rA === tA && rB < tB)) {
          path[j] = i;
          sA[j] = tA = rA;
          sB[j] = tB = rB;
        }
        if (tA < lowA || (tA === lowA && (tB < lowB || (tB === lowB && row4col[j] === -1)))) {
          lowA = tA;
          lowB = tB;
          index = it;
        }
      }
      minA = lowA;
      minB = lowB;
      // Every column is reachable (a forbidden pair is only expensive), so an
      // infinite part can only come from overflow of huge finite costs.
      if (minA === Infinity || minB === Infinity || minB !== minB) return false;
      const j = remaining[index];
      if (row4col[j] === -1) sink = j;
      else i = row4col[j];
      scannedCols[nScannedCols++] = j;
      remaining[index] = remaining[--numRemaining];
    }

    uA[curRow] += minA;
    uB[curRow] += minB;
    for (let k = 1; k < nScannedRows; k++) {
      const r = scannedRows[k];
      const c = col4row[r];
      uA[r] += minA - sA[c];
      uB[r] += minB - sB[c];
    }
    for (let k = 0; k < nScannedCols; k++) {
      const c = scannedCols[k];
      vA[c] -= minA - sA[c];
      vB[c] -= minB - sB[c];
    }

    let j = sink;
    for (;;) {
      const r = path[j];
      row4col[j] = r;
      const prev = col4row[r];
      col4row[r] = j;
      if (r === curRow) break;
      j = prev;
    }
  }
  return true;
}
