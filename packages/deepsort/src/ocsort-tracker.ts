/**
 * OC-SORT (Cao et al., "Observation-Centric SORT: Rethinking SORT for Robust
 * Multi-Object Tracking", CVPR 2023), following noahcao/OC_SORT @8462e7e7
 * `trackers/ocsort_tracker/ocsort.py` step for step so that its output can be
 * reproduced. Per frame: detections scoring above `detThresh` are kept;
 * every track is predicted (SORT's xysr filter; invalid ones dropped);
 *
 * 1. detections are matched to predicted boxes by IoU plus observation-centric
 *    momentum (OCM, see {@link associateWithMomentum});
 * 2. observation-centric recovery (OCR): detections and tracks left over are
 *    matched by IoU against each track's last observation instead of its
 *    prediction;
 * 3. matched tracks are updated, with observation-centric re-update (ORU)
 *    after a gap (see {@link OcSortTrack}); unmatched tracks coast;
 * 4. unmatched detections start tracks; tracks are reported as SORT does and
 *    deleted after `maxAge` frames without a match.
 */
import { type Detection, type Track, validateTlwh } from '@mot/core';
import { associateWithMomentum, iouRows, maximumScoreAssignment } from './ocsort-association.js';
import { OcSortTrack } from './ocsort-track.js';
import { resolveOptions } from './options.js';
import { TrackIdCounter } from './track-id-counter.js';
import type { Tracker, TrackerDefinition, TrackerParam } from './tracker.js';

export interface OcSortOptions {
  /** Detections must score above this (reference MOT evaluation: 0.6). */
  detThresh: number;
  /** Minimum IoU for a match, in both stages (reference: 0.3). */
  iouThreshold: number;
  /** Frames a track survives without a match (reference: 30). */
  maxAge: number;
  /** Consecutive hits before a track is reported (reference: 3). */
  minHits: number;
  /** Frames between the observations that give a track's direction (reference: 3). */
  deltaT: number;
  /** Weight of the direction-consistency term (OCM) against IoU (reference: 0.2). */
  inertia: number;
}

export const OCSORT_PARAMS: readonly TrackerParam[] = [
  { name: 'detThresh', type: 'number', default: 0.6, description: 'detections must score above this' },
  { name: 'iouThreshold', type: 'number', default: 0.3, description: 'minimum IoU for a detection-track match' },
  { name: 'maxAge', type: 'integer', default: 30, description: 'frames a track survives without a matched detection' },
  { name: 'minHits', type: 'integer', default: 3, description: 'consecutive hits before a track is reported' },
  { name: 'deltaT', type: 'integer', default: 3, description: 'frames between the observations giving a track direction (OCM)' },
  { name: 'inertia', type: 'number', default: 0.2, description: 'weight of direction consistency against IoU (OCM)' },
];

/**
 * The OC-SORT tracker.
 *
 * Output rule (the reference's): after each update, a track is reported when
 * it was matched in this frame and it has `minHits` consecutive hits, or the
 * tracker has seen at most `minHits` frames. Its box is its last matched
 * detection (the filter's state for a track never matched since it started),
 * its score that detection's.
 *
 * @example
 * ```ts
 * import { OcSortTracker } from '@mot/deepsort';
 * const tracker = new OcSortTracker();       // detThresh 0.6, iouThreshold 0.3, maxAge 30, ...
 * const tracks = tracker.update([{ box: [10, 20, 50, 100], score: 0.9, classId: 0 }]);
 * ```
 */
export class OcSortTracker implements Tracker {
  readonly options: Readonly<OcSortOptions>;
  private readonly ids: TrackIdCounter;
  private tracks: OcSortTrack[] = [];
  private frameCount = 0;

  /**
   * @param ids identity source shared with other trackers; default: a counter of its own
   */
  constructor(options?: Partial<OcSortOptions>, ids: TrackIdCounter = new TrackIdCounter()) {
    this.options = resolveOptions<OcSortOptions & Record<string, number>>('OcSortTracker', OCSORT_PARAMS, options, {
      detThresh: { min: 0 },
      iouThreshold: { min: 0, max: 1 },
      maxAge: { min: 0 },
      minHits: { min: 0 },
      deltaT: { min: 1 },
      inertia: { min: 0 },
    });
    this.ids = ids;
  }

  reset(): void {
    this.tracks = [];
    this.frameCount = 0;
    this.ids.reset();
  }

  update(detections: readonly Detection[]): Track[] {
    for (let i = 0; i < detections.length; i++) validateTlwh(detections[i].box, { what: `OcSortTracker.update: detection ${i} box` });
    const { detThresh, iouThreshold, inertia, minHits, maxAge } = this.options;
    this.frameCount += 1;
    const kept = detections.filter((d) => d.score > detThresh);
    const dets = kept.map((d) => Float64Array.of(d.box[0], d.box[1], d.box[0] + d.box[2], d.box[1] + d.box[3], d.score));

    const predicted: Float64Array[] = [];
    const live: OcSortTrack[] = [];
    for (const t of this.tracks) {
      const box = t.predict();
      if (box.some(Number.isNaN)) continue;
      live.push(t);
      predicted.push(box);
    }
    this.tracks = live;

    const first = associateWithMomentum(
      dets,
      predicted,
      live.map((t) => t.velocity ?? [0, 0]),
      live.map((t) => t.previousObservation()),
      iouThreshold,
      inertia,
    );
    const lastBoxes = live.map((t) => t.lastObservation);
    for (const [d, t] of first.matches) live[t].update(dets[d], kept[d].classId);

    // OCR: leftovers against the tracks' last observations.
    let unmatchedDets = first.unmatchedDetections;
    let unmatchedTrks = first.unmatchedTracks;
    if (unmatchedDets.length > 0 && unmatchedTrks.length > 0) {
      const leftDets = unmatchedDets.map((d) => dets[d]);
      const iou = iouRows(
        leftDets,
        unmatchedTrks.map((t) => lastBoxes[t]),
      );
      if (Math.max(...iou) > iouThreshold) {
        const nt = unmatchedTrks.length;
        const takenDets = new Set<number>();
        const takenTrks = new Set<number>();
        for (const [i, j] of maximumScoreAssignment(iou, leftDets.length, nt)) {
          if (iou[i * nt + j] < iouThreshold) continue;
          const d = unmatchedDets[i];
          const t = unmatchedTrks[j];
          live[t].update(dets[d], kept[d].classId);
          takenDets.add(d);
          takenTrks.add(t);
        }
        // The reference's np.setdiff1d: what is left, sorted ascending.
        unmatchedDets = unmatchedDets.filter((d) => !takenDets.has(d)).sort((a, b) => a - b);
        unmatchedTrks = unmatchedTrks.filter((t) => !takenTrks.has(t)).sort((a, b) => a - b);
      }
    }
    for (const t of unmatchedTrks) live[t].miss();
    for (const d of unmatchedDets) this.tracks.push(new OcSortTrack(this.ids.next(), dets[d], kept[d].classId, this.options.deltaT));

    // Report, then delete stale tracks; the reference walks the list backwards.
    const out: Track[] = [];
    for (let i = this.tracks.length - 1; i >= 0; i--) {
      const t = this.tracks[i];
      const b = t.timeSinceUpdate < 1 && (t.hitStreak >= minHits || this.frameCount <= minHits) ? (t.hasObservation() ? t.lastObservation : t.stateBox()) : undefined;
      // The reference reports the filter's box when the observation fails its
      // `sum >= 0` test (boxes far left of / above the origin), and that box is
      // NaN once the filter's area went negative; it deletes such a track at the
      // next predict. We do not report a non-finite box (found by fast-check).
      if (b !== undefined && Number.isFinite(b[0] + b[1] + b[2] + b[3])) {
        out.push({
          id: t.id,
          box: [b[0], b[1], b[2] - b[0], b[3] - b[1]],
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
}

export const OCSORT_TRACKER: TrackerDefinition<OcSortOptions> = {
  id: 'ocsort',
  description: 'OC-SORT: SORT with observation-centric re-update, momentum and recovery (Cao et al. 2023)',
  params: OCSORT_PARAMS,
  needsFeatures: false,
  create: (options, ids) => new OcSortTracker(options, ids),
};
