import type { Frame, Tlwh } from '@mot/core';
import { IMAGENET_MEAN_RGB, IMAGENET_STD_RGB } from './osnet-models.js';

/**
 * Integer pixel bounds `[x0, y0, x1, y1)` of a tlwh box clipped to the frame,
 * at least one pixel wide and high (a box wholly outside keeps the nearest
 * border pixel, so every detection still gets an embedding).
 */
export function clippedCropBounds(frame: Pick<Frame, 'width' | 'height'>, box: Readonly<Tlwh>): [number, number, number, number] {
  const { width, height } = frame;
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  // deep_sort's crop rounds the box to whole pixels; torchreid crops what it is given.
  const x0 = clamp(Math.round(box[0]), 0, width - 1);
  const y0 = clamp(Math.round(box[1]), 0, height - 1);
  const x1 = clamp(Math.round(box[0] + box[2]), x0 + 1, width);
  const y1 = clamp(Math.round(box[1] + box[3]), y0 + 1, height);
  return [x0, y0, x1, y1];
}

/**
 * torchreid's test transform for one box, written into `out` at `offset`:
 * crop (clipped to the frame), bilinear resize to `outW x outH` (pixel centres
 * aligned, as PIL and OpenCV sample when enlarging), RGB / 255, ImageNet mean
 * and std, CHW.
 *
 * @param frame RGB24
 * @param box tlwh, frame px
 * @param out `[..., 3, outH, outW]` float32 buffer
 * @param offset first element of this crop in `out`
 */
export function writeReidCrop(frame: Frame, box: Readonly<Tlwh>, outH: number, outW: number, out: Float32Array, offset: number): void {
  const [x0, y0, x1, y1] = clippedCropBounds(frame, box);
  const { width, data } = frame;
  const cw = x1 - x0;
  const ch = y1 - y0;
  const sx = cw / outW;
  const sy = ch / outH;
  const plane = outH * outW;
  const scale = [1 / (255 * IMAGENET_STD_RGB[0]), 1 / (255 * IMAGENET_STD_RGB[1]), 1 / (255 * IMAGENET_STD_RGB[2])];
  const shift = [IMAGENET_MEAN_RGB[0] / IMAGENET_STD_RGB[0], IMAGENET_MEAN_RGB[1] / IMAGENET_STD_RGB[1], IMAGENET_MEAN_RGB[2] / IMAGENET_STD_RGB[2]];
  // Horizontal taps once per column.
  const left = new Int32Array(outW);
  const right = new Int32Array(outW);
  const fx = new Float64Array(outW);
  for (let ox = 0; ox < outW; ox++) {
    const x = Math.min(cw - 1, Math.max(0, (ox + 0.5) * sx - 0.5));
    const xi = Math.floor(x);
    left[ox] = 3 * (x0 + xi);
    right[ox] = 3 * (x0 + Math.min(cw - 1, xi + 1));
    fx[ox] = x - xi;
  }
  for (let oy = 0; oy < outH; oy++) {
    const y = Math.min(ch - 1, Math.max(0, (oy + 0.5) * sy - 0.5));
    const yi = Math.floor(y);
    const fy = y - yi;
    const top = (y0 + yi) * width * 3;
    const bottom = (y0 + Math.min(ch - 1, yi + 1)) * width * 3;
    for (let ox = 0; ox < outW; ox++) {
      const a = fx[ox];
      const o = offset + oy * outW + ox;
      for (let c = 0; c < 3; c++) {
        const t = data[top + left[ox] + c] * (1 - a) + data[top + right[ox] + c] * a;
        const b = data[bottom + left[ox] + c] * (1 - a) + data[bottom + right[ox] + c] * a;
        out[o + c * plane] = (t * (1 - fy) + b * fy) * scale[c] - shift[c];
      }
    }
  }
}
