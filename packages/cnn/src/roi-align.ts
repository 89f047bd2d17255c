import { ConfigError } from '@mot/core';
import { checkRoiArgs } from './roi-boxes.js';
import { type Tensor, tensor } from './tensor.js';

/** Options of {@link roiAlign}. */
export interface RoiAlignOptions {
  /** Output bins per ROI, `s` or `[ph, pw]`. */
  outputSize: number | readonly [number, number];
  /** Input-image px -> feature-map cells, e.g. 1/16 for a stride-16 map; default 1. */
  spatialScale?: number;
  /**
   * Sample points per bin along each axis; <= 0 (default -1) picks
   * ceil(roiSize / outputSize) per axis per ROI, as torchvision.
   */
  samplingRatio?: number;
  /**
   * Shift the scaled box by -0.5 cell so that sampling positions refer to
   * pixel centres (torchvision `aligned=True`, Detectron2's ROIAlignV2).
   * With false (default) the ROI is also forced to at least 1x1 cell, as the
   * original Mask R-CNN op. Default false.
   */
  aligned?: boolean;
}

/**
 * Bilinear value of one plane at (y, x) in cell coordinates, torchvision's
 * rule: 0 beyond one cell outside the map, coordinates in (-1, 0] clamp to 0,
 * and the last row/column is held for coordinates past it.
 */
function bilinear(src: Float32Array, plane: number, h: number, w: number, y: number, x: number): number {
  if (y < -1 || y > h || x < -1 || x > w) return 0;
  if (y <= 0) y = 0;
  if (x <= 0) x = 0;
  let y0 = Math.floor(y);
  let x0 = Math.floor(x);
  let y1: number;
  let x1: number;
  if (y0 >= h - 1) {
    y0 = y1 = h - 1;
    y = y0;
  } else y1 = y0 + 1;
  if (x0 >= w - 1) {
    x0 = x1 = w - 1;
    x = x0;
  } else x1 = x0 + 1;
  const ly = y - y0;
  const lx = x - x0;
  const hy = 1 - ly;
  const hx = 1 - lx;
  return (
    hy * hx * src[plane + y0 * w + x0] +
    hy * lx * src[plane + y0 * w + x1] +
    ly * hx * src[plane + y1 * w + x0] +
    ly * lx * src[plane + y1 * w + x1]
  );
}

/**
 * ROI Align (He et al., Mask R-CNN, 2017) with torchvision's `roi_align`
 * arithmetic: no quantisation; each of the ph x pw bins averages a grid of
 * bilinearly sampled points placed at the centres of a gy x gx subdivision.
 *
 * Sample position of bin (i, j), point (a, b): y = y1' + i * binH + (a + 0.5) * binH / gy,
 * with y1' = y1 * spatialScale - (aligned ? 0.5 : 0), binH = roiH / ph.
 *
 * @param x feature map `[N, C, H, W]`
 * @param boxes `[K, 5]` rows (batchIndex, x1, y1, x2, y2), xyxy in input-image px
 * @returns `[K, C, ph, pw]`
 * @throws ShapeError for bad ranks, boxes not `[K, 5]`, a batch index outside [0, N) or non-finite coordinates
 * @throws ConfigError for a bad outputSize, spatialScale or samplingRatio
 * @example
 * const x = tensor([1, 1, 2, 2], [1, 2, 3, 4]);
 * // one bin, 2x2 samples at (0.25|0.75, 0.25|0.75) of a box [0, 0, 1, 1]: mean 1 + 0.5 + 2 * 0.5 = 2.5
 * roiAlign(x, tensor([1, 5], [0, 0, 0, 1, 1]), { outputSize: 1, samplingRatio: 2 }).data; // [2.5]
 */
export function roiAlign(x: Tensor, boxes: Tensor, options: RoiAlignOptions): Tensor {
  const scale = options?.spatialScale ?? 1;
  const { c, h, w, k, ph, pw } = checkRoiArgs('roiAlign', x, boxes, options?.outputSize, scale);
  const ratio = options.samplingRatio ?? -1;
  if (!Number.isInteger(ratio)) {
    throw new ConfigError(`roiAlign: samplingRatio must be an integer (<= 0 for adaptive), got ${String(ratio)}`);
  }
  const aligned = options.aligned ?? false;
  const offset = aligned ? 0.5 : 0;
  const src = x.data;
  const b = boxes.data;
  const out = new Float32Array(k * c * ph * pw);
  for (let r = 0; r < k; r++) {
    const batch = b[r * 5];
    const x1 = b[r * 5 + 1] * scale - offset;
    const y1 = b[r * 5 + 2] * scale - offset;
    let roiW = b[r * 5 + 3] * scale - offset - x1;
    let roiH = b[r * 5 + 4] * scale - offset - y1;
    if (!aligned) {
      // Legacy behaviour: malformed / tiny boxes become 1x1 cells.
      roiW = Math.max(roiW, 1);
      roiH = Math.max(roiH, 1);
    }
    const binH = roiH / ph;
    const binW = roiW / pw;
    const gy = ratio > 0 ? ratio : Math.ceil(roiH / ph);
    const gx = ratio > 0 ? ratio : Math.ceil(roiW / pw);
    // torchvision: count = max(gy * gx, 1); an empty grid (zero-size aligned box) yields 0.
    const count = Math.max(gy * gx, 1);
    for (let ch = 0; ch < c; ch++) {
      const plane = (batch * c + ch) * h * w;
      const obase = ((r * c + ch) * ph) * pw;
      for (let py = 0; py < ph; py++) {
        for (let px = 0; px < pw; px++) {
          let sum = 0;
          for (let iy = 0; iy < gy; iy++) {
            const y = y1 + py * binH + ((iy + 0.5) * binH) / gy;
            for (let ix = 0; ix < gx; ix++) {
              const xx = x1 + px * binW + ((ix + 0.5) * binW) / gx;
              sum += bilinear(src, plane, h, w, y, xx);
            }
          }
          out[obase + py * pw + px] = sum / count;
        }
      }
    }
  }
  return tensor([k, c, ph, pw], out);
}
