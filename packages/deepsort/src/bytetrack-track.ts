/**
 * One ByteTrack track (ifzhang/ByteTrack `STrack`): DeepSORT's xyah Kalman
 * state, the lifecycle state, and the frame bookkeeping the tracker's list
 * handling depends on.
 */
import type { Tlwh } from '@mot/core';
import { type BoxState, DeepSortBoxModel } from '@mot/kalman';

/** `Tracked` (seen recently), `Lost` (kept for re-finding), `Removed`. */
export type ByteTrackState = 'tracked' | 'lost' | 'removed';

export class ByteTrackTrack {
  readonly kalman: BoxState;
  state: ByteTrackState = 'tracked';
  /** Confirmed: matched on a second frame, or started on frame 1. */
  activated: boolean;
  score: number;
  classId: number;
  /** Frame of the last match (the reference's `frame_id`, also its `end_frame`). */
  frameId: number;
  readonly startFrame: number;
  hits = 1;
  age = 0;
  /**
   * Whether the track is in the reference's `removed_stracks` list, which
   * `lost_stracks` is filtered against. A flag instead of the list keeps
   * memory flat; it is set at the end of the frame in which the track was
   * removed, as the reference extends that list last.
   */
  inRemovedList = false;

  constructor(
    readonly id: number,
    xyah: ArrayLike<number>,
    score: number,
    classId: number,
    frame: number,
  ) {
    this.kalman = DeepSortBoxModel.initiate(xyah);
    this.score = score;
    this.classId = classId;
    this.frameId = frame;
    this.startFrame = frame;
    this.activated = frame === 1;
  }

  /** One frame ahead; a track not currently tracked has its height velocity zeroed first. */
  predict(): void {
    if (this.state !== 'tracked') this.kalman.mean[7] = 0;
    DeepSortBoxModel.predict(this.kalman);
    this.age += 1;
  }

  /** A match in `frame` (the reference's `update` and `re_activate` alike, for what is kept here). */
  update(xyah: ArrayLike<number>, score: number, classId: number, frame: number): void {
    DeepSortBoxModel.update(this.kalman, xyah);
    this.state = 'tracked';
    this.activated = true;
    this.frameId = frame;
    this.score = score;
    this.classId = classId;
    this.hits += 1;
  }

  /** The Kalman mean as tlwh px (the reference's `STrack.tlwh`). */
  tlwh(): Tlwh {
    return DeepSortBoxModel.toTlwh(this.kalman);
  }
}
