/**
 * CLEAR MOT metrics (Bernardin & Stiefelhagen 2008, "Evaluating multiple
 * object tracking performance: the CLEAR MOT metrics"): MOTA, MOTP, FP, FN,
 * ID switches, fragmentations, MT/PT/ML.
 *
 * Per frame, a gt object keeps the tracker box it was matched to in the
 * previous frame while their IoU stays >= the threshold; the other pairs are
 * matched by best total IoU. Two rule sets are offered because the two
 * reference implementations differ in details (see {@link ClearRules}).
 */
import { ConfigError, createMatrix } from '@mot/core';
import { linearSumAssignment, type SolverName } from '@mot/hungarian';
import { FLOAT_EPS, type SequenceData } from './sequence-data.js';
import { computeClearCountsMotmetrics } from './clear-motmetrics.js';

/**
 * Which reference to follow.
 * - `trackeval` (default): TrackEval's `CLEAR` (trackeval/metrics/clear.py),
 *   the MOTChallenge figures. One assignment per frame maximising
 *   1000 x (pair continues the previous frame's match) + IoU, so that
 *   continuing matches win first and IoU decides the rest. MT: tracked
 *   ratio > 0.8, PT: >= 0.2. Frag: times a gt's tracking restarts after a
 *   frame (of any kind) in which it was not tracked.
 * - `motmetrics`: py-motmetrics' `MOTAccumulator` (cheind/py-motmetrics
 *   v1.4.0, motmetrics/mot.py and metrics.py). A gt's last match (from any
 *   earlier frame) is kept first if that track is present with IoU >= the
 *   threshold; the rest by maximum cardinality then least distance (1 - IoU).
 *   MT: ratio >= 0.8, PT: 0.2 <= ratio < 0.8. Frag: tracked -> missed
 *   transitions between a gt's first and last tracked frame, counting only
 *   frames in which the gt is present.
 */
export type ClearRules = 'trackeval' | 'motmetrics';

/** Options of {@link computeClear}. */
export interface ClearOptions {
  /** IoU a pair needs to match; default 0.5. */
  readonly threshold?: number;
  /** Default `trackeval`. */
  readonly rules?: ClearRules;
  /** Assignment solver of @mot/hungarian; default `sap` (SciPy's algorithm and tie-breaking). */
  readonly solver?: SolverName;
}

/** Raw CLEAR counts of one sequence (or a sum of sequences). */
export interface ClearCounts {
  /** Matched gt boxes. */
  readonly tp: number;
  /** Unmatched gt boxes (misses). */
  readonly fn: number;
  /** Unmatched tracker boxes (false positives). */
  readonly fp: number;
  /** Identity switches. */
  readonly idsw: number;
  /** Mostly tracked, partially tracked, mostly lost gt trajectories. */
  readonly mt: number;
  readonly pt: number;
  readonly ml: number;
  /** Fragmentations. */
  readonly frag: number;
  /** Sum of the IoU of the matched pairs. */
  readonly iouSum: number;
  /** Sum of the distance 1 - IoU of the matched pairs (py-motmetrics' `D`). */
  readonly distanceSum: number;
  /** Frames evaluated. */
  readonly numFrames: number;
}

/** CLEAR counts with the ratios derived from them. */
export interface ClearResult extends ClearCounts {
  /** MOTA = 1 - (FN + FP + IDSW) / GT boxes = (TP - FP - IDSW) / (TP + FN); 0 when there is no gt box. */
  readonly mota: number;
  /** MODA = (TP - FP) / (TP + FN). */
  readonly moda: number;
  /** MOTP as TrackEval: mean IoU of the matched pairs (higher is better). */
  readonly motp: number;
  /** MOTP as py-motmetrics: mean distance 1 - IoU of the matched pairs (lower is better). */
  readonly motpDistance: number;
  /** TP / (TP + FN). */
  readonly recall: number;
  /** TP / (TP + FP). */
  readonly precision: number;
  /** Number of gt trajectories, MT + PT + ML. */
  readonly numGtIds: number;
}

/** TrackEval's MT/PT bounds; py-motmetrics uses the same numbers with >= for MT. */
const MT_RATIO = 0.8;
const ML_RATIO = 0.2;
/** TrackEval's weight on continuing last frame's match, larger than any IoU sum. */
const CONTINUATION_BONUS = 1000;

/**
 * CLEAR MOT metrics of one preprocessed sequence.
 * @param data from {@link preprocessSequence}
 * @returns counts and ratios (ratios as fractions)
 * @throws ConfigError when the threshold is not in (0, 1]
 * @example
 * ```ts
 * const clear = computeClear(data); // clear.mota, clear.idsw, ...
 * ```
 */
export function computeClear(data: SequenceData, options: ClearOptions = {}): ClearResult {
  const { threshold = 0.5, rules = 'trackeval', solver } = options;
  checkThreshold('computeClear', threshold);
  if (rules !== 'trackeval' && rules !== 'motmetrics') {
    throw new ConfigError(`computeClear: rules must be 'trackeval' or 'motmetrics', got ${String(rules)}`);
  }
  const counts = rules === 'motmetrics' ? computeClearCountsMotmetrics(data, threshold, solver) : clearCountsTrackEval(data, threshold, solver);
  const result = finishClear(counts);
  // TrackEval returns early for a sequence without gt boxes and leaves MOTA
  // and MODA at 0 instead of -FP; only the combined figure uses the formula.
  return data.numGtDets === 0 ? { ...result, mota: 0, moda: 0 } : result;
}

/**
 * Sums CLEAR counts over sequences and derives the ratios from the sums, as
 * TrackEval's `combine_sequences` does (MOTP weighted by matches).
 * @param results per-sequence results
 */
export function combineClear(results: readonly ClearCounts[]): ClearResult {
  const sum = { tp: 0, fn: 0, fp: 0, idsw: 0, mt: 0, pt: 0, ml: 0, frag: 0, iouSum: 0, distanceSum: 0, numFrames: 0 };
  for (const r of results) {
    for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += r[k];
  }
  return finishClear(sum);
}

function finishClear(c: ClearCounts): ClearResult {
  const gtDets = Math.max(1, c.tp + c.fn);
  const matches = Math.max(1, c.tp);
  return {
    ...c,
    mota: (c.tp - c.fp - c.idsw) / gtDets,
    moda: (c.tp - c.fp) / gtDets,
    motp: c.iouSum / matches,
    motpDistance: c.distanceSum / matches,
    recall: c.tp / gtDets,
    precision: c.tp / Math.max(1, c.tp + c.fp),
    numGtIds: c.mt + c.pt + c.ml,
  };
}

/** Thresholds outside (0, 1] are mistakes (IoU never exceeds 1). */
export function checkThreshold(fn: string, threshold: number): void {
  if (!(threshold > 0 && threshold <= 1)) {
    throw new ConfigError(`${fn}: threshold must be an IoU in (0, 1], got ${threshold}`);
  }
}

/** TrackEval's per-frame rule and counting (trackeval/metrics/clear.py). */
function clearCountsTrackEval(data: SequenceData, threshold: number, solver: SolverName | undefined): ClearCounts {
  const { numGtIds } = data;
  if (data.numTrackerDets === 0 || data.numGtDets === 0) return emptyCounts(data);
  const gtCount = new Int32Array(numGtIds);
  const matchedCount = new Int32Array(numGtIds);
  const fragCount = new Int32Array(numGtIds);
  // -1 = none. `lastTracker`: the last match ever (for IDSW);
  // `prevTracker`: the match in the previous evaluated frame (for continuation).
  const lastTracker = new Int32Array(numGtIds).fill(-1);
  let prevTracker = new Int32Array(numGtIds).fill(-1);
  let nextTracker = new Int32Array(numGtIds);
  let tp = 0, fn = 0, fp = 0, idsw = 0, iouSum = 0, distanceSum = 0;

  for (const frame of data.frames) {
    const { gtIds, trackerIds, similarity } = frame;
    const nG = gtIds.length;
    const nT = trackerIds.length;
    // TrackEval skips such frames entirely, so the previous frame's matches
    // still count as "previous" in the next frame that has both.
    if (nG === 0) {
      fp += nT;
      continue;
    }
    if (nT === 0) {
      fn += nG;
      for (let i = 0; i < nG; i++) gtCount[gtIds[i]]++;
      continue;
    }
    // Maximise score = bonus * continues + IoU over pairs with IoU >= threshold;
    // other pairs score 0 (neutral, not forbidden), exactly as scipy sees it.
    const cost = createMatrix(nG, nT);
    const c = cost.data;
    for (let i = 0; i < nG; i++) {
      const prev = prevTracker[gtIds[i]];
      for (let j = 0; j < nT; j++) {
        const s = similarity[i * nT + j];
        c[i * nT + j] = s < threshold - FLOAT_EPS ? 0 : -((trackerIds[j] === prev ? CONTINUATION_BONUS : 0) + s);
      }
    }
    const m = linearSumAssignment(cost, { solver });
    nextTracker.fill(-1);
    let matches = 0;
    for (let k = 0; k < m.rows.length; k++) {
      const i = m.rows[k];
      const j = m.cols[k];
      if (!(-c[i * nT + j] > FLOAT_EPS)) continue;
      const g = gtIds[i];
      const tr = trackerIds[j];
      if (lastTracker[g] !== -1 && lastTracker[g] !== tr) idsw++;
      lastTracker[g] = tr;
      nextTracker[g] = tr;
      matchedCount[g]++;
      const s = similarity[i * nT + j];
      iouSum += s;
      distanceSum += 1 - s;
      matches++;
    }
    for (let i = 0; i < nG; i++) gtCount[gtIds[i]]++;
    for (let g = 0; g < numGtIds; g++) if (prevTracker[g] === -1 && nextTracker[g] !== -1) fragCount[g]++;
    [prevTracker, nextTracker] = [nextTracker, prevTracker];
    tp += matches;
    fn += nG - matches;
    fp += nT - matches;
  }

  let mt = 0, pt = 0, frag = 0;
  for (let g = 0; g < numGtIds; g++) {
    if (gtCount[g] > 0) {
      const ratio = matchedCount[g] / gtCount[g];
      if (ratio > MT_RATIO) mt++;
      else if (ratio >= ML_RATIO) pt++;
    }
    if (fragCount[g] > 0) frag += fragCount[g] - 1;
  }
  return { tp, fn, fp, idsw, mt, pt, ml: numGtIds - mt - pt, frag, iouSum, distanceSum, numFrames: data.numFrames };
}

/** Counts of a sequence with no tracker box or no gt box (TrackEval's early return). */
function emptyCounts(data: SequenceData): ClearCounts {
  return {
    tp: 0,
    fn: data.numGtDets,
    fp: data.numTrackerDets,
    idsw: 0,
    mt: 0,
    pt: 0,
    ml: data.numGtIds,
    frag: 0,
    iouSum: 0,
    distanceSum: 0,
    numFrames: data.numFrames,
  };
}
