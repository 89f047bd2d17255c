/**
 * Appearance embeddings from the detector's own feature maps: ROI Align
 * (Mask R-CNN) of each box on the pyramid level FPN would assign it, pooled to
 * a few bins and L2-normalised. No ReID network, no second forward pass.
 */
import { roiAlign, tensor } from '@mot/cnn';
import { ConfigError, type Frame, type Tlwh } from '@mot/core';
import type { AppearanceExtractor } from './appearance-extractor.js';
import { type FpnLevelOptions, fpnLevel } from './fpn-level.js';
import { imageBoxToInput } from './letterbox.js';
import { l2Normalise } from './l2-normalise.js';
import type { NanoDetDetector } from './nanodet-detector.js';

/** Options of {@link RoiAlignExtractor}. */
export interface RoiAlignExtractorOptions {
  /** Bins per box `[rows, cols]` (or one number for both). Default `[2, 1]`: upper and lower half of a person, so clothing colours stay apart. */
  outputSize?: number | readonly [number, number];
  /** Sample points per bin per axis; <= 0 averages about one sample per feature cell (adaptive). Default -1. */
  samplingRatio?: number;
  /** FPN level assignment (defaults: 224 px -> level 4, levels from the maps' strides). */
  levels?: Pick<FpnLevelOptions, 'canonicalSize' | 'canonicalLevel'>;
}

/**
 * ROI Align embeddings on a {@link NanoDetDetector} created with
 * `featureMaps: true`. Boxes are mapped into the network input (letterbox),
 * assigned to level k = floor(4 + log2(sqrt(wh) / 224)) clamped to the
 * available strides (8, 16, 32 = levels 3..5), pooled with torchvision's
 * `aligned=True` convention, flattened (`C * rows * cols` values: 128 * 2 = 256
 * for NanoDet-g) and L2-normalised.
 *
 * The detector keeps its last pass, so `detect(frame)` then
 * `extract(frame, boxes)` on the same frame object costs one forward pass
 * (call them in that order, frame by frame, as {@link withAppearance} does).
 *
 * @example
 * const nanodet = await NanoDetDetector.create({ featureMaps: true });
 * const embed = new RoiAlignExtractor(nanodet);
 * const dets = await nanodet.detect(frame);
 * const features = await embed.extract(frame, dets.map((d) => d.box)); // Float32Array(256) each, unit length
 */
export class RoiAlignExtractor implements AppearanceExtractor {
  private readonly detector: NanoDetDetector;
  private readonly outputSize: readonly [number, number];
  private readonly samplingRatio: number;
  private readonly levels: Pick<FpnLevelOptions, 'canonicalSize' | 'canonicalLevel'>;

  /**
   * @param detector a NanoDet detector created with `featureMaps: true`
   * @param options bins, sampling, level assignment
   * @throws ConfigError when the detector keeps no feature maps or an option is out of range
   */
  constructor(detector: NanoDetDetector, options: RoiAlignExtractorOptions = {}) {
    const fn = 'RoiAlignExtractor';
    if (detector === null || typeof detector !== 'object' || detector.engine === undefined) {
      throw new ConfigError(`${fn}: detector must be a NanoDetDetector, got ${detector === null ? 'null' : typeof detector}`);
    }
    if (detector.engine.featureNames.length === 0) {
      throw new ConfigError(`${fn}: detector must be created with featureMaps: true, got one without feature maps`);
    }
    const size = options.outputSize ?? [2, 1];
    const pair: readonly number[] = typeof size === 'number' ? [size, size] : size;
    if (!Array.isArray(pair) || pair.length !== 2 || !pair.every((d) => Number.isInteger(d) && d > 0)) {
      throw new ConfigError(`${fn}: outputSize must be a positive integer or [rows, cols] of them, got ${JSON.stringify(size)}`);
    }
    const ratio = options.samplingRatio ?? -1;
    if (!Number.isInteger(ratio)) throw new ConfigError(`${fn}: samplingRatio must be an integer, got ${ratio}`);
    this.detector = detector;
    this.outputSize = [pair[0], pair[1]];
    this.samplingRatio = ratio;
    this.levels = options.levels ?? {};
  }

  /**
   * @param frame the frame the boxes were detected in (the detector runs on it if it is not its last frame)
   * @param boxes tlwh, frame px
   * @returns one unit-length Float32Array of `C * rows * cols` per box
   */
  async extract(frame: Frame, boxes: readonly Readonly<Tlwh>[]): Promise<Float32Array[]> {
    if (boxes.length === 0) return [];
    const inf = await this.detector.infer(frame, { reuseLast: true });
    const maps = inf.featureMaps;
    const levelOf = (stride: number): number => Math.round(Math.log2(stride));
    const minLevel = levelOf(maps[0].stride);
    const maxLevel = levelOf(maps[maps.length - 1].stride);
    // Group boxes by level: one roiAlign call per level.
    const groups = new Map<number, number[]>();
    const inputBoxes = boxes.map((b) => imageBoxToInput(b, inf.transform));
    inputBoxes.forEach((b, i) => {
      const k = fpnLevel(b[2] - b[0], b[3] - b[1], { ...this.levels, minLevel, maxLevel });
      const m = maps.findIndex((f) => levelOf(f.stride) === k);
      const list = groups.get(m);
      if (list === undefined) groups.set(m, [i]);
      else list.push(i);
    });
    const out: Float32Array[] = new Array(boxes.length);
    for (const [m, rows] of groups) {
      const { stride, map } = maps[m];
      const rois = new Float32Array(rows.length * 5);
      rows.forEach((i, r) => rois.set([0, ...inputBoxes[i]], 5 * r));
      const pooled = roiAlign(tensor(map.shape, map.data), tensor([rows.length, 5], rois), {
        outputSize: this.outputSize,
        spatialScale: 1 / stride,
        samplingRatio: this.samplingRatio,
        aligned: true,
      });
      const dim = pooled.data.length / rows.length;
      rows.forEach((i, r) => {
        out[i] = l2Normalise(pooled.data.slice(r * dim, (r + 1) * dim));
      });
    }
    return out;
  }
}
