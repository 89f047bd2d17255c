/**
 * Shortest-augmenting-path core for the rectangular assignment problem with
 * every entry finite (Crouse 2016, "On implementing 2D rectangular assignment
 * algorithms", IEEE TAES 52(4), pp. 1685-1686, the algorithm SciPy's
 * `rectangular_lsap.cpp` implements). Written here from the paper's pseudocode
 * with SciPy's tie-breaking so that results match `linear_sum_assignment`
 * pair for pair, not just in total cost:
 *
 * - rows are processed in order 0..nr-1;
 * - the list of unscanned columns starts as nc-1, ..., 0 and an entry is
 *   removed by moving the last one into its slot;
 * - among columns of equal lowest path cost the last one scanned that is free
 *   wins, otherwise the first one scanned;
 * - path costs are computed as `((minVal + c) - u[i]) - v[j]`, in that order,
 *   so that floating-point rounding is the same as SciPy's.
 *
 * Impl file: assumes `nr <= nc`, `cost.length === nr * nc` and every entry
 * finite; the public boundary (`linearSumAssignment`) checks that.
 */

/** Work arrays, reused across calls of the same or smaller size. */
interface SapWorkspace {
  u: Float64Array;
  v: Float64Array;
  shortest: Float64Array;
  path: Int32Array;
  row4col: Int32Array;
  remaining: Int32Array;
  scannedRows: Int32Array;
  scannedCols: Int32Array;
}

let shared: SapWorkspace | undefined;

function sapWorkspace(nr: number, nc: number): SapWorkspace {
  if (shared === undefined || shared.u.length < nr || shared.v.length < nc) {
    const r = Math.max(nr, shared?.u.length ?? 0);
    const c = Math.max(nc, shared?.v.length ?? 0);
    shared = {
      u: new Float64Array(r),
      v: new Float64Array(c),
      shortest: new Float64Array(c),
      path: new Int32Array(c),
      row4col: new Int32Array(c),
      remaining: new Int32Array(c),
      scannedRows: new Int32Array(r),
      scannedCols: new Int32Array(c),
    };
  }
  return shared;
}

/**
 * Minimum-cost assignment of every row of an `nr x nc` (nr <= nc) matrix of
 * finite costs.
 * @param cost row-major, `nr * nc` finite values
 * @param col4row output, length >= nr: the column given to each row
 * @returns false when a path cost overflowed to +Infinity (entries near
 *   Number.MAX_VALUE), in which case `col4row` is meaningless
 */
export function shortestAugmentingPath(nr: number, nc: number, cost: Float64Array, col4row: Int32Array): boolean {
  const { u, v, shortest, path, row4col, remaining, scannedRows, scannedCols } = sapWorkspace(nr, nc);
  u.fill(0, 0, nr);
  v.fill(0, 0, nc);
  row4col.fill(-1, 0, nc);
  col4row.fill(-1, 0, nr);

  for (let curRow = 0; curRow < nr; curRow++) {
    // Dijkstra over columns from curRow, on reduced costs c - u - v >= 0.
    for (let it = 0; it < nc; it++) remaining[it] = nc - 1 - it;
    shortest.fill(Infinity, 0, nc);
    let numRemaining = nc;
    let nScannedRows = 0;
    let nScannedCols = 0;
    let minVal = 0;
    let i = curRow;
    let sink = -1;
    while (sink === -1) {
      scannedRows[nScannedRows++] = i;
      const base = i * nc;
      const ui = u[i];
      let index = -1;
      let lowest = Infinity;
      for (let it = 0; it < numRemaining; it++) {
        const j = remaining[it];
        const r = minVal + cost[base + j] - ui - v[j];
        let s = shortest[j];
        if (r < s) {
          path[j] = i;
          shortest[j] = r;
          s = r;
        }
        // On a tie prefer a free column: it ends the search (SciPy does the
        // same; it matters for integer costs with many equal entries).
        if (s < lowest || (s === lowest && row4col[j] === -1)) {
          lowest = s;
          index = it;
        }
      }
      minVal = lowest;
      if (minVal === Infinity) return false;
      const j = remaining[index];
      if (row4col[j] === -1) sink = j;
      else i = row4col[j];
      scannedCols[nScannedCols++] = j;
      remaining[index] = remaining[--numRemaining];
    }

    // Dual update: keeps reduced costs non-negative and zero on matched pairs.
    // Each entry is updated independently, so visiting only the scanned rows
    // and columns gives the same values as SciPy's sweep over all of them.
    u[curRow] += minVal;
    for (let k = 1; k < nScannedRows; k++) {
      const r = scannedRows[k];
      u[r] += minVal - shortest[col4row[r]];
    }
    for (let k = 0; k < nScannedCols; k++) {
      const c = scannedCols[k];
      v[c] -= minVal - shortest[c];
    }

    // Augment along the path back from the sink.
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
