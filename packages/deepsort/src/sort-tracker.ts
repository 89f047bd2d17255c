/**
 * SORT (Bewley et al. 2016, "Simple Online and Realtime Tracking"), following
 * the reference abewley/sort `sort.py` step for step so that its output can be
 * reproduced: per frame, predict every track, drop tracks whose box became
 * invalid, match detections to predicted boxes by IoU, update, create, report,
 * then delete tracks unmatched for more than `maxAge` frames.
 */
import { type Detection, type Track, type Tlwh, createMatrix, iouTlwh, validateTlwh } from '@mot/core';
import { linearSumAssignment } from '@mot/hungarian';
import { type BoxState, SortBoxModel } from '@mot/kalman';
import { resolveOptions } from './options.js';
import { TrackIdCounter } from './track-id-counter.js';
import type { Tracker, TrackerDefinition, TrackerParam } from './tracker.js';

export interface SortOptions {
  /** Frames a track survives without a matched detection (reference: 1). */
  maxAge: number;
  /** Consecutive hits before a track is reported (reference: 3). */
  minHits: number;
  /** Minimum IoU for a detection-track match (reference: 0.3). */
  iouThreshold: number;
}

export const SORT_PARAMS: readonly TrackerParam[] = [
  { name: 'maxAge', type: 'integer', default: 1, description: 'frames a track survives without a matched detection' },
  { name: 'minHits', type: 'integer', default: 3, description: 'consecutive hits before a track is reported' },
  { name: 'iouThreshold', type: 'number', default: 0.3, description: 'minimum IoU for a detection-track match' },
];

class SortTrack {
  readonly state: BoxState;
  timeSinceUpdate = 0;
  hits = 0;
  hitStreak = 0;
  age = 0;
  score: number;
  classId: number;

  constructor(
    readonly id: number,
    det: Detection,
  ) {
    this.state = SortBoxModel.initiate(det.box);
    this.score = det.score;
    this.classId = det.classId;
  }

  /** Returns the predicted box (tlwh), NaN-valued when the state went invalid. */
  predict(): Tlwh {
    SortBoxModel.predict(this.state);
    this.age += 1;
    if (this.timeSinceUpdate > 0) this.hitStreak = 0;
    this.timeSinceUpdate += 1;
    return SortBoxModel.toTlwh(this.state);
  }

  update(det: Detection): void {
    this.timeSinceUpdate = 0;
    this.hits += 1;
    this.hitStreak += 1;
    this.score = det.score;
    this.classId = det.classId;
    SortBoxModel.update(this.state, det.box);
  }
}

/**
 * The SORT tracker.
 *
 * Output rule (the reference's): after each update, a track is reported when it
 * was matched in this frame and it has `minHits` consecutive hits, or the
 * tracker has seen at most `minHits` frames. Its box is the filter's estimate.
 *
 * @example
 * ```ts
 * import { SortTracker } from '@mot/deepsort';
 * const sort = new SortTracker();            // maxAge 1, minHits 3, iouThreshold 0.3
 * const tracks = sort.update([{ box: [10, 20, 50, 100], score: 0.9, classId: 0 }]);
 * ```
 */
export class SortTracker implements Tracker {
  readonly options: Readonly<SortOptions>;
  private tracks: SortTrack[] = [];
  private frameCount = 0;
  private readonly ids: TrackIdCounter;

  /**
   * @param ids identity source shared with other trackers; default: a counter of its own
   */
  constructor(options?: Partial<SortOptions>, ids: TrackIdCounter = new TrackIdCounter()) {
    this.ids = ids;
    this.options = resolveOptions<SortOptions & Record<string, number>>('SortTracker', SORT_PARAMS, options, {
      maxAge: { min: 0 },
      minHits: { min: 0 },
      iouThreshold: { min: 0, max: 1 },
    });
  }

  reset(): void {
    this.tracks = [];
    this.frameCount = 0;
    this.ids.reset();
  }

  /** Number of live tracks (reported or not). */
  get trackCount(): number {
    return this.tracks.length;
  }

  /**
   * With no live track, `update([])` only counts the frame (the output rule
   * `frameCount <= minHits` reads the count), so a run of empty frames is one addition.
   */
  skipEmptyFrames(frames: number): boolean {
    if (this.tracks.length > 0) return false;
    this.frameCount += frames;
    return true;
  }

  update(detections: readonly Detection[]): Track[] {
    for (let i = 0; i < detections.length; i++) validateTlwh(detections[i].box, { what: `SortTracker.update: detection ${i} box` });
    this.frameCount += 1;

    // Predict; a track whose area or aspect went negative has a NaN box and is dropped.
    const predicted: Tlwh[] = [];
    const kept: SortTrack[] = [];
    for (const t of this.tracks) {
      const box = t.predict();
      if (Number.isNaN(box[0]) || Number.isNaN(box[1]) || Number.isNaN(box[2]) || Number.isNaN(box[3])) continue;
      kept.push(t);
      predicted.push(box);
    }
    this.tracks = kept;

    const { matches, unmatchedDetections } = this.associate(detections, predicted);
    for (const [d, t] of matches) this.tracks[t].update(detections[d]);
    for (const d of unmatchedDetections) this.tracks.push(new SortTrack(this.ids.next(), detections[d]));

    // Report, then delete stale tracks; the reference walks the list backwards.
    const out: Track[] = [];
    const { minHits, maxAge } = this.options;
    for (let i = this.tracks.length - 1; i >= 0; i--) {
      const t = this.tracks[i];
      if (t.timeSinceUpdate < 1 && (t.hitStreak >= minHits || this.frameCount <= minHits)) {
        out.push({
          id: t.id,
          box: SortBoxModel.toTlwh(t.state),
          score: t.score,
          classId: t.classId,
          state: t.hitStreak >= minHits ? 'confirmed' : 'tentative',
          age: t.age,
          hits: t.hits,
          timeSinceUpdate: t.timeSinceUpdate,
        });
      }
      if (t.timeSinceUpdate > maxAge) this.tracks.splice(i, 1);
    }
    return out;
  }

  /**
   * Detections (rows) to predicted boxes (columns) by IoU, as the reference's
   * `associate_detections_to_trackers`: when every detection and every track
   * has at most one candidate above the threshold the pairs are taken
   * directly, otherwise by maximum-IoU assignment; pairs under the threshold
   * are undone. Unmatched detections are listed unassigned-first, then
   * undone pairs, the order in which the reference creates their tracks.
   */
  private associate(detections: readonly Detection[], predicted: Tlwh[]): { matches: Array<[number, number]>; unmatchedDetections: number[] } {
    const nd = detections.length;
    const nt = predicted.length;
    if (nt === 0 || nd === 0) return { matches: [], unmatchedDetections: Array.from({ length: nd }, (_, i) => i) };
    const thr = this.options.iouThreshold;
    const iou = createMatrix(nd, nt);
    const rowCount = new Int32Array(nd);
    const colCount = new Int32Array(nt);
    for (let d = 0; d < nd; d++) {
      const a = detections[d].box;
      for (let t = 0; t < nt; t++) {
        const b = predicted[t];
        const v = iouTlwh(a[0], a[1], a[2], a[3], b[0], b[1], b[2], b[3]);
        iou.data[d * nt + t] = v;
        if (v > thr) {
          rowCount[d]++;
          colCount[t]++;
        }
      }
    }
    let pairs: Array<[number, number]> = [];
    if (Math.max(...rowCount) === 1 && Math.max(...colCount) === 1) {
      for (let d = 0; d < nd; d++) for (let t = 0; t < nt; t++) if (iou.data[d * nt + t] > thr) pairs.push([d, t]);
    } else {
      const cost = createMatrix(nd, nt);
      for (let k = 0; k < cost.data.length; k++) cost.data[k] = -iou.data[k];
      const { rows, cols } = linearSumAssignment(cost);
      pairs = Array.from(rows, (r, k) => [r, cols[k]] as [number, number]);
    }
    const detMatched = new Uint8Array(nd);
    for (const [d] of pairs) detMatched[d] = 1;
    const unmatchedDetections: number[] = [];
    for (let d = 0; d < nd; d++) if (!detMatched[d]) unmatchedDetections.push(d);
    const matches: Array<[number, number]> = [];
    for (const [d, t] of pairs) {
      if (iou.data[d * nt + t] < thr) unmatchedDetections.push(d);
      else matches.push([d, t]);
    }
    return { matches, unmatchedDetections };
  }
}

export const SORT_TRACKER: TrackerDefinition<SortOptions> = {
  id: 'sort',
  description: 'SORT: Kalman filter + IoU assignment (Bewley et al. 2016)',
  params: SORT_PARAMS,
  needsFeatures: false,
  create: (options, ids) => new SortTracker(options, ids),
};
