/**
 * Multi-class tracking as one wrapper around any tracker: one inner tracker
 * per class, all drawing identities from one shared {@link TrackIdCounter}.
 * A detection can then only be associated with tracks of its own class, ids
 * are unique across classes by construction (no relabelling table, so memory
 * does not grow with the number of tracks), and every track carries the
 * `classId` of the tracker that holds it.
 *
 * Chosen over a class option inside every tracker because it leaves each
 * tracker's association exactly the reference's (their parity tests cover
 * the wrapped trackers unchanged) and works for any tracker in the registry.
 */
import type { Detection, Track } from '@mot/core';
import { TrackIdCounter } from './track-id-counter.js';
import type { Tracker, TrackerDefinition } from './tracker.js';

export class PerClassTracker implements Tracker {
  private readonly ids = new TrackIdCounter();
  /** Inner trackers by class, in the order their class first appeared. */
  private readonly byClass = new Map<number, Tracker>();

  /**
   * @param create makes the tracker of one class; it must take its ids from `ids`
   */
  constructor(private readonly create: (ids: TrackIdCounter) => Tracker) {}

  /**
   * Splits the detections by `classId`, updates every class's tracker (also
   * those without a detection this frame, so their tracks age as usual) and
   * returns all their tracks, classes in order of first appearance.
   */
  update(detections: readonly Detection[]): Track[] {
    const split = new Map<number, Detection[]>();
    for (const d of detections) {
      let list = split.get(d.classId);
      if (!list) split.set(d.classId, (list = []));
      list.push(d);
    }
    for (const c of split.keys()) if (!this.byClass.has(c)) this.byClass.set(c, this.create(this.ids));
    const out: Track[] = [];
    for (const [classId, tracker] of this.byClass) {
      for (const t of tracker.update(split.get(classId) ?? [])) out.push(t.classId === classId ? t : { ...t, classId });
    }
    return out;
  }

  /** Forgets every class and track; ids restart at 1. */
  reset(): void {
    this.byClass.clear();
    this.ids.reset();
  }
}

/**
 * A registered tracker run per class.
 * @param options the tracker's options, as for `definition.create`
 * @example
 * ```ts
 * import { getTracker, perClass } from '@mot/deepsort';
 * const tracker = perClass(getTracker('bytetrack'), { frameRate: 25 });
 * tracker.update([
 *   { box: [10, 20, 50, 100], score: 0.9, classId: 0 }, // person
 *   { box: [12, 30, 60, 60], score: 0.9, classId: 2 },  // car: never matched to the person's track
 * ]);
 * ```
 */
export function perClass<O>(definition: TrackerDefinition<O>, options?: Partial<O>): PerClassTracker {
  // Build one at once so that bad options fail here, not at the first frame.
  definition.create(options);
  return new PerClassTracker((ids) => definition.create(options, ids));
}
