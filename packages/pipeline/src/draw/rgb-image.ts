/**
 * The drawing target: a packed RGB24 image (row-major, top row first), the
 * layout of @mot/core's Frame.
 */

/** An RGB24 image to draw into; `data.length === width * height * 3`. */
export interface RgbImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** A colour, each channel 0..255. */
export type Rgb = readonly [r: number, g: number, b: number];

/** Sets one pixel when it lies inside the image; outside pixels are ignored (drawing clips). */
export function setPixel(img: RgbImage, x: number, y: number, c: Rgb): void {
  if (x < 0 || y < 0 || x >= img.width || y >= img.height) return;
  const i = (y * img.width + x) * 3;
  img.data[i] = c[0];
  img.data[i + 1] = c[1];
  img.data[i + 2] = c[2];
}
