import { ShapeError } from '@mot/core';
import { checkRoiArgs } from './roi-boxes.js';
import { type Tensor, expectRank, tensor } from './tensor.js';

/** Options of {@link roiPool}. */
export interface RoiPoolOptions {
  /** Output bins per ROI, `s` or `[ph, pw]`. */
  outputSize: number | readonly [number, number];
  /** Input-image px -> feature-map cells, e.g. 1/16 for a stride-16 map; default 1. */
  spatialScale?: number;
}

/** C's round(): half away from zero (Math.round rounds -0.5 to -0); torchvision rounds box corners so. */
function roundHalfAway(v: number): number {
  return v < 0 ? -Math.round(-v) : Math.round(v);
}

type Dims = ReturnType<typeof checkRoiArgs>;

/**
 * Walks the Fast R-CNN bin layout of validated arguments and calls
 * `visit(outIndex, argmax, max)` for every output value in `[K, C, ph, pw]`
 * order; `argmax` is the input offset of the bin maximum, -1 for an empty bin.
 */
function scan(x: Tensor, boxes: Tensor, dims: Dims, scale: number, visit: (outIndex: number, argmax: number, max: number) => void): void {
  const { c, h, w, k, ph, pw } = dims;
  const src = x.data;
  const b = boxes.data;
  let o = 0;
  for (let r = 0; r < k; r++) {
    const batch = b[r * 5];
    // Quantise the box to whole cells (inclusive corners), as torchvision's roi_pool.
    const x1 = roundHalfAway(b[r * 5 + 1] * scale);
    const y1 = roundHalfAway(b[r * 5 + 2] * scale);
    const x2 = roundHalfAway(b[r * 5 + 3] * scale);
    const y2 = roundHalfAway(b[r * 5 + 4] * scale);
    const roiW = Math.max(x2 - x1 + 1, 1);
    const roiH = Math.max(y2 - y1 + 1, 1);
    const binH = roiH / ph;
    const binW = roiW / pw;
    for (let ch = 0; ch < c; ch++) {
      const plane = (batch * c + ch) * h * w;
      for (let py = 0; py < ph; py++) {
        const ys = Math.min(Math.max(Math.floor(py * binH) + y1, 0), h);
        const ye = Math.min(Math.max(Math.ceil((py + 1) * binH) + y1, 0), h);
        for (let px = 0; px < pw; px++) {
          const xs = Math.min(Math.max(Math.floor(px * binW) + x1, 0), w);
          const xe = Math.min(Math.max(Math.ceil((px + 1) * binW) + x1, 0), w);
          let m = -Infinity;
          let at = -1;
          for (let y = ys; y < ye; y++) {
            for (let xx = xs; xx < xe; xx++) {
              const v = src[plane + y * w + xx];
              // Strict `>`: the first maximum in scan order wins ties.
              if (v > m || at < 0) {
                m = v;
                at = plane + y * w + xx;
              }
            }
          }
          visit(o++, at, at < 0 ? 0 : m);
        }
      }
    }
  }
}

/**
 * ROI max pooling (Girshick, Fast R-CNN, 2015), with torchvision's `roi_pool`
 * arithmetic: box corners are scaled and rounded to cells (half away from
 * zero), the ROI spans x1..x2 inclusive (at least 1 cell), bin (i, j) covers
 * rows floor(i * h / ph) .. ceil((i + 1) * h / ph) of it clipped to the map,
 * and an empty bin outputs 0.
 *
 * @param x feature map `[N, C, H, W]`
 * @param boxes `[K, 5]` rows (batchIndex, x1, y1, x2, y2), xyxy in input-image px
 * @returns `[K, C, ph, pw]`
 * @throws ShapeError for bad ranks, boxes not `[K, 5]`, a batch index outside [0, N) or non-finite coordinates
 * @throws ConfigError for a bad outputSize or spatialScale
 * @example
 * const x = tensor([1, 1, 2, 2], [1, 2, 3, 4]);
 * roiPool(x, tensor([1, 5], [0, 0, 0, 1, 1]), { outputSize: 1 }).data; // [4]
 */
export function roiPool(x: Tensor, boxes: Tensor, options: RoiPoolOptions): Tensor {
  const scale = options?.spatialScale ?? 1;
  const dims = checkRoiArgs('roiPool', x, boxes, options?.outputSize, scale);
  const out = new Float32Array(dims.k * dims.c * dims.ph * dims.pw);
  scan(x, boxes, dims, scale, (i, _at, m) => {
    out[i] = m;
  });
  return tensor([dims.k, dims.c, dims.ph, dims.pw], out);
}

/**
 * Gradient of {@link roiPool} with respect to its input: each upstream value
 * is added at its bin's argmax (first maximum in scan order on ties); empty
 * bins route nothing. Overlapping ROIs and bins accumulate.
 *
 * @param dy upstream gradient `[K, C, ph, pw]`
 * @param x the forward input `[N, C, H, W]` (argmaxes are recomputed from it)
 * @param boxes the forward boxes `[K, 5]`
 * @returns gradient `[N, C, H, W]`
 * @throws ShapeError when `dy` does not have the forward output shape, and as {@link roiPool}
 * @example
 * const x = tensor([1, 1, 2, 2], [1, 2, 3, 4]);
 * roiPoolBackward(tensor([1, 1, 1, 1], [5]), x, tensor([1, 5], [0, 0, 0, 1, 1]), { outputSize: 1 }).data; // [0, 0, 0, 5]
 */
export function roiPoolBackward(dy: Tensor, x: Tensor, boxes: Tensor, options: RoiPoolOptions): Tensor {
  const scale = options?.spatialScale ?? 1;
  const dims = checkRoiArgs('roiPoolBackward', x, boxes, options?.outputSize, scale);
  const want = [dims.k, dims.c, dims.ph, dims.pw];
  expectRank(dy, 4, 'roiPoolBackward: dy');
  if (want.some((d, i) => dy.shape[i] !== d)) {
    throw new ShapeError(`roiPoolBackward: dy must have shape [${want.join(', ')}], got [${dy.shape.join(', ')}]`);
  }
  const dx = new Float32Array(x.data.length);
  const up = dy.data;
  scan(x, boxes, dims, scale, (i, at) => {
    if (at >= 0) dx[at] += up[i];
  });
  return tensor(x.shape, dx);
}
