import { ConfigError } from '@mot/core';

/** One segment of a video: frames `first..last`, 1-based, inclusive. */
export interface Segment {
  readonly index: number;
  readonly first: number;
  readonly last: number;
}

/**
 * Cuts `frames` frames into segments of `segmentFrames` frames, each but the
 * last extended by `overlapFrames` into the next one, so consecutive segments
 * share `overlapFrames` frames for {@link stitchSegments} to match identities
 * over. Segment k starts at `k * segmentFrames + 1`.
 *
 * @example
 * planSegments(795, 199, 50) // [1..249], [200..448], [399..647], [598..795]
 */
export function planSegments(frames: number, segmentFrames: number, overlapFrames: number): Segment[] {
  if (!Number.isInteger(frames) || frames < 1) throw new ConfigError(`planSegments: frames must be a positive integer, got ${frames}`);
  if (!Number.isInteger(segmentFrames) || segmentFrames < 1) {
    throw new ConfigError(`planSegments: segment length must be at least 1 frame, got ${segmentFrames}`);
  }
  if (!Number.isInteger(overlapFrames) || overlapFrames < 1 || overlapFrames >= segmentFrames) {
    throw new ConfigError(`planSegments: overlap must be at least 1 frame and shorter than a segment (${segmentFrames} frames), got ${overlapFrames}`);
  }
  const out: Segment[] = [];
  for (let first = 1, index = 0; first <= frames; first += segmentFrames, index++) {
    const last = Math.min(frames, first + segmentFrames - 1 + overlapFrames);
    out.push({ index, first, last });
    if (last === frames) break;
  }
  return out;
}

/**
 * Segments of `seconds` with `overlapSeconds` of overlap for a video of
 * `frames` frames at `fps`: the `--segment` / `--overlap` options of
 * `mot queue add`.
 * @throws ConfigError for non-positive durations or an overlap not shorter than the segment
 */
export function planSegmentsBySeconds(frames: number, fps: number, seconds: number, overlapSeconds: number): Segment[] {
  if (!(fps > 0) || !Number.isFinite(fps)) throw new ConfigError(`planSegmentsBySeconds: fps must be a positive number, got ${fps}`);
  if (!(seconds > 0) || !Number.isFinite(seconds)) throw new ConfigError(`--segment must be a positive number of seconds, got ${seconds}`);
  if (!(overlapSeconds > 0) || !Number.isFinite(overlapSeconds) || overlapSeconds >= seconds) {
    throw new ConfigError(`--overlap must be a positive number of seconds shorter than --segment (${seconds} s), got ${overlapSeconds}`);
  }
  return planSegments(frames, Math.max(1, Math.round(seconds * fps)), Math.max(1, Math.round(overlapSeconds * fps)));
}
