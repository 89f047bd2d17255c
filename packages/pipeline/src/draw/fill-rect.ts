/**
 * Axis-aligned rectangles: filled, and outlined with a given thickness.
 */
import type { Rgb, RgbImage } from './rgb-image.js';

/**
 * Fills the pixels x0 <= x < x1, y0 <= y < y1 (whole px, clipped to the image).
 */
export function fillRect(img: RgbImage, x0: number, y0: number, x1: number, y1: number, c: Rgb): void {
  const xa = Math.max(0, Math.round(x0));
  const xb = Math.min(img.width, Math.round(x1));
  const ya = Math.max(0, Math.round(y0));
  const yb = Math.min(img.height, Math.round(y1));
  const { data, width } = img;
  for (let y = ya; y < yb; y++) {
    let i = (y * width + xa) * 3;
    for (let x = xa; x < xb; x++, i += 3) {
      data[i] = c[0];
      data[i + 1] = c[1];
      data[i + 2] = c[2];
    }
  }
}

/**
 * Outlines a tlwh box (px) with `thickness` px drawn inward from its edges:
 * the outer pixels are columns round(x) and round(x + w) - 1, rows round(y) and
 * round(y + h) - 1, so a box never paints outside itself.
 */
export function strokeRect(img: RgbImage, box: readonly [x: number, y: number, w: number, h: number], thickness: number, c: Rgb): void {
  const x0 = Math.round(box[0]);
  const y0 = Math.round(box[1]);
  const x1 = Math.round(box[0] + box[2]);
  const y1 = Math.round(box[1] + box[3]);
  if (x1 <= x0 || y1 <= y0) return;
  const t = Math.min(thickness, Math.ceil((x1 - x0) / 2), Math.ceil((y1 - y0) / 2));
  fillRect(img, x0, y0, x1, y0 + t, c); // top
  fillRect(img, x0, y1 - t, x1, y1, c); // bottom
  fillRect(img, x0, y0 + t, x0 + t, y1 - t, c); // left
  fillRect(img, x1 - t, y0 + t, x1, y1 - t, c); // right
}
