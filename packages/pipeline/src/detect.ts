/**
 * The detection stage: frames in, {@link FrameResult}s with detections out.
 */
import { ConfigError, type Detection, type Frame } from '@mot/core';
import { type Detector, type DetectFn, toDetector } from '@mot/detector';
import type { OperatorFunction } from 'rxjs';
import { orderedMap } from './ordered-map.js';
import type { FrameResult } from './types.js';

/** Which detections to keep. All optional; a detection must pass every set filter. */
export interface DetectionFilter {
  /** Minimum score. */
  readonly minScore?: number;
  /** Minimum box height (px). Drops the far, small boxes ground truth often leaves out. */
  readonly minHeight?: number;
  /** Class ids to keep (COCO indices for NanoDet). */
  readonly classes?: readonly number[];
}

/** A detector that can work on several frames at once (a worker pool) says how many here. */
interface ConcurrentDetector extends Detector {
  readonly concurrency?: number;
}

/** Checks a filter's values; throws ConfigError naming the option. @internal */
export function checkFilter(fn: string, f: DetectionFilter): void {
  if (f.minScore !== undefined && !(typeof f.minScore === 'number' && Number.isFinite(f.minScore))) {
    throw new ConfigError(`${fn}: minScore must be a finite number, got ${String(f.minScore)}`);
  }
  if (f.minHeight !== undefined && !(typeof f.minHeight === 'number' && f.minHeight >= 0)) {
    throw new ConfigError(`${fn}: minHeight must be a number >= 0 (px), got ${String(f.minHeight)}`);
  }
  if (f.classes !== undefined && !(Array.isArray(f.classes) && f.classes.every((c) => Number.isInteger(c)))) {
    throw new ConfigError(`${fn}: classes must be an array of integer class ids, got ${JSON.stringify(f.classes)}`);
  }
}

/** The detections that pass `f`, in their order. */
export function filterDetections(dets: readonly Detection[], f: DetectionFilter): Detection[] {
  const classes = f.classes === undefined ? undefined : new Set(f.classes);
  return dets.filter(
    (d) =>
      (f.minScore === undefined || d.score >= f.minScore) &&
      (f.minHeight === undefined || d.box[3] >= f.minHeight) &&
      (classes === undefined || classes.has(d.classId)),
  );
}

/**
 * Runs a detector on every frame and emits `{ frame, detections, tracks: [] }`.
 *
 * One frame is in the detector at a time, or `detector.concurrency` frames
 * when the detector declares it (a worker pool); results come out in frame
 * order either way. The operator does not slow its source by itself: use it
 * inside {@link track} or {@link pullThrough}, which pull the next frame only
 * when one has left the chain.
 *
 * @param detector a {@link Detector} (NanoDet, precomputed detections, ...) or a function frame -> detections
 * @param filter optional minimum score, minimum height (px), class ids
 * @returns an operator from frames to frame results
 * @throws ConfigError at once for a bad detector or filter
 * @example
 * ```ts
 * import { from } from 'rxjs';
 * from(frames).pipe(detect((frame) => findRedBoxes(frame), { minHeight: 10 }));
 * ```
 */
export function detect(detector: Detector | DetectFn, filter: DetectionFilter = {}): OperatorFunction<Frame, FrameResult> {
  const d = toDetector(detector) as ConcurrentDetector;
  checkFilter('detect', filter);
  const concurrency = d.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new ConfigError(`detect: detector.concurrency must be an integer >= 1, got ${String(concurrency)}`);
  }
  const filtering = filter.minScore !== undefined || filter.minHeight !== undefined || filter.classes !== undefined;
  return orderedMap(async (frame: Frame): Promise<FrameResult> => {
    const found = await d.detect(frame);
    return { frame, detections: filtering ? filterDetections(found, filter) : found, tracks: [] };
  }, concurrency);
}
