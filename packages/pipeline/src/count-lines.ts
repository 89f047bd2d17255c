/**
 * countLines: counts tracks crossing lines, per direction and class.
 */
import { defer, map, type MonoTypeOperatorFunction } from 'rxjs';
import { checkCountLines, checkForget } from './geometry-checks.js';
import { LineCounter } from './line-counter.js';
import type { CountLine, FrameResult } from './types.js';

/** Options of {@link countLines} and {@link zoneOccupancy}. */
export interface CountingOptions {
  /** Forget an id not seen for more than this many frames (bounds memory). Default 300 (12 s at 25 fps). */
  readonly forgetAfterFrames?: number;
}

/** Default of {@link CountingOptions.forgetAfterFrames}: longer than any tracker's max age here (DeepSORT's 70). */
export const DEFAULT_FORGET_AFTER_FRAMES = 300;

/**
 * Sets `result.lines`: for each line (in the order given), the running
 * crossing counts per direction and classId up to and including this frame,
 * and the ids that crossed on it.
 *
 * A track crosses when its reference point (box bottom-centre) moves from
 * one side of the line to the other through the segment a-b (endpoints
 * included) between its observations; points exactly on the line are skipped
 * (measured from the last point off it). 'in' is towards the side on the
 * right of a walker from a to b on screen (cross(b - a, p - a) > 0, image y
 * down). Each id counts at most once per line and direction, so jitter on the
 * line gives at most one 'in' and one 'out'. Ids unseen for
 * `forgetAfterFrames` frames are forgotten. State is per subscription.
 *
 * @param lines - the count lines (px), unique names
 * @param options - forgetAfterFrames
 * @returns the results with `lines` set (a new result object; the frame is the same)
 * @throws {ConfigError} at once for a bad line (duplicate name, a == b, non-finite)
 * @example
 * ```ts
 * results$.pipe(countLines([parseCountLine('0,300,640,300,door')])).subscribe((r) => console.log(r.lines?.[0].in));
 * ```
 */
export function countLines(lines: readonly CountLine[], options: CountingOptions = {}): MonoTypeOperatorFunction<FrameResult> {
  checkCountLines('countLines', lines);
  checkForget('countLines', options.forgetAfterFrames);
  const forget = options.forgetAfterFrames ?? DEFAULT_FORGET_AFTER_FRAMES;
  return (source) =>
    defer(() => {
      const counter = new LineCounter(lines, forget);
      return source.pipe(map((r) => ({ ...r, lines: counter.update(r.tracks, r.frame.index) })));
    });
}
