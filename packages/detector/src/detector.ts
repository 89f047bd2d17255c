/**
 * The detector seam of the pipeline: anything that turns a frame into
 * detections. NanoDet, precomputed MOTChallenge/deep_sort detections and a
 * user's own function all fit it.
 */
import { ConfigError, type Detection, type Frame } from '@mot/core';

/** Finds objects in frames. */
export interface Detector {
  /**
   * Detections of one frame.
   * @param frame RGB24 frame; `frame.index` is 0-based in its source
   * @returns boxes tlwh in the frame's px, with score and class (`feature` when the detector computes one)
   */
  detect(frame: Frame): Promise<Detection[]>;
  /**
   * How many `detect` calls may usefully be in flight at once (a
   * {@link PooledDetector} has one per worker thread); absent means 1. A
   * pipeline keeps this many frames in flight and still emits in frame order.
   */
  readonly concurrency?: number;
}

/** A detector written as a plain (sync or async) function. */
export type DetectFn = (frame: Frame) => Detection[] | Promise<Detection[]>;

/**
 * Accepts a {@link Detector} or a {@link DetectFn} and returns a {@link Detector}.
 *
 * @param d a detector object or a function from frame to detections
 * @returns `d` itself when it already is a detector, else a wrapper whose `detect` awaits the function
 * @throws ConfigError when `d` is neither
 * @example
 * const everyFrameOneBox = toDetector(() => [{ box: [10, 20, 30, 60], score: 1, classId: 0 }]);
 * await everyFrameOneBox.detect(frame); // [{ box: [10, 20, 30, 60], score: 1, classId: 0 }]
 */
export function toDetector(d: Detector | DetectFn): Detector {
  if (typeof d === 'function') return { detect: async (frame) => d(frame) };
  if (d !== null && typeof d === 'object' && typeof (d as Detector).detect === 'function') return d;
  throw new ConfigError(`toDetector: detector must be a function (frame) => Detection[] or an object with detect(frame), got ${d === null ? 'null' : typeof d}`);
}
