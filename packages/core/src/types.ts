import type { Tlwh } from './box.js';

/** One decoded video frame, RGB24, row-major, `data.length = width * height * 3`. */
export interface Frame {
  /** 0-based index in the source. */
  readonly index: number;
  /** Presentation time (ms). */
  readonly timeMs: number;
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** One object found in one frame. */
export interface Detection {
  /** tlwh, px. */
  readonly box: Tlwh;
  /** Detector confidence; higher is more confident. */
  readonly score: number;
  /** Class index (COCO index for the built-in detector; -1 when unknown). */
  readonly classId: number;
  /** Appearance embedding (unit length for the cosine metric), when known. */
  readonly feature?: Float32Array;
}

/** Lifecycle state of a track. */
export type TrackState = 'tentative' | 'confirmed' | 'deleted';

/** A tracked object as a tracker reports it after one update. */
export interface Track {
  /** Identity, unique within one tracker instance, never reused; starts at 1. */
  readonly id: number;
  /** tlwh, px: the filter's estimate after this frame's update. */
  readonly box: Tlwh;
  /** Score of the last detection matched to the track. */
  readonly score: number;
  readonly classId: number;
  readonly state: TrackState;
  /** Frames since the track was created. */
  readonly age: number;
  /** Detections matched to the track so far. */
  readonly hits: number;
  /** Frames since the last matched detection (0 = matched this frame). */
  readonly timeSinceUpdate: number;
}
