/**
 * The state machine behind zoneOccupancy: who is inside each zone and since when.
 */
import type { Track } from '@mot/core';
import { pointInPolygon } from './point-in-polygon.js';
import { referencePoint } from './reference-point.js';
import type { Zone, ZoneCount } from './types.js';

interface Visit {
  enteredMs: number;
  frames: number;
  lastFrame: number;
}

/**
 * Per frame and zone: the ids whose reference point (box bottom-centre) is in
 * the polygon ({@link pointInPolygon}), counted by class, each with its dwell
 * time in the current visit: `frames` = frames it was observed inside since it
 * entered, `ms` = this frame's timeMs minus the timeMs of the frame it entered
 * on (0 on the entry frame). A visit ends when the id is observed outside;
 * coming back starts a new visit from 0. Frames on which the id is absent
 * (occluded) do not end the visit. Ids not seen for more than
 * `forgetAfterFrames` frames are forgotten; ids outside every zone are not
 * remembered at all.
 */
export class ZoneCounter {
  private readonly zones: readonly Zone[];
  private readonly visits: Map<number, Visit>[];
  private readonly forgetAfterFrames: number;

  constructor(zones: readonly Zone[], forgetAfterFrames: number) {
    this.zones = zones;
    this.visits = zones.map(() => new Map());
    this.forgetAfterFrames = forgetAfterFrames;
  }

  /** Feeds one frame's tracks; returns each zone's occupancy on it. */
  update(tracks: readonly Track[], frameIndex: number, timeMs: number): ZoneCount[] {
    return this.zones.map((zone, z) => {
      const visits = this.visits[z];
      const count: Record<number, number> = {};
      const inside: { id: number; classId: number; frames: number; ms: number }[] = [];
      for (const t of tracks) {
        const isIn = pointInPolygon(referencePoint(t.box), zone.polygon);
        let v = visits.get(t.id);
        if (isIn) {
          if (v === undefined) {
            v = { enteredMs: timeMs, frames: 0, lastFrame: frameIndex };
            visits.set(t.id, v);
          }
          v.frames++;
          count[t.classId] = (count[t.classId] ?? 0) + 1;
          inside.push({ id: t.id, classId: t.classId, frames: v.frames, ms: timeMs - v.enteredMs });
          v.lastFrame = frameIndex;
        } else {
          // The visit (if any) is over; only ids inside are remembered.
          visits.delete(t.id);
        }
      }
      for (const [id, v] of visits) if (frameIndex - v.lastFrame > this.forgetAfterFrames) visits.delete(id);
      return { name: zone.name, count, inside };
    });
  }

  /** Ids remembered over all zones (for memory checks). */
  get remembered(): number {
    return this.visits.reduce((n, m) => n + m.size, 0);
  }
}
