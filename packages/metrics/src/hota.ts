/**
 * HOTA (Luiten et al. 2021, "HOTA: A Higher Order Metric for Evaluating
 * Multi-object Tracking", IJCV 129) with its parts DetA, AssA, LocA, as
 * TrackEval's `HOTA` (trackeval/metrics/hota.py) computes them.
 *
 * For each localisation threshold alpha = 0.05, 0.10, ..., 0.95:
 * DetA = TP / (TP + FN + FP), AssA = mean over TPs of the association
 * Jaccard TPA / (TPA + FNA + FPA) of the TP's gt and tracker ids, and
 * HOTA = sqrt(DetA * AssA). The per-frame matching is done once for all
 * alphas: it maximises IoU weighted by how well the two ids align over the
 * whole sequence, so matches that are good for association win ties in
 * detection.
 */
import { createMatrix } from '@mot/core';
import { linearSumAssignment, type SolverName } from '@mot/hungarian';
import { FLOAT_EPS, type SequenceData } from './sequence-data.js';

/** Number of alpha thresholds. */
const NUM_ALPHAS = 19;

/**
 * alpha = 0.05, 0.10, ..., 0.95, each computed as 0.05 + k * 0.05 in float64
 * like TrackEval's `np.arange(0.05, 0.99, 0.05)`, so that borderline IoUs
 * fall on the same side.
 */
export const HOTA_ALPHAS: Float64Array = Float64Array.from({ length: NUM_ALPHAS }, (_, k) => 0.05 + k * 0.05);

/** Per-alpha HOTA quantities, each a Float64Array of length 19 indexed like {@link HOTA_ALPHAS}. */
export interface HotaCurves {
  readonly tp: Float64Array;
  readonly fn: Float64Array;
  readonly fp: Float64Array;
  readonly hota: Float64Array;
  readonly detA: Float64Array;
  readonly detRe: Float64Array;
  readonly detPr: Float64Array;
  readonly assA: Float64Array;
  readonly assRe: Float64Array;
  readonly assPr: Float64Array;
  readonly locA: Float64Array;
}

/** HOTA of a sequence or a combination: the curves and their means over alpha. */
export interface HotaResult {
  readonly perAlpha: HotaCurves;
  /** Means over the 19 alphas (what TrackEval's summary prints). */
  readonly hota: number;
  readonly detA: number;
  readonly assA: number;
  readonly locA: number;
  readonly detRe: number;
  readonly detPr: number;
  readonly assRe: number;
  readonly assPr: number;
  /** HOTA and LocA at alpha = 0.05. */
  readonly hota0: number;
  readonly locA0: number;
}

/** Options of {@link computeHota}. */
export interface HotaOptions {
  /** Assignment solver of @mot/hungarian; default `sap` (SciPy's algorithm and tie-breaking). */
  readonly solver?: SolverName;
}

function zeros(): Float64Array {
  return new Float64Array(NUM_ALPHAS);
}

/**
 * HOTA, DetA, AssA and LocA of one preprocessed sequence.
 * @param data from {@link preprocessSequence}
 * @param options `solver`: assignment solver (default `sap`)
 * @returns per-alpha curves and their means
 * @example
 * ```ts
 * const { hota, detA, assA, locA } = computeHota(data);
 * ```
 */
export function computeHota(data: SequenceData, options: HotaOptions = {}): HotaResult {
  const { solver } = options;
  const tp = zeros(), fn = zeros(), fp = zeros();
  const assA = zeros(), assRe = zeros(), assPr = zeros(), locA = zeros();
  if (data.numTrackerDets === 0 || data.numGtDets === 0) {
    // TrackEval's early return: counts only, LocA 1, every ratio 0.
    fn.fill(data.numTrackerDets === 0 ? data.numGtDets : 0);
    fp.fill(data.numTrackerDets === 0 ? 0 : data.numTrackerDets);
    locA.fill(1);
    const curves: HotaCurves = { tp, fn, fp, hota: zeros(), detA: zeros(), detRe: zeros(), detPr: zeros(), assA, assRe, assPr, locA };
    return summarise(curves);
  }

  const G = data.numGtIds;
  const T = data.numTrackerIds;
  // Soft co-occurrence of ids: each frame adds the pair's IoU normalised by
  // the IoUs of both boxes with everything else (TrackEval's `sim_iou`).
  const potential = new Float64Array(G * T);
  const gtCount = new Float64Array(G);
  const trCount = new Float64Array(T);
  for (const { gtIds, trackerIds, similarity } of data.frames) {
    const nG = gtIds.length;
    const nT = trackerIds.length;
    const rowSum = new Float64Array(nG);
    const colSum = new Float64Array(nT);
    for (let i = 0; i < nG; i++) {
      for (let j = 0; j < nT; j++) {
        const s = similarity[i * nT + j];
        rowSum[i] += s;
        colSum[j] += s;
      }
    }
    for (let i = 0; i < nG; i++) {
      const row = gtIds[i] * T;
      for (let j = 0; j < nT; j++) {
        const s = similarity[i * nT + j];
        const denom = colSum[j] + rowSum[i] - s;
        if (denom > FLOAT_EPS) potential[row + trackerIds[j]] += s / denom;
      }
      gtCount[gtIds[i]]++;
    }
    for (let j = 0; j < nT; j++) trCount[trackerIds[j]]++;
  }
  // Global alignment: Jaccard of the two ids' soft co-occurrence.
  const alignment = new Float64Array(G * T);
  for (let g = 0; g < G; g++) {
    for (let t = 0; t < T; t++) {
      const p = potential[g * T + t];
      alignment[g * T + t] = p / (gtCount[g] + trCount[t] - p);
    }
  }

  // matches[(g, t)][a]: frames in which g and t are matched with IoU >= alpha_a.
  const matches = new Map<number, Int32Array>();
  for (const { gtIds, trackerIds, similarity } of data.frames) {
    const nG = gtIds.length;
    const nT = trackerIds.length;
    if (nG === 0 || nT === 0) {
      for (let a = 0; a < NUM_ALPHAS; a++) {
        fp[a] += nT;
        fn[a] += nG;
      }
      continue;
    }
    const cost = createMatrix(nG, nT);
    for (let i = 0; i < nG; i++) {
      const row = gtIds[i] * T;
      for (let j = 0; j < nT; j++) cost.data[i * nT + j] = -alignment[row + trackerIds[j]] * similarity[i * nT + j];
    }
    const m = linearSumAssignment(cost, { solver });
    const matchedAt = new Int32Array(NUM_ALPHAS);
    for (let k = 0; k < m.rows.length; k++) {
      const i = m.rows[k];
      const j = m.cols[k];
      const s = similarity[i * nT + j];
      if (!(s >= HOTA_ALPHAS[0] - FLOAT_EPS)) continue;
      const key = gtIds[i] * T + trackerIds[j];
      let counts = matches.get(key);
      if (counts === undefined) {
        counts = new Int32Array(NUM_ALPHAS);
        matches.set(key, counts);
      }
      // Alphas ascend, so the pair counts for a prefix of them.
      for (let a = 0; a < NUM_ALPHAS && s >= HOTA_ALPHAS[a] - FLOAT_EPS; a++) {
        matchedAt[a]++;
        locA[a] += s;
        counts[a]++;
      }
    }
    for (let a = 0; a < NUM_ALPHAS; a++) {
      tp[a] += matchedAt[a];
      fn[a] += nG - matchedAt[a];
      fp[a] += nT - matchedAt[a];
    }
  }

  for (const [key, counts] of matches) {
    const g = Math.floor(key / T);
    const t = key - g * T;
    for (let a = 0; a < NUM_ALPHAS; a++) {
      const c = counts[a];
      if (c === 0) break;
      assA[a] += (c * c) / Math.max(1, gtCount[g] + trCount[t] - c);
      assRe[a] += (c * c) / Math.max(1, gtCount[g]);
      assPr[a] += (c * c) / Math.max(1, trCount[t]);
    }
  }
  for (let a = 0; a < NUM_ALPHAS; a++) {
    const n = Math.max(1, tp[a]);
    assA[a] /= n;
    assRe[a] /= n;
    assPr[a] /= n;
    locA[a] = Math.max(1e-10, locA[a]) / Math.max(1e-10, tp[a]);
  }
  return finishHota(tp, fn, fp, assA, assRe, assPr, locA);
}

/**
 * Combines sequences as TrackEval's `combine_sequences`: TP, FN, FP summed per
 * alpha; AssA, AssRe, AssPr and LocA averaged per alpha weighted by TP; then
 * DetA and HOTA recomputed per alpha and averaged over alpha.
 */
export function combineHota(results: readonly HotaResult[]): HotaResult {
  const tp = zeros(), fn = zeros(), fp = zeros();
  const assA = zeros(), assRe = zeros(), assPr = zeros(), locA = zeros();
  for (const { perAlpha: r } of results) {
    for (let a = 0; a < NUM_ALPHAS; a++) {
      tp[a] += r.tp[a];
      fn[a] += r.fn[a];
      fp[a] += r.fp[a];
      assA[a] += r.assA[a] * r.tp[a];
      assRe[a] += r.assRe[a] * r.tp[a];
      assPr[a] += r.assPr[a] * r.tp[a];
      locA[a] += r.locA[a] * r.tp[a];
    }
  }
  for (let a = 0; a < NUM_ALPHAS; a++) {
    const n = Math.max(1, tp[a]);
    assA[a] /= n;
    assRe[a] /= n;
    assPr[a] /= n;
    locA[a] = Math.max(1e-10, locA[a]) / Math.max(1e-10, tp[a]);
  }
  return finishHota(tp, fn, fp, assA, assRe, assPr, locA);
}

function finishHota(
  tp: Float64Array,
  fn: Float64Array,
  fp: Float64Array,
  assA: Float64Array,
  assRe: Float64Array,
  assPr: Float64Array,
  locA: Float64Array,
): HotaResult {
  const hota = zeros(), detA = zeros(), detRe = zeros(), detPr = zeros();
  for (let a = 0; a < NUM_ALPHAS; a++) {
    detRe[a] = tp[a] / Math.max(1, tp[a] + fn[a]);
    detPr[a] = tp[a] / Math.max(1, tp[a] + fp[a]);
    detA[a] = tp[a] / Math.max(1, tp[a] + fn[a] + fp[a]);
    hota[a] = Math.sqrt(detA[a] * assA[a]);
  }
  return summarise({ tp, fn, fp, hota, detA, detRe, detPr, assA, assRe, assPr, locA });
}

function mean(x: Float64Array): number {
  let s = 0;
  for (let a = 0; a < x.length; a++) s += x[a];
  return s / x.length;
}

function summarise(c: HotaCurves): HotaResult {
  return {
    perAlpha: c,
    hota: mean(c.hota),
    detA: mean(c.detA),
    assA: mean(c.assA),
    locA: mean(c.locA),
    detRe: mean(c.detRe),
    detPr: mean(c.detPr),
    assRe: mean(c.assRe),
    assPr: mean(c.assPr),
    hota0: c.hota[0],
    locA0: c.locA[0],
  };
}
