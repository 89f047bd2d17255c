/**
 * CLEAR counts under py-motmetrics' rules (cheind/py-motmetrics v1.4.0:
 * `MOTAccumulator.update` in motmetrics/mot.py, `num_fragmentations`,
 * `mostly_tracked` & co. in motmetrics/metrics.py). Selected with
 * `computeClear(data, { rules: 'motmetrics' })`.
 *
 * Impl file: assumes a valid threshold.
 */
import { createMatrix } from '@mot/core';
import { linearSumAssignment, type SolverName } from '@mot/hungarian';
import type { SequenceData } from './sequence-data.js';
import type { ClearCounts } from './clear.js';

/** py-motmetrics' MT/PT/ML bounds: MT >= 0.8 > PT >= 0.2 > ML. */
const MT_RATIO = 0.8;
const ML_RATIO = 0.2;

/**
 * Per frame: (1) each gt whose last match (from any earlier frame) is present
 * and within distance keeps it; (2) the remaining pairs are matched by
 * maximum cardinality then least total distance 1 - IoU, pairs with distance
 * above 1 - threshold being forbidden; a match to another track than the gt's
 * last one is a switch.
 */
export function computeClearCountsMotmetrics(data: SequenceData, threshold: number, solver?: SolverName): ClearCounts {
  const { numGtIds, numTrackerIds } = data;
  // py-motmetrics thresholds the distance: pairs with 1 - IoU > max_iou are NaN.
  const maxDistance = 1 - threshold;
  const lastTracker = new Int32Array(numGtIds).fill(-1);
  const present = new Int32Array(numGtIds);
  const tracked = new Int32Array(numGtIds);
  // Fragmentation state per gt: has been tracked, and is in a miss run since.
  const seenTracked = new Uint8Array(numGtIds);
  const inGap = new Uint8Array(numGtIds);
  // Column of each tracker id in the current frame, -1 when absent.
  const colOf = new Int32Array(numTrackerIds).fill(-1);
  let tp = 0, fn = 0, fp = 0, idsw = 0, frag = 0, iouSum = 0, distanceSum = 0;

  for (const frame of data.frames) {
    const { gtIds, trackerIds, similarity } = frame;
    const nG = gtIds.length;
    const nT = trackerIds.length;
    const gtMatched = new Uint8Array(nG);
    const trMatched = new Uint8Array(nT);
    let matches = 0;
    const take = (i: number, j: number) => {
      const s = similarity[i * nT + j];
      gtMatched[i] = 1;
      trMatched[j] = 1;
      lastTracker[gtIds[i]] = trackerIds[j];
      iouSum += s;
      distanceSum += 1 - s;
      matches++;
    };

    if (nG > 0 && nT > 0) {
      for (let j = 0; j < nT; j++) colOf[trackerIds[j]] = j;
      // 1. Carry forward last correspondences still within distance.
      for (let i = 0; i < nG; i++) {
        const prev = lastTracker[gtIds[i]];
        if (prev === -1) continue;
        const j = colOf[prev];
        if (j === -1 || trMatched[j]) continue;
        if (!(1 - similarity[i * nT + j] > maxDistance)) take(i, j);
      }
      // 2. Min-cost matching of the rest; forbidden = +Infinity.
      const cost = createMatrix(nG, nT, Infinity);
      let any = false;
      for (let i = 0; i < nG; i++) {
        if (gtMatched[i]) continue;
        for (let j = 0; j < nT; j++) {
          if (trMatched[j]) continue;
          const d = 1 - similarity[i * nT + j];
          if (!(d > maxDistance)) {
            cost.data[i * nT + j] = d;
            any = true;
          }
        }
      }
      if (any) {
        const m = linearSumAssignment(cost, { solver });
        for (let k = 0; k < m.rows.length; k++) {
          const i = m.rows[k];
          const j = m.cols[k];
          const g = gtIds[i];
          if (lastTracker[g] !== -1 && lastTracker[g] !== trackerIds[j]) idsw++;
          take(i, j);
        }
      }
      for (let j = 0; j < nT; j++) colOf[trackerIds[j]] = -1;
    }

    // 3./4. Misses and false positives; per-gt history for MT/PT/ML and Frag.
    for (let i = 0; i < nG; i++) {
      const g = gtIds[i];
      present[g]++;
      if (gtMatched[i]) {
        tracked[g]++;
        if (inGap[g]) frag++;
        inGap[g] = 0;
        seenTracked[g] = 1;
      } else if (seenTracked[g]) {
        inGap[g] = 1;
      }
    }
    tp += matches;
    fn += nG - matches;
    fp += nT - matches;
  }

  let mt = 0, pt = 0, ml = 0;
  for (let g = 0; g < numGtIds; g++) {
    const ratio = present[g] > 0 ? tracked[g] / present[g] : 0;
    if (ratio >= MT_RATIO) mt++;
    else if (ratio >= ML_RATIO) pt++;
    else ml++;
  }
  return { tp, fn, fp, idsw, mt, pt, ml, frag, iouSum, distanceSum, numFrames: data.numFrames };
}
