/**
 * Identity metrics IDF1, IDP, IDR (Ristani et al. 2016, "Performance measures
 * and a data set for multi-target, multi-camera tracking"), as TrackEval's
 * `Identity` (trackeval/metrics/identity.py) computes them.
 *
 * Each gt trajectory is paired with at most one tracker trajectory for the
 * whole sequence so that the number of frames in which the paired boxes
 * overlap with IoU >= the threshold (IDTP) is as large as possible.
 * TrackEval solves this as a min-cost assignment on a (G+T) x (G+T) matrix of
 * IDFN + IDFP costs with dummy rows and columns; its cost is
 * (all gt boxes + all tracker boxes - 2 IDTP), so the same optimum is the
 * maximum-weight matching of the G x T co-occurrence counts, solved here.
 */
import { createMatrix } from '@mot/core';
import { linearSumAssignment, type SolverName } from '@mot/hungarian';
import type { SequenceData } from './sequence-data.js';
import { checkThreshold } from './clear.js';

/** Options of {@link computeIdentity}. */
export interface IdentityOptions {
  /** IoU a pair needs to count; default 0.5. */
  readonly threshold?: number;
  /** Assignment solver of @mot/hungarian; default `sap` (SciPy's algorithm and tie-breaking). */
  readonly solver?: SolverName;
}

/** Raw identity counts. */
export interface IdentityCounts {
  /** Boxes of matched trajectory pairs that overlap (IoU >= threshold) in their frame. */
  readonly idtp: number;
  /** Gt boxes not covered by their trajectory's partner: all gt boxes - IDTP. */
  readonly idfn: number;
  /** Tracker boxes not covered by their trajectory's partner: all tracker boxes - IDTP. */
  readonly idfp: number;
}

/** Identity counts with the ratios derived from them. */
export interface IdentityResult extends IdentityCounts {
  /** IDTP / (IDTP + IDFN). */
  readonly idr: number;
  /** IDTP / (IDTP + IDFP). */
  readonly idp: number;
  /** IDTP / (IDTP + (IDFN + IDFP) / 2). */
  readonly idf1: number;
  /**
   * The chosen pairs as original ids: `pairs[k] = [gtId, trackerId]`, only
   * pairs with IDTP > 0, in gt id order. Empty after {@link combineIdentity}.
   */
  readonly pairs: readonly (readonly [number, number])[];
}

/**
 * IDF1, IDP and IDR of one preprocessed sequence.
 * @param data from {@link preprocessSequence}
 * @throws ConfigError when the threshold is not in (0, 1]
 * @example
 * ```ts
 * const { idf1, idp, idr } = computeIdentity(data);
 * ```
 */
export function computeIdentity(data: SequenceData, options: IdentityOptions = {}): IdentityResult {
  const { threshold = 0.5, solver } = options;
  checkThreshold('computeIdentity', threshold);
  const G = data.numGtIds;
  const T = data.numTrackerIds;
  if (data.numGtDets === 0 || data.numTrackerDets === 0) {
    return { ...finishIdentity({ idtp: 0, idfn: data.numGtDets, idfp: data.numTrackerDets }), pairs: [] };
  }
  // Frames in which gt trajectory g and tracker trajectory t overlap enough.
  // TrackEval compares with `>= threshold` here, without its usual eps.
  const cost = createMatrix(G, T);
  const c = cost.data;
  for (const { gtIds, trackerIds, similarity } of data.frames) {
    const nT = trackerIds.length;
    for (let i = 0; i < gtIds.length; i++) {
      const row = gtIds[i] * T;
      for (let j = 0; j < nT; j++) if (similarity[i * nT + j] >= threshold) c[row + trackerIds[j]] -= 1;
    }
  }
  const m = linearSumAssignment(cost, { solver });
  let idtp = 0;
  const pairs: [number, number][] = [];
  for (let k = 0; k < m.rows.length; k++) {
    const w = -c[m.rows[k] * T + m.cols[k]];
    if (w > 0) {
      idtp += w;
      pairs.push([data.gtIdLabels[m.rows[k]], data.trackerIdLabels[m.cols[k]]]);
    }
  }
  return { ...finishIdentity({ idtp, idfn: data.numGtDets - idtp, idfp: data.numTrackerDets - idtp }), pairs };
}

/**
 * Sums identity counts over sequences and derives the ratios from the sums
 * (TrackEval's `combine_sequences`).
 */
export function combineIdentity(results: readonly IdentityCounts[]): IdentityResult {
  let idtp = 0, idfn = 0, idfp = 0;
  for (const r of results) {
    idtp += r.idtp;
    idfn += r.idfn;
    idfp += r.idfp;
  }
  return { ...finishIdentity({ idtp, idfn, idfp }), pairs: [] };
}

function finishIdentity(c: IdentityCounts): Omit<IdentityResult, 'pairs'> {
  return {
    ...c,
    idr: c.idtp / Math.max(1, c.idtp + c.idfn),
    idp: c.idtp / Math.max(1, c.idtp + c.idfp),
    idf1: c.idtp / Math.max(1, c.idtp + 0.5 * c.idfp + 0.5 * c.idfn),
  };
}
