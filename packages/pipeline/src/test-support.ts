/**
 * Helpers for the @mot/pipeline tests (not exported): frames, tracks and results built by hand.
 */
import type { Frame, Tlwh, Track } from '@mot/core';
import type { FrameResult } from './types.js';

/** A black RGB24 frame; `timeMs` = 40 ms per index (25 fps). */
export function blackFrame(width: number, height: number, index = 0): Frame {
  return { index, timeMs: index * 40, width, height, data: new Uint8Array(width * height * 3) };
}

/** A confirmed track matched on this frame. */
export function track(id: number, box: Tlwh, classId = 0): Track {
  return { id, box, score: 0.9, classId, state: 'confirmed', age: 1, hits: 1, timeSinceUpdate: 0 };
}

/** A result with no detections. */
export function result(frame: Frame, tracks: readonly Track[]): FrameResult {
  return { frame, detections: [], tracks };
}

/** The RGB of pixel (x, y). */
export function pixel(frame: { width: number; data: Uint8Array }, x: number, y: number): number[] {
  const i = (y * frame.width + x) * 3;
  return [frame.data[i], frame.data[i + 1], frame.data[i + 2]];
}
