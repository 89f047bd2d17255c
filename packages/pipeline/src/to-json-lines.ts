/**
 * Results as JSON lines, one per frame (schema in the package README).
 */
import type { Detection, Track } from '@mot/core';
import { COCO_CLASSES } from '@mot/detector';
import { formatFixed } from '@mot/motchallenge';
import { map, type OperatorFunction } from 'rxjs';
import type { FrameResult } from './types.js';

/** Options of {@link toJsonLines}. */
export interface JsonLinesOptions {
  /** Class names by class id, for the `class` field. Default: COCO (NanoDet's classes); `null` when the id has no name. */
  readonly classNames?: readonly string[];
}

/** Boxes with 2 decimals: enough for pixels, and lines stay short. */
const round2 = (v: number): number => Number(formatFixed(v, 2));

function detectionJson(d: Detection, names: readonly string[]) {
  return { box: d.box.map(round2), score: Number(formatFixed(d.score, 4)), classId: d.classId, class: names[d.classId] ?? null };
}

function trackJson(t: Track, names: readonly string[]) {
  return {
    id: t.id,
    box: t.box.map(round2),
    score: Number(formatFixed(t.score, 4)),
    classId: t.classId,
    class: names[t.classId] ?? null,
    state: t.state,
    age: t.age,
    hits: t.hits,
    timeSinceUpdate: t.timeSinceUpdate,
  };
}

/**
 * Formats each result as one JSON line (ending in `\n`):
 *
 * `{"frame":1,"index":0,"timeMs":0,"detections":[...],"tracks":[...],"lines":[...],"zones":[...]}`
 *
 * `frame` is 1-based (as in MOT files), `index` 0-based; boxes are tlwh px;
 * `lines` and `zones` are present when `countLines` / `zoneOccupancy` ran
 * upstream. Appearance features are left out (they would dwarf the rest).
 *
 * @param options class names for the `class` fields
 * @returns an operator from results to text, one line per frame
 * @example
 * ```ts
 * track('fixtures/video/TUD-Campus.mp4').pipe(toJsonLines()).subscribe((line) => out.write(line));
 * // {"frame":1,"index":0,"timeMs":0,"detections":[{"box":[1.2,130.5,82.1,208.3],"score":0.61,"classId":0,"class":"person"}, ...
 * ```
 */
export function toJsonLines(options: JsonLinesOptions = {}): OperatorFunction<FrameResult, string> {
  return map((r: FrameResult): string => formatJsonLine(r, options));
}

/** One result as a JSON line (what {@link toJsonLines} emits per frame). */
export function formatJsonLine(r: FrameResult, options: JsonLinesOptions = {}): string {
  const names = options.classNames ?? COCO_CLASSES;
  const line: Record<string, unknown> = {
    frame: r.frame.index + 1,
    index: r.frame.index,
    timeMs: Number(formatFixed(r.frame.timeMs, 3)),
    detections: r.detections.map((d) => detectionJson(d, names)),
    tracks: r.tracks.map((t) => trackJson(t, names)),
  };
  if (r.lines !== undefined) line.lines = r.lines;
  if (r.zones !== undefined) line.zones = r.zones;
  return `${JSON.stringify(line)}\n`;
}
