/**
 * The one selection loop behind every NMS variant of this package (greedy,
 * class-aware, Soft-NMS, DIoU-NMS). It follows the structure of TensorFlow's
 * NonMaxSuppressionV5 (tfjs-core `non_max_suppression_impl`), so that greedy
 * NMS and Gaussian Soft-NMS select exactly what tfjs selects:
 *
 * - candidates are boxes with score > scoreThreshold, popped best first (ties:
 *   lower index first);
 * - a popped candidate is compared with the boxes kept since it was last
 *   examined, newest first; `weight` < 0 drops it (hard suppression), otherwise
 *   its score is multiplied by `weight`;
 * - if its score did not change it is kept; if it decayed but is still above
 *   the threshold it goes back into the queue. Its stale score is an upper
 *   bound of its true score, so this lazy scheme keeps the same boxes as
 *   re-scoring every candidate after each selection (Bodla et al. 2017), at a
 *   cost of O(N log N + N * kept) weight evaluations.
 *
 * Assumes valid input (checked by the public functions).
 */

/**
 * Score multiplier for `candidate` against the kept box `kept` (row indices
 * into the [N,4] box array): 1 leaves the score, (0, 1) decays it, a negative
 * value suppresses the candidate outright.
 */
export type NmsWeight = (boxes: Float32Array, candidate: number, kept: number) => number;

/** Kept rows in selection order (descending final score) and their final scores. */
export interface NmsSelection {
  indices: Int32Array;
  scores: Float32Array;
}

/**
 * Runs the selection loop over the rows listed in `rows` (all rows when null).
 * @param boxes xyxy [N,4]
 * @param scores [N]
 * @param maxOutput at most this many rows are kept
 */
export function nmsImpl(
  boxes: Float32Array,
  scores: ArrayLike<number>,
  rows: Int32Array | null,
  maxOutput: number,
  scoreThreshold: number,
  weight: NmsWeight,
): NmsSelection {
  const total = rows === null ? scores.length : rows.length;
  // Candidate slots: current score, row index, and the number of kept boxes it
  // has already been compared with (TensorFlow's suppressBeginIndex).
  const score = new Float64Array(total);
  const row = new Int32Array(total);
  const begin = new Int32Array(total);
  const heap = new Int32Array(total);
  let size = 0;
  for (let k = 0; k < total; k++) {
    const r = rows === null ? k : rows[k];
    const s = scores[r];
    if (s > scoreThreshold) {
      score[size] = s;
      row[size] = r;
      heap[size] = size;
      size++;
    }
  }
  // a outranks b: higher score, then lower row index (tfjs's tie rule).
  const above = (a: number, b: number): boolean => score[a] > score[b] || (score[a] === score[b] && row[a] < row[b]);
  const siftDown = (start: number): void => {
    let i = start;
    const slot = heap[i];
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) break;
      const r = l + 1;
      const c = r < size && above(heap[r], heap[l]) ? r : l;
      if (!above(heap[c], slot)) break;
      heap[i] = heap[c];
      i = c;
    }
    heap[i] = slot;
  };
  const siftUp = (start: number): void => {
    let i = start;
    const slot = heap[i];
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!above(slot, heap[p])) break;
      heap[i] = heap[p];
      i = p;
    }
    heap[i] = slot;
  };
  for (let i = (size >> 1) - 1; i >= 0; i--) siftDown(i);

  const keptRows = new Int32Array(Math.min(maxOutput, size));
  const keptScores = new Float32Array(keptRows.length);
  let kept = 0;
  while (kept < keptRows.length && size > 0) {
    const slot = heap[0];
    size--;
    if (size > 0) {
      heap[0] = heap[size];
      siftDown(0);
    }
    const original = score[slot];
    const r = row[slot];
    let s = original;
    let dropped = false;
    for (let j = kept - 1; j >= begin[slot]; j--) {
      const w = weight(boxes, r, keptRows[j]);
      if (w < 0) {
        dropped = true;
        break;
      }
      s *= w;
      if (s <= scoreThreshold) break;
    }
    if (dropped) continue;
    begin[slot] = kept;
    if (s === original) {
      keptRows[kept] = r;
      keptScores[kept] = s;
      kept++;
    } else if (s > scoreThreshold) {
      score[slot] = s;
      heap[size] = slot;
      size++;
      siftUp(size - 1);
    }
  }
  return { indices: keptRows.slice(0, kept), scores: keptScores.slice(0, kept) };
}
