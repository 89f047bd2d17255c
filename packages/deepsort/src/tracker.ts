import type { Detection, Track } from '@mot/core';

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
}

/** Description of one tracker option, for `--tracker.<name>` CLI flags and docs. */
export interface TrackerParam {
  readonly name: string;
  readonly type: 'number' | 'integer';
  readonly default: number;
  readonly description: string;
}

/** A tracker as the registry knows it. */
export interface TrackerDefinition<O = Record<string, number>> {
  readonly id: string;
  readonly description: string;
  readonly params: readonly TrackerParam[];
  /** Whether detections must carry appearance features. */
  readonly needsFeatures: boolean;
  create(options?: Partial<O>): Tracker;
}
