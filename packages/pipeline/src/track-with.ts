/**
 * The tracking stage: detections in, tracks out, one frame at a time.
 */
import { ConfigError } from '@mot/core';
import type { Tracker } from '@mot/deepsort';
import { map, type MonoTypeOperatorFunction } from 'rxjs';
import type { FrameResult } from './types.js';

/**
 * Feeds each result's detections to `tracker.update` and sets `tracks` to
 * what it reports. Synchronous; the tracker's state carries from frame to
 * frame, so give each stream its own tracker (or `reset()` it between runs).
 * Every frame must pass, in order, including frames without detections: a
 * tracker counts frames by its updates.
 *
 * @param tracker a {@link Tracker} (`new SortTracker()`, `getTracker('deepsort').create()`, ...)
 * @returns an operator; each result is a copy with `tracks` set
 * @throws ConfigError at once when `tracker` has no `update` method
 * @example
 * ```ts
 * frames$.pipe(detect(detector), trackWith(new SortTracker({ maxAge: 1, minHits: 3, iouThreshold: 0.3 })));
 * ```
 */
export function trackWith(tracker: Tracker): MonoTypeOperatorFunction<FrameResult> {
  if (tracker === null || typeof tracker !== 'object' || typeof tracker.update !== 'function') {
    throw new ConfigError(`trackWith: tracker must have an update(detections) method, got ${tracker === null ? 'null' : typeof tracker}`);
  }
  return map((result: FrameResult): FrameResult => ({ ...result, tracks: tracker.update(result.detections) }));
}
