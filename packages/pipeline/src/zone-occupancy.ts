/**
 * zoneOccupancy: who is inside each zone, and for how long.
 */
import { defer, map, type MonoTypeOperatorFunction } from 'rxjs';
import { DEFAULT_FORGET_AFTER_FRAMES, type CountingOptions } from './count-lines.js';
import { checkForget, checkZones } from './geometry-checks.js';
import type { FrameResult, Zone } from './types.js';
import { ZoneCounter } from './zone-counter.js';

/**
 * Sets `result.zones`: for each zone (in the order given), the tracks whose
 * reference point (box bottom-centre) is inside the polygon on this frame,
 * counted per classId, and each one's dwell time in its current visit:
 * `frames` observed inside since entering and `ms` = frame.timeMs minus the
 * entry frame's timeMs. Leaving (observed outside) ends a visit; re-entering
 * starts again from 0. Frames where the id is absent do not end it. Points
 * exactly on an edge: see {@link pointInPolygon}. State is per subscription;
 * ids absent for more than `forgetAfterFrames` frames are forgotten.
 *
 * @param zones - the zones (px), unique names, >= 3 vertices each
 * @param options - forgetAfterFrames
 * @returns the results with `zones` set
 * @throws {ConfigError} at once for a bad zone
 * @example
 * ```ts
 * results$.pipe(zoneOccupancy([parseZone('100,100,300,100,300,300,100,300,queue')]));
 * ```
 */
export function zoneOccupancy(zones: readonly Zone[], options: CountingOptions = {}): MonoTypeOperatorFunction<FrameResult> {
  checkZones('zoneOccupancy', zones);
  checkForget('zoneOccupancy', options.forgetAfterFrames);
  const forget = options.forgetAfterFrames ?? DEFAULT_FORGET_AFTER_FRAMES;
  return (source) =>
    defer(() => {
      const counter = new ZoneCounter(zones, forget);
      return source.pipe(map((r) => ({ ...r, zones: counter.update(r.tracks, r.frame.index, r.frame.timeMs) })));
    });
}
