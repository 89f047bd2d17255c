import type { Detection, Track } from '@mot/core';
import type { TrackIdCounter } from './track-id-counter.js';

/**
 * What every tracker does: take one frame's detections, return the tracks to
 * report for that frame. Trackers are stateful; `reset()` forgets every track
 * and restarts identities at 1.
 */
export interface Tracker {
  /**
   * Advances one frame.
   * @param detections this frame's detections (tlwh px); may be empty
   * @returns the tracks the tracker reports for this frame (its output rule is
   *   documented on each tracker), boxes tlwh px
   */
  update(detections: readonly Detection[]): Track[];
  /** Forgets all tracks; the next identity is 1 again. */
  reset(): void;
  /**
   * Optional fast path for a run of frames without detections: when the
   * tracker holds no track at all (none confirmed, tentative or coasting),
   * advances its frame counters by `frames` as `frames` calls of `update([])`
   * would (each of which reports nothing and creates nothing) and returns
   * true; otherwise changes nothing and returns false, and the caller steps
   * frame by frame until every track has died. Drivers use it to jump over
   * long gaps (a det file whose only row is in frame 10,000,000) without
   * changing a single output row. A tracker without it is stepped every frame.
   * @param frames number of empty frames, >= 1
   */
  skipEmptyFrames?(frames: number): boolean;
}

/** Description of one tracker option, for `--tracker.<name>` CLI flags and docs. */
export interface TrackerParam {
  readonly name: string;
  /** Value kind; on the command line a boolean is written `true` or `false`. */
  readonly type: 'number' | 'integer' | 'boolean';
  readonly default: number | boolean;
  readonly description: string;
}

/** Option values a tracker takes: numbers, and booleans for switches. */
export type TrackerOptionValues = Record<string, number | boolean>;

/** A tracker as the registry knows it. */
export interface TrackerDefinition<O = TrackerOptionValues> {
  readonly id: string;
  readonly description: string;
  readonly params: readonly TrackerParam[];
  /** Whether detections must carry appearance features. */
  readonly needsFeatures: boolean;
  /**
   * A new tracker. `ids`, when given, hands out its identities instead of a
   * counter of its own: trackers sharing one counter never repeat an id (see
   * {@link PerClassTracker}).
   */
  create(options?: Partial<O>, ids?: TrackIdCounter): Tracker;
}
