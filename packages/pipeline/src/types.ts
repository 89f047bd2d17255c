import type { Detection, Frame, Track } from '@mot/core';

/** A point in frame pixels. */
export type Point = readonly [x: number, y: number];

/** A counting line from `a` to `b` (frame px). Crossing it left-to-right as seen from a towards b is 'in'. */
export interface CountLine {
  readonly name: string;
  readonly a: Point;
  readonly b: Point;
}

/** A polygonal zone (frame px, at least 3 vertices). */
export interface Zone {
  readonly name: string;
  readonly polygon: readonly Point[];
}

/** Running crossing counts of one line, per direction and class, up to and including this frame. */
export interface LineCount {
  readonly name: string;
  /** Crossings in the line's 'in' direction, by classId. */
  readonly in: Readonly<Record<number, number>>;
  /** Crossings in the 'out' direction, by classId. */
  readonly out: Readonly<Record<number, number>>;
  /** Track ids that crossed on this frame, with their direction. */
  readonly crossed: readonly { readonly id: number; readonly classId: number; readonly direction: 'in' | 'out' }[];
}

/** One zone on one frame: who is inside and for how long. */
export interface ZoneCount {
  readonly name: string;
  /** Tracks inside on this frame, by classId. */
  readonly count: Readonly<Record<number, number>>;
  /** Ids inside on this frame with their dwell time so far (frames and ms). */
  readonly inside: readonly { readonly id: number; readonly classId: number; readonly frames: number; readonly ms: number }[];
}

/**
 * What the pipeline emits per frame. `frame.data` may be empty (length 0)
 * once the last stage that needs the pixels is done; width, height, index and
 * timeMs stay.
 */
export interface FrameResult {
  readonly frame: Frame;
  readonly detections: readonly Detection[];
  readonly tracks: readonly Track[];
  /** Set by `countLines`. */
  readonly lines?: readonly LineCount[];
  /** Set by `zoneOccupancy`. */
  readonly zones?: readonly ZoneCount[];
}
