/**
 * A stable, well-spread colour per track id.
 */
import type { Rgb } from './rgb-image.js';

/** 1/phi: successive multiples mod 1 spread hues evenly (the golden-angle sequence). */
const GOLDEN_RATIO_CONJUGATE = 0.6180339887498949;

/** HSV (each 0..1) to RGB 0..255 (the standard hexcone conversion). */
export function hsvToRgb(h: number, s: number, v: number): Rgb {
  const i = Math.floor(h * 6);
  const f = h * 6 - i;
  const p = v * (1 - s);
  const q = v * (1 - f * s);
  const t = v * (1 - (1 - f) * s);
  const [r, g, b] = [
    [v, t, p],
    [q, v, p],
    [p, v, t],
    [p, q, v],
    [t, p, v],
    [v, p, q],
  ][((i % 6) + 6) % 6];
  return [Math.round(r * 255), Math.round(g * 255), Math.round(b * 255)];
}

/**
 * The colour of track `id`: hue = frac(id / phi), saturation 0.85, value 0.95.
 * The same id always gets the same colour; consecutive ids differ by about
 * 222 degrees of hue.
 */
export function idColour(id: number): Rgb {
  const h = (id * GOLDEN_RATIO_CONJUGATE) % 1;
  return hsvToRgb(h < 0 ? h + 1 : h, 0.85, 0.95);
}

/** Black or white, whichever reads better on `c` (Rec. 601 luma above/below 140). */
export function textColourOn(c: Rgb): Rgb {
  return 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2] > 140 ? [0, 0, 0] : [255, 255, 255];
}
