/**
 * The recent reference points of each live track, for drawing trails.
 */
import type { Track } from '@mot/core';
import { referencePoint } from './reference-point.js';
import type { Point } from './types.js';

/**
 * Keeps the last `length` bottom-centre points of every track present on the
 * latest frame. A track absent from a frame is dropped with its points, so
 * memory is bounded by (tracks on screen) x `length`.
 */
export class TrailHistory {
  private readonly length: number;
  private trails = new Map<number, Point[]>();

  /** @param length - points kept per track (>= 1) */
  constructor(length: number) {
    this.length = length;
  }

  /** Adds this frame's points and forgets ids not on it. Returns the trails (oldest point first) by id. */
  update(tracks: readonly Track[]): ReadonlyMap<number, readonly Point[]> {
    const next = new Map<number, Point[]>();
    for (const t of tracks) {
      const trail = this.trails.get(t.id) ?? [];
      trail.push(referencePoint(t.box));
      if (trail.length > this.length) trail.splice(0, trail.length - this.length);
      next.set(t.id, trail);
    }
    this.trails = next;
    return next;
  }

  /** Ids currently tracked (for tests and memory checks). */
  get size(): number {
    return this.trails.size;
  }
}
