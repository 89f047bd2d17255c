/**
 * Letterbox preprocessing: scale an RGB24 frame to fit a square network input
 * keeping its aspect ratio, centre it on a black border, reorder channels and
 * normalise per channel. NanoDet's recipe (packages/detector/models/nanodet/README.md): BGR,
 * r = min(416 / w, 416 / h), centred, (pixel - mean) / std with pixels 0..255.
 */
import { ConfigError, type Frame } from '@mot/core';
import { type Tensor, tensor } from '@mot/cnn';
import { checkFrame } from './check-frame.js';

/** Options of {@link letterbox}. */
export interface LetterboxOptions {
  /** Side of the square input, px. Default 416. */
  size?: number;
  /** Per-channel mean in the output channel order, pixel units 0..255. Default NanoDet's BGR mean. */
  mean?: readonly [number, number, number];
  /** Per-channel standard deviation, same order and units. Default NanoDet's BGR std. */
  std?: readonly [number, number, number];
  /** Channel order of the network input. Default `'bgr'` (channel 0 = blue). */
  channelOrder?: 'bgr' | 'rgb';
}

/**
 * Where the image landed inside the network input: input = image * scale + offset.
 * `scaleX` and `scaleY` differ slightly because the scaled size is rounded to whole px.
 */
export interface LetterboxTransform {
  /** Network input side, px. */
  readonly size: number;
  readonly imageWidth: number;
  readonly imageHeight: number;
  /** Scaled width / image width. */
  readonly scaleX: number;
  /** Scaled height / image height. */
  readonly scaleY: number;
  /** Left border, input px. */
  readonly offsetX: number;
  /** Top border, input px. */
  readonly offsetY: number;
}

/** NanoDet's normalisation, B, G, R (packages/detector/models/nanodet/README.md, from NanoDet's legacy config `nanodet-g.yml`). */
export const NANODET_MEAN_BGR: readonly [number, number, number] = [103.53, 116.28, 123.675];
export const NANODET_STD_BGR: readonly [number, number, number] = [57.375, 57.12, 58.395];

/**
 * Builds a network input from a frame: bilinear resize by r = min(size / w, size / h)
 * (half-pixel centres, as OpenCV's INTER_LINEAR), centred on a black border
 * (black = pixel 0 before normalisation), channels reordered, then (p - mean) / std.
 *
 * @param frame RGB24 frame, `data.length = width * height * 3`
 * @param options input size, normalisation, channel order (defaults: NanoDet's)
 * @returns `input` `[1, 3, size, size]` and the `transform` to map boxes back to image px
 * @throws ShapeError when the frame's data does not hold width * height * 3 bytes
 * @throws ConfigError for a bad size, mean or std
 * @example
 * const { input, transform } = letterbox(frame); // 640x480 frame
 * input.shape; // [1, 3, 416, 416]
 * transform.offsetY; // (416 - 312) / 2 = 52
 */
export function letterbox(frame: Frame, options: LetterboxOptions = {}): { input: Tensor; transform: LetterboxTransform } {
  const fn = 'letterbox';
  const size = options.size ?? 416;
  const mean = options.mean ?? NANODET_MEAN_BGR;
  const std = options.std ?? NANODET_STD_BGR;
  const order = options.channelOrder ?? 'bgr';
  if (!Number.isInteger(size) || size < 1) throw new ConfigError(`${fn}: options.size must be a positive integer, got ${size}`);
  if (mean.length !== 3 || !mean.every(Number.isFinite)) throw new ConfigError(`${fn}: options.mean must be 3 finite numbers, got ${JSON.stringify(mean)}`);
  if (std.length !== 3 || !std.every((s) => Number.isFinite(s) && s > 0)) {
    throw new ConfigError(`${fn}: options.std must be 3 finite numbers > 0, got ${JSON.stringify(std)}`);
  }
  if (order !== 'bgr' && order !== 'rgb') throw new ConfigError(`${fn}: options.channelOrder must be 'bgr' or 'rgb', got ${String(order)}`);
  checkFrame(fn, frame);
  const { width, height, data } = frame;

  const r = Math.min(size / width, size / height);
  const w = Math.min(size, Math.max(1, Math.round(width * r)));
  const h = Math.min(size, Math.max(1, Math.round(height * r)));
  const offsetX = Math.floor((size - w) / 2);
  const offsetY = Math.floor((size - h) / 2);

  // One fused pass from the interleaved bytes straight into the letterboxed
  // planes: the bilinear value is computed exactly as @mot/cnn's
  // resizeBilinear (half-pixel centres) computes it on a planar float copy,
  // rounded to float32 as its output is, then normalised. Same values, without
  // the full-resolution float copy and the intermediate tensor (14 of 16 ms
  // CPU per 640x480 frame before, measured with bench/engines.bench.ts' frames).
  //
  // The taps are read from flat arrays and the three channels' lerps written
  // out inline: a function call per sample, and filling whole planes before
  // overwriting the image, cost ~15% more (6.0 against 5.2 ms per 640x480
  // frame). A separable row-then-column pass was slower still: at NanoDet's
  // ~1.5x downscale a source row is shared by barely two output rows.
  const ty = bilinearTaps(h, height);
  const tx = bilinearTaps(w, width);
  const out = new Float32Array(3 * size * size);
  const planeSize = size * size;
  fillBorder(out, size, w, h, offsetX, offsetY, mean, std);
  // Byte offsets of each output column's two taps within a source row.
  const left = new Int32Array(w);
  const right = new Int32Array(w);
  for (let x = 0; x < w; x++) {
    left[x] = 3 * tx.lo[x];
    right[x] = 3 * tx.hi[x];
  }
  const fxs = tx.frac;
  // Byte of a pixel that feeds output channel 0 and 2 (channel 0 = blue for BGR); channel 1 is green either way.
  const s0 = order === 'bgr' ? 2 : 0;
  const s2 = 2 - s0;
  const mean0 = mean[0], mean1 = mean[1], mean2 = mean[2];
  const inv0 = 1 / std[0], inv1 = 1 / std[1], inv2 = 1 / std[2];
  const stride = 3 * width;
  const d = data;
  for (let y = 0; y < h; y++) {
    const top = ty.lo[y] * stride;
    const bottom = ty.hi[y] * stride;
    const fy = ty.frac[y];
    const q0 = (y + offsetY) * size + offsetX;
    for (let x = 0; x < w; x++) {
      const tl = top + left[x];
      const tr = top + right[x];
      const bl = bottom + left[x];
      const br = bottom + right[x];
      const fx = fxs[x];
      const q = q0 + x;
      // Per channel: t, b along x, then along y, in resizeBilinear's order, rounded to float32, normalised.
      let a = d[tl + s0];
      let c = d[bl + s0];
      let t = a + (d[tr + s0] - a) * fx;
      let b = c + (d[br + s0] - c) * fx;
      out[q] = (Math.fround(t + (b - t) * fy) - mean0) * inv0;
      a = d[tl + 1];
      c = d[bl + 1];
      t = a + (d[tr + 1] - a) * fx;
      b = c + (d[br + 1] - c) * fx;
      out[planeSize + q] = (Math.fround(t + (b - t) * fy) - mean1) * inv1;
      a = d[tl + s2];
      c = d[bl + s2];
      t = a + (d[tr + s2] - a) * fx;
      b = c + (d[br + s2] - c) * fx;
      out[2 * planeSize + q] = (Math.fround(t + (b - t) * fy) - mean2) * inv2;
    }
  }
  return {
    input: tensor([1, 3, size, size], out),
    transform: { size, imageWidth: width, imageHeight: height, scaleX: w / width, scaleY: h / height, offsetX, offsetY },
  };
}

/**
 * Maps xyxy boxes from network-input px back to image px, in place, and clips
 * them to the image (the border around the letterboxed image is not image).
 *
 * @param boxes flat `[K, 4]` xyxy, input px (overwritten with image px)
 * @param t the transform {@link letterbox} returned
 */
export function inputBoxesToImage(boxes: Float32Array, t: LetterboxTransform): void {
  for (let p = 0; p < boxes.length; p += 4) {
    boxes[p] = clip((boxes[p] - t.offsetX) / t.scaleX, t.imageWidth);
    boxes[p + 1] = clip((boxes[p + 1] - t.offsetY) / t.scaleY, t.imageHeight);
    boxes[p + 2] = clip((boxes[p + 2] - t.offsetX) / t.scaleX, t.imageWidth);
    boxes[p + 3] = clip((boxes[p + 3] - t.offsetY) / t.scaleY, t.imageHeight);
  }
}

/**
 * Maps one tlwh box from image px to xyxy network-input px (not clipped).
 *
 * @param box tlwh, image px
 * @param t the transform {@link letterbox} returned
 * @returns xyxy, input px
 */
export function imageBoxToInput(box: readonly [number, number, number, number], t: LetterboxTransform): [number, number, number, number] {
  return [
    box[0] * t.scaleX + t.offsetX,
    box[1] * t.scaleY + t.offsetY,
    (box[0] + box[2]) * t.scaleX + t.offsetX,
    (box[1] + box[3]) * t.scaleY + t.offsetY,
  ];
}

function clip(v: number, max: number): number {
  return v < 0 ? 0 : v > max ? max : v;
}

/**
 * Lower and upper source index and the upper one's weight for each output
 * index, half-pixel centres, coordinates clamped to the image: the taps of
 * @mot/cnn's `resizeBilinear` with `halfPixelCenters` (identity when the
 * sizes are equal: weight 0 on the pixel itself).
 */
function bilinearTaps(outSize: number, inSize: number): { lo: Int32Array; hi: Int32Array; frac: Float64Array } {
  const ratio = inSize / outSize;
  const lo = new Int32Array(outSize);
  const hi = new Int32Array(outSize);
  const frac = new Float64Array(outSize);
  for (let o = 0; o < outSize; o++) {
    const s = Math.min(Math.max(ratio * (o + 0.5) - 0.5, 0), inSize - 1);
    const f = Math.floor(s);
    lo[o] = f;
    hi[o] = Math.min(f + 1, inSize - 1);
    frac[o] = s - f;
  }
  return { lo, hi, frac };
}

/**
 * Writes the normalised black (pixel 0) of each channel into the border
 * around the `w` x `h` image at (offsetX, offsetY): in row-major order the
 * border is one run before the image's first row, one between each row's end
 * and the next row's start, and one after its last row.
 */
function fillBorder(
  out: Float32Array,
  size: number,
  w: number,
  h: number,
  offsetX: number,
  offsetY: number,
  mean: readonly [number, number, number],
  std: readonly [number, number, number],
): void {
  const planeSize = size * size;
  for (let c = 0; c < 3; c++) {
    const black = -mean[c] * (1 / std[c]);
    const p = c * planeSize;
    const first = p + offsetY * size + offsetX;
    out.fill(black, p, first);
    for (let y = 0; y < h - 1; y++) {
      const end = first + y * size + w;
      out.fill(black, end, end + size - w);
    }
    out.fill(black, first + (h - 1) * size + w, p + planeSize);
  }
}
