/**
 * One DeepSORT track (deep_sort `track.py`): filter state in xyah, lifecycle
 * tentative -> confirmed after `nInit` consecutive hits, deleted when a
 * tentative track misses a frame or a confirmed one misses more than `maxAge`.
 */
import type { Tlwh, TrackState } from '@mot/core';
import { type BoxState, DeepSortBoxModel } from '@mot/kalman';

export class DeepSortTrack {
  state: TrackState = 'tentative';
  hits = 1;
  age = 1;
  timeSinceUpdate = 0;
  /** Features gathered since the metric last took them (unit length). */
  pendingFeatures: Float64Array[] = [];

  constructor(
    readonly id: number,
    readonly filter: BoxState,
    public score: number,
    public classId: number,
    private readonly nInit: number,
    private readonly maxAge: number,
    feature?: Float64Array,
  ) {
    if (feature) this.pendingFeatures.push(feature);
    // n_init <= 1 would make a track confirmed on its first hit; the reference
    // only confirms in update(), so a 1-frame track stays tentative until then.
  }

  predict(): void {
    DeepSortBoxModel.predict(this.filter);
    this.age += 1;
    this.timeSinceUpdate += 1;
  }

  update(xyah: ArrayLike<number>, score: number, classId: number, feature?: Float64Array): void {
    DeepSortBoxModel.update(this.filter, xyah);
    if (feature) this.pendingFeatures.push(feature);
    this.score = score;
    this.classId = classId;
    this.hits += 1;
    this.timeSinceUpdate = 0;
    if (this.state === 'tentative' && this.hits >= this.nInit) this.state = 'confirmed';
  }

  markMissed(): void {
    if (this.state === 'tentative' || this.timeSinceUpdate > this.maxAge) this.state = 'deleted';
  }

  toTlwh(): Tlwh {
    return DeepSortBoxModel.toTlwh(this.filter);
  }
}
