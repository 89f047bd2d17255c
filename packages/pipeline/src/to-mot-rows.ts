/**
 * Tracks as MOTChallenge result lines, frame by frame.
 */
import { formatResultRows } from '@mot/motchallenge';
import { map, type OperatorFunction } from 'rxjs';
import type { FrameResult } from './types.js';

/**
 * Formats each result's tracks as MOTChallenge result lines
 * `frame,id,x,y,w,h,1,-1,-1,-1\n` (frame 1-based = `frame.index + 1`, boxes
 * tlwh px with 2 decimals like the reference SORT and deep_sort outputs), in
 * the order the tracker reported them. A frame without tracks gives `''`, so
 * the output stays one string per frame; concatenated they are the file
 * `mot eval` reads.
 *
 * @returns an operator from results to text (one string per frame, each line ending in `\n`)
 * @example
 * ```ts
 * track('fixtures/video/TUD-Campus.mp4').pipe(toMotRows()).subscribe((text) => out.write(text));
 * ```
 */
export function toMotRows(): OperatorFunction<FrameResult, string> {
  return map(formatMotRows);
}

/** One result's tracks as MOTChallenge result lines (what {@link toMotRows} emits per frame). */
export function formatMotRows(result: FrameResult): string {
  return formatResultRows(result.tracks.map((t) => ({ frame: result.frame.index + 1, id: t.id, box: t.box })));
}
