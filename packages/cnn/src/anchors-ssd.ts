/**
 * SSD default boxes (Liu et al., "SSD: Single Shot MultiBox Detector", ECCV
 * 2016, section 2.2 "Choosing scales and aspect ratios for default boxes").
 */
import { ConfigError } from '@mot/core';
import { checkInteger, checkRange } from './box-checks.js';

/** Options of {@link ssdDefaultBoxes}; the defaults are SSD300's. */
export interface SsdBoxOptions {
  /** Square feature map sizes m_1 .. m_m. Default [38, 19, 10, 5, 3, 1] (SSD300). */
  featureSizes?: readonly number[];
  /** Smallest scale s_1. Default 0.2 (paper). */
  sMin?: number;
  /** Largest scale s_m. Default 0.9 (paper). */
  sMax?: number;
  /**
   * Extra aspect ratios a per layer besides 1; each a adds a and 1/a.
   * Default [[2], [2, 3], [2, 3], [2, 3], [2], [2]]: 4, 6, 6, 6, 4, 4 boxes per cell.
   */
  aspectRatios?: readonly (readonly number[])[];
  /** Clip boxes to [0, 1]. Default false. */
  clip?: boolean;
}

/** Default boxes and how they split over the layers. */
export interface SsdDefaultBoxes {
  /** xyxy in image fractions (0..1), flat [N,4], rows by layer, cell (y, then x), then box */
  boxes: Float32Array;
  /** Boxes per layer (SSD300: 5776, 2166, 600, 150, 36, 4). */
  perLayer: number[];
  /** s_1 .. s_m */
  scales: number[];
}

/**
 * Default boxes with s_k = s_min + (s_max - s_min)(k - 1)/(m - 1). Per cell,
 * centred at ((i + 0.5)/f_k, (j + 0.5)/f_k): a box of side s_k (ratio 1), one of
 * side s'_k = sqrt(s_k s_{k+1}) (ratio 1), and for each extra ratio a the pair
 * (w, h) = (s_k sqrt(a), s_k / sqrt(a)) and its transpose. s_{m+1} extends the
 * same formula (1.04 for SSD300), as the paper leaves it unstated.
 * Note: the released Caffe SSD300 uses hand-set sizes (30, 60, 111, ... px)
 * instead; the counts are the same.
 * @returns the boxes, the per-layer counts and the scales
 * @throws ConfigError for bad sizes, scales or ratios
 * @example ssdDefaultBoxes().perLayer // [5776, 2166, 600, 150, 36, 4], 8732 in all
 */
export function ssdDefaultBoxes(options: SsdBoxOptions = {}): SsdDefaultBoxes {
  const fn = 'ssdDefaultBoxes';
  const sizes = options.featureSizes ?? [38, 19, 10, 5, 3, 1];
  const sMin = options.sMin ?? 0.2;
  const sMax = options.sMax ?? 0.9;
  const ratios = options.aspectRatios ?? [[2], [2, 3], [2, 3], [2, 3], [2], [2]];
  const m = sizes.length;
  if (m === 0) throw new ConfigError(`${fn}: featureSizes must not be empty, got []`);
  if (ratios.length !== m) throw new ConfigError(`${fn}: aspectRatios must have one list per layer (${m}), got ${ratios.length}`);
  for (const f of sizes) checkInteger(fn, 'each feature size', f);
  checkRange(fn, 'sMin', sMin, Number.MIN_VALUE, 1);
  checkRange(fn, 'sMax', sMax, sMin, 1);
  for (const list of ratios) for (const a of list) checkRange(fn, 'each aspect ratio', a, Number.MIN_VALUE, Infinity);

  // m = 1 has no spacing; the single layer gets s_min.
  const step = m > 1 ? (sMax - sMin) / (m - 1) : 0;
  const scales = Array.from({ length: m }, (_, k) => sMin + step * k);
  const perLayer = sizes.map((f, k) => f * f * (2 + 2 * ratios[k].length));
  const boxes = new Float32Array(4 * perLayer.reduce((a, b) => a + b, 0));
  let p = 0;
  const put = (cx: number, cy: number, w: number, h: number) => {
    let x1 = cx - w / 2;
    let y1 = cy - h / 2;
    let x2 = cx + w / 2;
    let y2 = cy + h / 2;
    if (options.clip === true) [x1, y1, x2, y2] = [x1, y1, x2, y2].map((v) => Math.min(Math.max(v, 0), 1));
    boxes[p++] = x1;
    boxes[p++] = y1;
    boxes[p++] = x2;
    boxes[p++] = y2;
  };
  for (let k = 0; k < m; k++) {
    const f = sizes[k];
    const s = scales[k];
    const sPrime = Math.sqrt(s * (sMin + step * (k + 1)));
    for (let i = 0; i < f; i++) {
      const cy = (i + 0.5) / f;
      for (let j = 0; j < f; j++) {
        const cx = (j + 0.5) / f;
        put(cx, cy, s, s);
        put(cx, cy, sPrime, sPrime);
        for (const a of ratios[k]) {
          const r = Math.sqrt(a);
          put(cx, cy, s * r, s / r);
          put(cx, cy, s / r, s * r);
        }
      }
    }
  }
  return { boxes, perLayer, scales };
}
