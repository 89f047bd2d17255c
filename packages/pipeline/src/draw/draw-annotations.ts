/**
 * Draws one frame's tracks, trails, count lines and zones into its RGB24
 * pixels. The pure drawing half of the `annotate` operator.
 */
import type { Track } from '@mot/core';
import type { CountLine, LineCount, Point, Zone, ZoneCount } from '../types.js';
import { drawLabel, textHeight } from './bitmap-font.js';
import { drawLine, drawPolyline } from './draw-line.js';
import { strokeRect } from './fill-rect.js';
import { idColour, textColourOn } from './id-colour.js';
import type { Rgb, RgbImage } from './rgb-image.js';

/** Colour of count lines and their labels. */
export const LINE_COLOUR: Rgb = [255, 215, 0];
/** Colour of zone outlines and their labels. */
export const ZONE_COLOUR: Rgb = [0, 200, 255];
/** Box outline thickness (px). */
export const BOX_THICKNESS = 2;
/** Trail, line and zone thickness (px). */
export const LINE_THICKNESS = 2;
/** Length of a count line's direction arrow (px). */
const ARROW_LENGTH = 14;

/** What to draw on one frame. */
export interface FrameAnnotations {
  readonly tracks: readonly Track[];
  /** Trails by track id, oldest point first. */
  readonly trails?: ReadonlyMap<number, readonly Point[]>;
  readonly lines?: readonly CountLine[];
  /** Running counts, matched to `lines` by name. */
  readonly lineCounts?: readonly LineCount[];
  readonly zones?: readonly Zone[];
  /** Occupancy, matched to `zones` by name. */
  readonly zoneCounts?: readonly ZoneCount[];
  /** Label text of a track (e.g. `12 person`). */
  readonly label: (track: Track) => string;
  /** Whole-number font scale (1 = 5x7 px glyphs). */
  readonly fontScale: number;
}

const sum = (r: Readonly<Record<number, number>> | undefined): number =>
  r === undefined ? 0 : Object.values(r).reduce((s, v) => s + v, 0);

/** Line, arrow towards the 'in' side, and `name in N out M`. */
function drawCountLine(img: RgbImage, line: CountLine, count: LineCount | undefined, scale: number): void {
  const [ax, ay] = line.a;
  const [bx, by] = line.b;
  drawLine(img, line.a, line.b, LINE_THICKNESS, LINE_COLOUR);
  // (-dy, dx) points to the side where cross(b - a, p - a) > 0, the 'in' side.
  const len = Math.hypot(bx - ax, by - ay);
  if (len > 0) {
    const nx = -(by - ay) / len;
    const ny = (bx - ax) / len;
    const mid: Point = [(ax + bx) / 2, (ay + by) / 2];
    const tip: Point = [mid[0] + nx * ARROW_LENGTH, mid[1] + ny * ARROW_LENGTH];
    drawLine(img, mid, tip, LINE_THICKNESS, LINE_COLOUR);
    const head = ARROW_LENGTH / 3;
    drawLine(img, tip, [tip[0] - nx * head + ny * head, tip[1] - ny * head - nx * head], LINE_THICKNESS, LINE_COLOUR);
    drawLine(img, tip, [tip[0] - nx * head - ny * head, tip[1] - ny * head + nx * head], LINE_THICKNESS, LINE_COLOUR);
  }
  const text = `${line.name} in ${sum(count?.in)} out ${sum(count?.out)}`;
  const y = Math.max(0, Math.min(ay, by) - textHeight(scale) - 6);
  drawLabel(img, text, Math.max(0, Math.min(ax, bx)), y, [0, 0, 0], LINE_COLOUR, scale);
}

/** Zone outline and `name N` at its first vertex. */
function drawZone(img: RgbImage, zone: Zone, count: ZoneCount | undefined, scale: number): void {
  drawPolyline(img, zone.polygon, LINE_THICKNESS, ZONE_COLOUR, true);
  const [x, y] = zone.polygon[0];
  drawLabel(img, `${zone.name} ${sum(count?.count)}`, Math.max(0, x), Math.max(0, y), [0, 0, 0], ZONE_COLOUR, scale);
}

/**
 * Draws, in this order (later on top): zones, count lines, trails, boxes,
 * labels. Every primitive clips to the image. Writes into `img.data`.
 */
export function drawAnnotations(img: RgbImage, a: FrameAnnotations): void {
  for (const zone of a.zones ?? []) drawZone(img, zone, a.zoneCounts?.find((z) => z.name === zone.name), a.fontScale);
  for (const line of a.lines ?? []) drawCountLine(img, line, a.lineCounts?.find((l) => l.name === line.name), a.fontScale);
  for (const t of a.tracks) {
    const trail = a.trails?.get(t.id);
    if (trail !== undefined) drawPolyline(img, trail, LINE_THICKNESS, idColour(t.id));
  }
  for (const t of a.tracks) strokeRect(img, t.box, BOX_THICKNESS, idColour(t.id));
  for (const t of a.tracks) {
    const c = idColour(t.id);
    const h = textHeight(a.fontScale) + 4; // drawLabel's default padding is 2 px
    // Above the box when there is room, else inside its top edge.
    const y = t.box[1] - h >= 0 ? t.box[1] - h : t.box[1];
    drawLabel(img, a.label(t), Math.round(t.box[0]), Math.round(y), textColourOn(c), c, a.fontScale);
  }
}
