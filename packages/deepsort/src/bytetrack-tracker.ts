/**
 * ByteTrack (Zhang et al., "ByteTrack: Multi-Object Tracking by Associating
 * Every Detection Box", ECCV 2022), following ifzhang/ByteTrack @d1bf0191
 * `yolox/tracker/byte_tracker.py` step for step so that its output can be
 * reproduced. Per frame:
 *
 * 1. detections above `trackThresh` are "high", those in (`lowThresh`,
 *    `trackThresh`) "low"; the rest are dropped;
 * 2. tracked and lost tracks are predicted and matched to the high detections
 *    by IoU distance (`matchThresh`);
 * 3. still-unmatched tracked tracks are matched to the low detections
 *    (`secondMatchThresh`); those left are marked lost;
 * 4. unconfirmed tracks (started last frame) are matched to the remaining high
 *    detections (`unconfirmedMatchThresh`); those left are removed;
 * 5. remaining high detections scoring at least `trackThresh + 0.1` start
 *    tracks; lost tracks older than `trackBuffer * frameRate / 30` frames are
 *    removed; lost tracks overlapping a tracked one (IoU distance < 0.15) are
 *    dropped in favour of the longer-lived.
 *
 * IoU counts pixels inclusively (cython_bbox, which the reference uses), and
 * assignment is lap's `lapjv` with a cost limit ({@link lapjvExtended}).
 */
import { type Detection, type Track, createMatrix, iouXyxyInclusive, validateTlwh, type Matrix } from '@mot/core';
import { lapjvExtended } from '@mot/hungarian';
import { ByteTrackTrack } from './bytetrack-track.js';
import { resolveOptions } from './options.js';
import { TrackIdCounter } from './track-id-counter.js';
import type { Tracker, TrackerDefinition, TrackerParam } from './tracker.js';

export interface ByteTrackOptions {
  /** Score above which a detection is "high" (reference MOT17 evaluation: 0.6); new tracks need this + 0.1. */
  trackThresh: number;
  /** Score above which a detection is kept for the second association (reference: 0.1). */
  lowThresh: number;
  /** IoU-distance limit of the first association (reference: 0.9). */
  matchThresh: number;
  /** IoU-distance limit of the low-score association (reference: 0.5). */
  secondMatchThresh: number;
  /** IoU-distance limit for unconfirmed tracks (reference: 0.7). */
  unconfirmedMatchThresh: number;
  /** Frames a lost track is kept at 30 frames/s (reference: 30). */
  trackBuffer: number;
  /** Frame rate of the video, frames/s; scales `trackBuffer` (reference: seqinfo.ini's). */
  frameRate: number;
  /**
   * Multiply IoU by the detection score before the first and the unconfirmed
   * association (the reference does unless its `mot20` flag is set).
   */
  fuseScore: boolean;
}

export const BYTETRACK_PARAMS: readonly TrackerParam[] = [
  { name: 'trackThresh', type: 'number', default: 0.6, description: 'score above which a detection is high (new tracks need +0.1)' },
  { name: 'lowThresh', type: 'number', default: 0.1, description: 'score above which a detection enters the low-score association' },
  { name: 'matchThresh', type: 'number', default: 0.9, description: 'IoU-distance limit of the first association' },
  { name: 'secondMatchThresh', type: 'number', default: 0.5, description: 'IoU-distance limit of the low-score association' },
  { name: 'unconfirmedMatchThresh', type: 'number', default: 0.7, description: 'IoU-distance limit for unconfirmed tracks' },
  { name: 'trackBuffer', type: 'integer', default: 30, description: 'frames a lost track is kept, at 30 frames/s' },
  { name: 'frameRate', type: 'number', default: 30, description: 'video frame rate (frames/s), scales trackBuffer; mot track takes it from --seqinfo' },
  { name: 'fuseScore', type: 'boolean', default: true, description: 'weight IoU by detection score in the first and unconfirmed associations (false = the reference mot20 mode)' },
];

/** Lost tracks this close (IoU distance) to a tracked one are duplicates (reference: 0.15). */
const DUPLICATE_IOU_DISTANCE = 0.15;

/** A detection as the reference holds it: x1y1x2y2 as fed, and the tlwh / xyah derived from it. */
interface ByteDetection {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly xyah: Float64Array;
  readonly score: number;
  readonly classId: number;
}

function toByteDetection(d: Detection): ByteDetection {
  const [x, y, w, h] = d.box;
  const x1 = x;
  const y1 = y;
  const x2 = x + w;
  const y2 = y + h;
  // The reference gets tlwh back from x1y1x2y2 (x2 - x1), then xyah from tlwh.
  const tw = x2 - x1;
  const th = y2 - y1;
  return { x1, y1, x2, y2, xyah: Float64Array.of(x1 + tw / 2, y1 + th / 2, tw / th, th), score: d.score, classId: d.classId };
}

/** IoU distance (1 - inclusive IoU), rows = tracks (boxes from their means), columns = detections. */
function iouDistance(tracks: readonly ByteTrackTrack[], dets: readonly ByteDetection[], fuse: boolean): Matrix {
  const m = createMatrix(tracks.length, dets.length);
  for (let i = 0; i < tracks.length; i++) {
    const [ax, ay, aw, ah] = tracks[i].tlwh();
    for (let j = 0; j < dets.length; j++) {
      const d = dets[j];
      const cost = 1 - iouXyxyInclusive(ax, ay, ax + aw, ay + ah, d.x1, d.y1, d.x2, d.y2);
      // Fused as the reference's fuse_score computes it: 1 - (1 - cost) * score.
      m.data[i * dets.length + j] = fuse ? 1 - (1 - cost) * d.score : cost;
    }
  }
  return m;
}

/** lap-style matching: pairs in row order, unmatched rows and columns ascending. */
function assign(cost: Matrix, limit: number): { matches: Array<[number, number]>; unmatchedRows: number[]; unmatchedCols: number[] } {
  const { rowToCol, colToRow } = lapjvExtended(cost, limit);
  const matches: Array<[number, number]> = [];
  const unmatchedRows: number[] = [];
  const unmatchedCols: number[] = [];
  rowToCol.forEach((c, r) => (c >= 0 ? matches.push([r, c]) : unmatchedRows.push(r)));
  colToRow.forEach((r, c) => r < 0 && unmatchedCols.push(c));
  return { matches, unmatchedRows, unmatchedCols };
}

/** `a` followed by the tracks of `b` not already in it (the reference's `joint_stracks`). */
function joinTracks(a: readonly ByteTrackTrack[], b: readonly ByteTrackTrack[]): ByteTrackTrack[] {
  const seen = new Set(a);
  const out = a.slice();
  for (const t of b) if (!seen.has(t)) (seen.add(t), out.push(t));
  return out;
}

/**
 * The ByteTrack tracker.
 *
 * Output rule (the reference's): every tracked, confirmed track after the
 * update; its box is the Kalman mean (tlwh), its score the last matched
 * detection's. Identities are taken when a track starts, so a track that is
 * never confirmed still uses one and reported ids have gaps.
 *
 * @example
 * ```ts
 * import { ByteTrackTracker } from '@mot/deepsort';
 * const tracker = new ByteTrackTracker({ frameRate: 25 });
 * const tracks = tracker.update([{ box: [10, 20, 50, 100], score: 0.9, classId: 0 }]);
 * // frame 1: tracks start confirmed -> [{ id: 1, box: [10, 20, 50, 100], ... }]
 * ```
 */
export class ByteTrackTracker implements Tracker {
  readonly options: Readonly<ByteTrackOptions>;
  /** Frames a lost track is kept: trunc(frameRate / 30 * trackBuffer), as the reference. */
  readonly maxTimeLost: number;
  private readonly ids: TrackIdCounter;
  private tracked: ByteTrackTrack[] = [];
  private lost: ByteTrackTrack[] = [];
  private frame = 0;

  /**
   * @param ids identity source shared with other trackers; default: a counter of its own
   */
  constructor(options?: Partial<ByteTrackOptions>, ids: TrackIdCounter = new TrackIdCounter()) {
    this.options = resolveOptions<ByteTrackOptions & Record<string, number | boolean>>('ByteTrackTracker', BYTETRACK_PARAMS, options, {
      trackThresh: { min: 0, max: 1 },
      lowThresh: { min: 0, max: 1 },
      matchThresh: { min: 0, max: 2 },
      secondMatchThresh: { min: 0, max: 2 },
      unconfirmedMatchThresh: { min: 0, max: 2 },
      trackBuffer: { min: 0 },
      frameRate: { min: 0, minExclusive: true },
    });
    this.maxTimeLost = Math.trunc((this.options.frameRate / 30) * this.options.trackBuffer);
    this.ids = ids;
  }

  reset(): void {
    this.tracked = [];
    this.lost = [];
    this.frame = 0;
    this.ids.reset();
  }

  update(detections: readonly Detection[]): Track[] {
    for (let i = 0; i < detections.length; i++) validateTlwh(detections[i].box, { what: `ByteTrackTracker.update: detection ${i} box` });
    const o = this.options;
    this.frame += 1;
    const frame = this.frame;
    const high: ByteDetection[] = [];
    const low: ByteDetection[] = [];
    for (const d of detections) {
      if (d.score > o.trackThresh) high.push(toByteDetection(d));
      else if (d.score > o.lowThresh && d.score < o.trackThresh) low.push(toByteDetection(d));
    }

    const activated: ByteTrackTrack[] = [];
    const refound: ByteTrackTrack[] = [];
    const newlyLost: ByteTrackTrack[] = [];
    const newlyRemoved: ByteTrackTrack[] = [];
    const unconfirmed = this.tracked.filter((t) => !t.activated);
    const confirmed = this.tracked.filter((t) => t.activated);

    // First association: confirmed and lost tracks against high detections.
    const pool = joinTracks(confirmed, this.lost);
    for (const t of pool) t.predict();
    const first = assign(iouDistance(pool, high, o.fuseScore), o.matchThresh);
    for (const [ti, di] of first.matches) {
      const t = pool[ti];
      const d = high[di];
      (t.state === 'tracked' ? activated : refound).push(t);
      t.update(d.xyah, d.score, d.classId, frame);
    }

    // Second association: the tracked ones left, against low detections (never score-fused).
    const remaining = first.unmatchedRows.map((i) => pool[i]).filter((t) => t.state === 'tracked');
    const second = assign(iouDistance(remaining, low, false), o.secondMatchThresh);
    for (const [ti, di] of second.matches) {
      const t = remaining[ti];
      const d = low[di];
      (t.state === 'tracked' ? activated : refound).push(t);
      t.update(d.xyah, d.score, d.classId, frame);
    }
    for (const ti of second.unmatchedRows) {
      const t = remaining[ti];
      if (t.state !== 'lost') {
        t.state = 'lost';
        newlyLost.push(t);
      }
    }

    // Unconfirmed tracks against the high detections nobody took.
    const leftHigh = first.unmatchedCols.map((i) => high[i]);
    const third = assign(iouDistance(unconfirmed, leftHigh, o.fuseScore), o.unconfirmedMatchThresh);
    for (const [ti, di] of third.matches) {
      const d = leftHigh[di];
      unconfirmed[ti].update(d.xyah, d.score, d.classId, frame);
      activated.push(unconfirmed[ti]);
    }
    for (const ti of third.unmatchedRows) {
      unconfirmed[ti].state = 'removed';
      newlyRemoved.push(unconfirmed[ti]);
    }

    // New tracks from confident leftovers.
    const newThresh = o.trackThresh + 0.1;
    for (const di of third.unmatchedCols) {
      const d = leftHigh[di];
      if (d.score < newThresh) continue;
      activated.push(new ByteTrackTrack(this.ids.next(), d.xyah, d.score, d.classId, frame));
    }

    for (const t of this.lost) {
      if (frame - t.frameId > this.maxTimeLost) {
        t.state = 'removed';
        newlyRemoved.push(t);
      }
    }

    // List bookkeeping exactly in the reference's order. A track removed in
    // this frame is filtered out of the lost list only from the next frame on,
    // because the reference filters before it records this frame's removals.
    let tracked = this.tracked.filter((t) => t.state === 'tracked');
    tracked = joinTracks(joinTracks(tracked, activated), refound);
    const inTracked = new Set(tracked);
    let lost = this.lost.filter((t) => !inTracked.has(t));
    lost = lost.concat(newlyLost).filter((t) => !t.inRemovedList);
    for (const t of newlyRemoved) t.inRemovedList = true;
    [this.tracked, this.lost] = removeDuplicates(tracked, lost);

    const out: Track[] = [];
    for (const t of this.tracked) {
      if (!t.activated) continue;
      out.push({ id: t.id, box: t.tlwh(), score: t.score, classId: t.classId, state: 'confirmed', age: t.age, hits: t.hits, timeSinceUpdate: frame - t.frameId });
    }
    return out;
  }
}

/**
 * The reference's `remove_duplicate_stracks`: of a tracked and a lost track
 * closer than 0.15 in IoU distance, the one tracked for fewer frames goes.
 */
function removeDuplicates(tracked: ByteTrackTrack[], lost: ByteTrackTrack[]): [ByteTrackTrack[], ByteTrackTrack[]] {
  if (tracked.length === 0 || lost.length === 0) return [tracked, lost];
  const dropTracked = new Set<number>();
  const dropLost = new Set<number>();
  const lostBoxes = lost.map((t) => t.tlwh());
  for (let p = 0; p < tracked.length; p++) {
    const [ax, ay, aw, ah] = tracked[p].tlwh();
    for (let q = 0; q < lost.length; q++) {
      const [bx, by, bw, bh] = lostBoxes[q];
      if (1 - iouXyxyInclusive(ax, ay, ax + aw, ay + ah, bx, by, bx + bw, by + bh) >= DUPLICATE_IOU_DISTANCE) continue;
      const timeP = tracked[p].frameId - tracked[p].startFrame;
      const timeQ = lost[q].frameId - lost[q].startFrame;
      if (timeP > timeQ) dropLost.add(q);
      else dropTracked.add(p);
    }
  }
  return [tracked.filter((_, i) => !dropTracked.has(i)), lost.filter((_, i) => !dropLost.has(i))];
}

export const BYTETRACK_TRACKER: TrackerDefinition<ByteTrackOptions> = {
  id: 'bytetrack',
  description: 'ByteTrack: two-stage IoU association keeping low-score detections (Zhang et al. 2022)',
  params: BYTETRACK_PARAMS,
  needsFeatures: false,
  create: (options, ids) => new ByteTrackTracker(options, ids),
};
