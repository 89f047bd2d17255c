/**
 * annotate: draws tracks, trails, count lines and zones onto each frame.
 */
import { assert, ShapeError, type Track } from '@mot/core';
import { COCO_CLASSES } from '@mot/detector';
import { defer, map, type MonoTypeOperatorFunction } from 'rxjs';
import { drawAnnotations } from './draw/draw-annotations.js';
import { TrailHistory } from './trail-history.js';
import type { CountLine, FrameResult, Zone } from './types.js';

/** What to draw. All optional. */
export interface AnnotateOptions {
  /** Count lines to draw (geometry); their counts come from `result.lines` (set by `countLines`). */
  readonly lines?: readonly CountLine[];
  /** Zones to draw; their counts come from `result.zones` (set by `zoneOccupancy`). */
  readonly zones?: readonly Zone[];
  /** Points kept per trail (the last K bottom-centre points of each live id). Default 30; 0 draws no trails. */
  readonly trailLength?: number;
  /** Class names by classId for the labels. Default COCO's 80 (`person` = 0). */
  readonly classNames?: readonly string[];
  /** Whole-number font scale. Default max(1, round(height / 480)): 1 up to 576 rows, 2 at 720 and 1080. */
  readonly fontScale?: number;
  /** Draw into a copy of the pixels (a new Frame object) instead of into `frame.data`. Default false. */
  readonly copy?: boolean;
}

/**
 * Draws each result's tracks onto its frame: a 2 px box in the id's colour
 * (golden-ratio hue, the same for an id throughout), a label `12 person` on
 * that colour above the box, a trail through the id's last `trailLength`
 * bottom-centre points, the count lines with an arrow to their 'in' side and
 * `name in N out M`, and the zones with `name N` (people inside now).
 *
 * Synchronous, one frame at a time. Draws IN PLACE into `frame.data` unless
 * `copy` is set: the frame emitted is the same object. Glyphs come from a
 * 5x7 bitmap font drawn straight into the RGB buffer (see the package README
 * for why not a canvas library). Trails are kept only for ids on the current
 * frame, so memory stays bounded.
 *
 * @param options - lines, zones, trailLength, classNames, fontScale, copy
 * @returns the results with their frames annotated
 * @throws {ConfigError} at once for bad options
 * @throws {ShapeError} (error notification) when a frame's data is not width*height*3 bytes (e.g. already let go)
 * @example
 * ```ts
 * const line = parseCountLine('0,300,640,300,door');
 * results$.pipe(countLines([line]), annotate({ lines: [line] }), map((r) => r.frame), writeVideo('out.mp4'));
 * ```
 */
export function annotate(options: AnnotateOptions = {}): MonoTypeOperatorFunction<FrameResult> {
  const trailLength = options.trailLength ?? 30;
  assert(Number.isInteger(trailLength) && trailLength >= 0, () => `annotate: options.trailLength must be an integer >= 0, got ${String(trailLength)}`);
  assert(
    options.fontScale === undefined || (Number.isInteger(options.fontScale) && options.fontScale >= 1),
    () => `annotate: options.fontScale must be an integer >= 1, got ${String(options.fontScale)}`,
  );
  const names = options.classNames ?? COCO_CLASSES;
  const label = (t: Track): string => {
    const name = names[t.classId];
    return name === undefined ? String(t.id) : `${t.id} ${name}`;
  };
  return (source) =>
    defer(() => {
      // Per subscription: each run of the stream starts with empty trails.
      const trails = trailLength > 0 ? new TrailHistory(trailLength) : undefined;
      return source.pipe(
        map((result) => {
          const { frame } = result;
          if (frame.data.length !== frame.width * frame.height * 3) {
            throw new ShapeError(
              `frame ${frame.index}: annotate: frame.data must be ${frame.width}*${frame.height}*3 = ${frame.width * frame.height * 3} bytes (RGB24), got ${frame.data.length}`,
            );
          }
          const target = options.copy === true ? { ...frame, data: frame.data.slice() } : frame;
          drawAnnotations(target, {
            tracks: result.tracks,
            trails: trails?.update(result.tracks),
            lines: options.lines,
            lineCounts: result.lines,
            zones: options.zones,
            zoneCounts: result.zones,
            label,
            fontScale: options.fontScale ?? Math.max(1, Math.round(frame.height / 480)),
          });
          return target === frame ? result : { ...result, frame: target };
        }),
      );
    });
}
