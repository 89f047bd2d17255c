/**
 * DeepSORT (Wojke, Bewley, Paulus 2017, "Simple Online and Realtime Tracking
 * with a Deep Association Metric"), following nwojke/deep_sort's `tracker.py`
 * and `deep_sort_app.py` so that the reference output can be reproduced.
 *
 * Per frame: detections under `minConfidence` or `minDetectionHeight` are
 * dropped and the rest ordered by score (the reference's NMS step, which with
 * `nmsMaxOverlap` = 1 suppresses nothing); every track is predicted; confirmed
 * tracks are matched by the appearance cascade (cosine distance to the
 * track's last `nnBudget` features, gated by the Kalman filter's Mahalanobis
 * distance at chi2inv95(4) = 9.4877); unconfirmed tracks and tracks missed
 * for exactly one frame then get an IoU matching (1 - IoU <= maxIouDistance).
 */
import { type Detection, type Track, ConfigError, createMatrix, iouTlwh, tlwhToXyah, validateTlwh, type Matrix } from '@mot/core';
import { CHI2INV95, DeepSortBoxModel } from '@mot/kalman';
import { DeepSortTrack } from './deepsort-track.js';
import { INFTY_COST, matchingCascade, minCostMatchingSubset } from './linear-assignment.js';
import { NearestNeighborCosineMetric } from './nn-matching.js';
import { resolveOptions } from './options.js';
import { deepSortDetectionOrder } from './deepsort-preprocess.js';
import { TrackIdCounter } from './track-id-counter.js';
import type { Tracker, TrackerDefinition, TrackerParam } from './tracker.js';

export interface DeepSortOptions {
  /** Cosine-distance gate of the appearance metric (reference: 0.2). */
  maxCosineDistance: number;
  /** Appearance features kept per track (reference: 100). */
  nnBudget: number;
  /** IoU-distance gate of the second matching stage (reference: 0.7). */
  maxIouDistance: number;
  /** Frames a confirmed track survives without a match (reference: 30). */
  maxAge: number;
  /** Hits before a track is confirmed (reference: 3). */
  nInit: number;
  /** Detections with a lower score are dropped first (reference app: 0.3 for MOT files). */
  minConfidence: number;
  /** Detections lower than this (px) are dropped first (reference app: 0). */
  minDetectionHeight: number;
  /** Overlap (intersection over the other box's area) above which the reference app's NMS drops a detection; 1 disables it. */
  nmsMaxOverlap: number;
}

export const DEEPSORT_PARAMS: readonly TrackerParam[] = [
  { name: 'maxCosineDistance', type: 'number', default: 0.2, description: 'cosine-distance gate of the appearance metric' },
  { name: 'nnBudget', type: 'integer', default: 100, description: 'appearance features kept per track' },
  { name: 'maxIouDistance', type: 'number', default: 0.7, description: '1 - IoU gate of the IoU matching stage' },
  { name: 'maxAge', type: 'integer', default: 30, description: 'frames a confirmed track survives without a match' },
  { name: 'nInit', type: 'integer', default: 3, description: 'hits before a track is confirmed' },
  { name: 'minConfidence', type: 'number', default: 0.3, description: 'detections with a lower score are dropped' },
  { name: 'minDetectionHeight', type: 'number', default: 0, description: 'detections lower than this (px) are dropped' },
  { name: 'nmsMaxOverlap', type: 'number', default: 1, description: 'NMS overlap above which a detection is dropped (1: none)' },
];

/** Chi-square 0.95 quantile for the 4-d (x, y, a, h) gate. */
const GATING_THRESHOLD = CHI2INV95[4];

/**
 * The DeepSORT tracker. Detections must carry `feature` (any length, the same
 * for all; it is normalised here).
 *
 * Output rule (the reference app's): every confirmed track matched in this
 * frame or missed for one frame only; its box is the filter's mean.
 *
 * @example
 * ```ts
 * import { DeepSortTracker } from '@mot/deepsort';
 * const tracker = new DeepSortTracker({ maxAge: 30 });
 * const feature = new Float32Array(128).fill(1);
 * const tracks = tracker.update([{ box: [10, 20, 50, 100], score: 0.9, classId: 0, feature }]);
 * ```
 */
export class DeepSortTracker implements Tracker {
  readonly options: Readonly<DeepSortOptions>;
  private readonly metric: NearestNeighborCosineMetric;
  private tracks: DeepSortTrack[] = [];
  private readonly ids: TrackIdCounter;

  /**
   * @param ids identity source shared with other trackers; default: a counter of its own
   */
  constructor(options?: Partial<DeepSortOptions>, ids: TrackIdCounter = new TrackIdCounter()) {
    this.ids = ids;
    this.options = resolveOptions<DeepSortOptions & Record<string, number>>('DeepSortTracker', DEEPSORT_PARAMS, options, {
      maxCosineDistance: { min: 0 },
      nnBudget: { min: 1 },
      maxIouDistance: { min: 0, max: 1 },
      maxAge: { min: 1 },
      nInit: { min: 1 },
      minDetectionHeight: { min: 0 },
      nmsMaxOverlap: { min: 0 },
    });
    this.metric = new NearestNeighborCosineMetric(this.options.maxCosineDistance, this.options.nnBudget);
  }

  reset(): void {
    this.tracks = [];
    this.ids.reset();
    this.metric.reset();
  }

  /** Every live track (tentative and confirmed), boxes tlwh px. */
  get liveTracks(): Track[] {
    return this.tracks.map((t) => this.report(t));
  }

  /**
   * With no track, `update([])` changes nothing: no frame counter, and the
   * metric's gallery already holds no target. So a run of empty frames is free.
   */
  skipEmptyFrames(_frames: number): boolean {
    return this.tracks.length === 0;
  }

  update(input: readonly Detection[]): Track[] {
    for (let i = 0; i < input.length; i++) {
      validateTlwh(input[i].box, { what: `DeepSortTracker.update: detection ${i} box` });
      if (!input[i].feature) {
        throw new ConfigError(`DeepSortTracker.update: detection ${i} has no appearance feature; DeepSORT needs one per detection (use SORT without features)`);
      }
    }
    const order = deepSortDetectionOrder(input, this.options);
    const detections = order.map((i) => input[i]);
    const features = detections.map((d) => this.metric.normalize(d.feature as Float32Array));
    const xyah = new Float64Array(detections.length * 4);
    detections.forEach((d, i) => xyah.set(tlwhToXyah(d.box), i * 4));

    for (const t of this.tracks) t.predict();

    const { matches, unmatchedTracks, unmatchedDetections } = this.match(detections, features, xyah);
    for (const [t, d] of matches) {
      this.tracks[t].update(xyah.subarray(d * 4, d * 4 + 4), detections[d].score, detections[d].classId, features[d]);
    }
    for (const t of unmatchedTracks) this.tracks[t].markMissed();
    for (const d of unmatchedDetections) this.initiate(detections[d], xyah.subarray(d * 4, d * 4 + 4), features[d]);
    this.tracks = this.tracks.filter((t) => t.state !== 'deleted');

    // Hand confirmed tracks' new features to the metric; forget everything else.
    const gathered: Float64Array[] = [];
    const targets: number[] = [];
    const active: number[] = [];
    for (const t of this.tracks) {
      if (t.state !== 'confirmed') continue;
      active.push(t.id);
      for (const f of t.pendingFeatures) {
        gathered.push(f);
        targets.push(t.id);
      }
      t.pendingFeatures = [];
    }
    this.metric.partialFit(gathered, targets, active);

    const out: Track[] = [];
    for (const t of this.tracks) if (t.state === 'confirmed' && t.timeSinceUpdate <= 1) out.push(this.report(t));
    return out;
  }

  private report(t: DeepSortTrack): Track {
    return {
      id: t.id,
      box: t.toTlwh(),
      score: t.score,
      classId: t.classId,
      state: t.state,
      age: t.age,
      hits: t.hits,
      timeSinceUpdate: t.timeSinceUpdate,
    };
  }

  private initiate(det: Detection, xyah: ArrayLike<number>, feature: Float64Array): void {
    const filter = DeepSortBoxModel.initiate(xyah);
    this.tracks.push(new DeepSortTrack(this.ids.next(), filter, det.score, det.classId, this.options.nInit, this.options.maxAge, feature));
  }

  private match(detections: readonly Detection[], features: Float64Array[], xyah: Float64Array) {
    const tracks = this.tracks;
    // Gate first, then compute appearance distances only for pairs that pass:
    // gated pairs get INFTY_COST whatever their appearance, and they are most
    // pairs in a crowded frame.
    const gatedAppearanceCost = (trackIdx: readonly number[], detIdx: readonly number[]): Matrix => {
      const cols = detIdx.length;
      const measurements = new Float64Array(cols * 4);
      detIdx.forEach((d, k) => measurements.set(xyah.subarray(d * 4, d * 4 + 4), k * 4));
      const gated = new Uint8Array(trackIdx.length * cols);
      const gate = new Float64Array(cols);
      for (let r = 0; r < trackIdx.length; r++) {
        DeepSortBoxModel.gatingDistance(tracks[trackIdx[r]].filter, measurements, cols, false, gate);
        for (let c = 0; c < cols; c++) if (gate[c] > GATING_THRESHOLD) gated[r * cols + c] = 1;
      }
      const cost = this.metric.distance(
        detIdx.map((d) => features[d]),
        trackIdx.map((t) => tracks[t].id),
        gated,
      );
      for (let k = 0; k < gated.length; k++) if (gated[k]) cost.data[k] = INFTY_COST;
      return cost;
    };
    const iouCost = (trackIdx: readonly number[], detIdx: readonly number[]): Matrix => {
      const cost = createMatrix(trackIdx.length, detIdx.length);
      for (let r = 0; r < trackIdx.length; r++) {
        const t = tracks[trackIdx[r]];
        if (t.timeSinceUpdate > 1) {
          cost.data.fill(INFTY_COST, r * detIdx.length, (r + 1) * detIdx.length);
          continue;
        }
        const a = t.toTlwh();
        for (let c = 0; c < detIdx.length; c++) {
          const b = detections[detIdx[c]].box;
          cost.data[r * detIdx.length + c] = 1 - iouTlwh(a[0], a[1], a[2], a[3], b[0], b[1], b[2], b[3]);
        }
      }
      return cost;
    };

    const confirmed: number[] = [];
    const unconfirmed: number[] = [];
    tracks.forEach((t, i) => (t.state === 'confirmed' ? confirmed : unconfirmed).push(i));
    const allDetections = detections.map((_, i) => i);

    const a = matchingCascade(
      gatedAppearanceCost,
      this.options.maxCosineDistance,
      this.options.maxAge,
      (t) => tracks[t].timeSinceUpdate,
      confirmed,
      allDetections,
    );
    const iouCandidates = [...unconfirmed, ...a.unmatchedTracks.filter((t) => tracks[t].timeSinceUpdate === 1)];
    const stillUnmatched = a.unmatchedTracks.filter((t) => tracks[t].timeSinceUpdate !== 1);
    const b = minCostMatchingSubset(iouCost, this.options.maxIouDistance, iouCandidates, a.unmatchedDetections);
    return {
      matches: [...a.matches, ...b.matches],
      unmatchedTracks: [...new Set([...stillUnmatched, ...b.unmatchedTracks])],
      unmatchedDetections: b.unmatchedDetections,
    };
  }
}

export const DEEPSORT_TRACKER: TrackerDefinition<DeepSortOptions> = {
  id: 'deepsort',
  description: 'DeepSORT: Kalman filter + appearance matching cascade + IoU (Wojke et al. 2017)',
  params: DEEPSORT_PARAMS,
  needsFeatures: true,
  create: (options, ids) => new DeepSortTracker(options, ids),
};
