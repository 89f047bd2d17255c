/**
 * Lets a frame's pixels go once no later stage needs them.
 */
import type { Frame } from '@mot/core';
import { map, type MonoTypeOperatorFunction } from 'rxjs';
import type { FrameResult } from './types.js';

const NO_PIXELS = new Uint8Array(0);

/**
 * Replaces each result's frame by one with `data` of length 0 (index,
 * timeMs, width and height kept), so that a consumer that keeps results
 * (`toArray()`, a log) keeps boxes, not 0.9 MB of pixels per 640x480 frame.
 * {@link track} ends with it unless `keepPixels` is set.
 *
 * @returns an operator; results are copies, the original frame object is not changed
 * @example
 * ```ts
 * results$.pipe(annotate(), writeVideo('out.mp4'), releasePixels());
 * ```
 */
export function releasePixels(): MonoTypeOperatorFunction<FrameResult> {
  return map((result: FrameResult): FrameResult => {
    const f = result.frame;
    const frame: Frame = { index: f.index, timeMs: f.timeMs, width: f.width, height: f.height, data: NO_PIXELS };
    return { ...result, frame };
  });
}
