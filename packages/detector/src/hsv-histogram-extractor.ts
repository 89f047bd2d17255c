/**
 * Colour-histogram appearance embeddings: a joint hue x saturation x value
 * histogram of the pixels inside each box, for DeepSORT's cosine metric when
 * no ReID network is at hand.
 */
import { ConfigError, type Frame, type Tlwh } from '@mot/core';
import type { AppearanceExtractor } from './appearance-extractor.js';
import { checkFrame } from './check-frame.js';
import { l2Normalise } from './l2-normalise.js';

/** Options of {@link HsvHistogramExtractor}. */
export interface HsvHistogramOptions {
  /** Bins of hue, saturation, value. Default `[8, 4, 4]` (128 values, the length of deep_sort's embeddings). */
  bins?: readonly [number, number, number];
  /** Fraction of the box width and height trimmed on each side, to leave out background around a person. Default 0.1. */
  inset?: number;
}

/**
 * HSV histogram embedding. Each pixel of the (inset) box is converted to HSV
 * (hue in [0, 6) sextants, s = (max - min) / max, v = max / 255: the hexcone
 * model, Smith 1978) and counted in one of H x S x V joint bins. The counts
 * are square-rooted before L2 normalisation, so that the cosine of two
 * embeddings is the Bhattacharyya coefficient of the two histograms
 * (1 = identical colour distributions) and large uniform areas do not swamp
 * the rest. A box with no pixel inside the frame gets the uniform unit vector.
 *
 * @example
 * const embed = new HsvHistogramExtractor();
 * const [f] = await embed.extract(frame, [[100, 50, 40, 120]]); // Float32Array(128), unit length
 */
export class HsvHistogramExtractor implements AppearanceExtractor {
  private readonly bins: readonly [number, number, number];
  private readonly inset: number;

  /**
   * @param options bins and inset
   * @throws ConfigError for bins that are not positive integers or an inset outside [0, 0.5)
   */
  constructor(options: HsvHistogramOptions = {}) {
    const fn = 'HsvHistogramExtractor';
    const bins = options.bins ?? [8, 4, 4];
    if (!Array.isArray(bins) || bins.length !== 3 || !bins.every((b) => Number.isInteger(b) && b > 0)) {
      throw new ConfigError(`${fn}: bins must be 3 positive integers [hue, saturation, value], got ${JSON.stringify(bins)}`);
    }
    const inset = options.inset ?? 0.1;
    if (!(inset >= 0 && inset < 0.5)) throw new ConfigError(`${fn}: inset must be in [0, 0.5), got ${inset}`);
    this.bins = [bins[0], bins[1], bins[2]];
    this.inset = inset;
  }

  /** Embedding length: hue bins x saturation bins x value bins. */
  get dimension(): number {
    return this.bins[0] * this.bins[1] * this.bins[2];
  }

  /**
   * @param frame RGB24 frame
   * @param boxes tlwh, frame px (clipped to the frame)
   * @returns one unit-length Float32Array of {@link dimension} per box
   * @throws ShapeError for a malformed frame; ConfigError for a box that is not 4 finite numbers
   */
  async extract(frame: Frame, boxes: readonly Readonly<Tlwh>[]): Promise<Float32Array[]> {
    checkFrame('HsvHistogramExtractor.extract', frame);
    return boxes.map((b, i) => {
      if (b.length !== 4 || !b.every(Number.isFinite)) {
        throw new ConfigError(`HsvHistogramExtractor.extract: boxes[${i}] must be 4 finite numbers (tlwh px), got ${JSON.stringify(b)}`);
      }
      return this.histogram(frame, b);
    });
  }

  private histogram(frame: Frame, box: Readonly<Tlwh>): Float32Array {
    const [hb, sb, vb] = this.bins;
    const hist = new Float32Array(hb * sb * vb);
    const { width, height, data } = frame;
    const x0 = Math.max(0, Math.round(box[0] + this.inset * box[2]));
    const y0 = Math.max(0, Math.round(box[1] + this.inset * box[3]));
    const x1 = Math.min(width, Math.round(box[0] + (1 - this.inset) * box[2]));
    const y1 = Math.min(height, Math.round(box[1] + (1 - this.inset) * box[3]));
    for (let y = y0; y < y1; y++) {
      for (let x = x0, p = 3 * (y * width + x0); x < x1; x++, p += 3) {
        const r = data[p];
        const g = data[p + 1];
        const b = data[p + 2];
        const max = r > g ? (r > b ? r : b) : g > b ? g : b;
        const min = r < g ? (r < b ? r : b) : g < b ? g : b;
        const c = max - min;
        let h = 0;
        if (c > 0) {
          if (max === r) h = (g - b) / c + (g < b ? 6 : 0);
          else if (max === g) h = (b - r) / c + 2;
          else h = (r - g) / c + 4;
        }
        const s = max === 0 ? 0 : c / max;
        const hi = Math.min(hb - 1, Math.floor((h / 6) * hb));
        const si = Math.min(sb - 1, Math.floor(s * sb));
        const vi = Math.min(vb - 1, Math.floor((max / 255) * vb));
        hist[(hi * sb + si) * vb + vi] += 1;
      }
    }
    for (let i = 0; i < hist.length; i++) hist[i] = Math.sqrt(hist[i]);
    return l2Normalise(hist);
  }
}
