/**
 * Straight lines and polylines with a square brush (Bresenham's algorithm).
 */
import type { Point } from '../types.js';
import type { Rgb, RgbImage } from './rgb-image.js';
import { fillRect } from './fill-rect.js';

/**
 * Draws the segment p-q (px, rounded to whole px). Each step of the line
 * paints a `thickness` x `thickness` square whose top-left is the line pixel
 * shifted by -floor((thickness - 1) / 2) in x and y. Clipped to the image.
 */
export function drawLine(img: RgbImage, p: Point, q: Point, thickness: number, c: Rgb): void {
  let x = Math.round(p[0]);
  let y = Math.round(p[1]);
  const x1 = Math.round(q[0]);
  const y1 = Math.round(q[1]);
  // A segment entirely outside the image in one direction draws nothing; skip the walk.
  const m = thickness;
  if ((x < -m && x1 < -m) || (y < -m && y1 < -m) || (x > img.width + m && x1 > img.width + m) || (y > img.height + m && y1 > img.height + m)) return;
  const dx = Math.abs(x1 - x);
  const dy = -Math.abs(y1 - y);
  const sx = x < x1 ? 1 : -1;
  const sy = y < y1 ? 1 : -1;
  const off = Math.floor((thickness - 1) / 2);
  let err = dx + dy;
  for (;;) {
    fillRect(img, x - off, y - off, x - off + thickness, y - off + thickness, c);
    if (x === x1 && y === y1) break;
    const e2 = 2 * err;
    if (e2 >= dy) {
      err += dy;
      x += sx;
    }
    if (e2 <= dx) {
      err += dx;
      y += sy;
    }
  }
}

/** Draws consecutive segments through `points`; `closed` joins the last point to the first. */
export function drawPolyline(img: RgbImage, points: readonly Point[], thickness: number, c: Rgb, closed = false): void {
  for (let i = 1; i < points.length; i++) drawLine(img, points[i - 1], points[i], thickness, c);
  if (closed && points.length > 2) drawLine(img, points[points.length - 1], points[0], thickness, c);
}
