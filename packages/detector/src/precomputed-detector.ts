/**
 * Detections computed elsewhere, served frame by frame through the
 * {@link Detector} interface: MOTChallenge det.txt files and deep_sort's
 * detection .npy files (boxes plus appearance features).
 */
import { ConfigError, type Detection, type Frame } from '@mot/core';
import { type MotRows, readDeepSortDetections, readMotFile, rowsByFrame } from '@mot/motchallenge';
import type { Detector } from './detector.js';

/** Options of the {@link PrecomputedDetector} factories. */
export interface PrecomputedOptions {
  /** Drop rows whose score (column 7) is below this. Default: keep all. */
  minScore?: number;
}

/**
 * A detector that looks detections up by frame: frame `index` i (0-based, as
 * decoded) gets the rows of MOT frame i + 1 (MOTChallenge frames are 1-based).
 * The class comes from column 8 (-1 in MOTChallenge public detections; the
 * COCO index in files `mot detect` writes).
 *
 * @example
 * const det = PrecomputedDetector.fromMotFile('fixtures/mot15/TUD-Campus/det.txt');
 * (await det.detect({ index: 0, timeMs: 0, width: 640, height: 480, data })).length; // rows of frame 1
 */
export class PrecomputedDetector implements Detector {
  /** Rows (and features) by 1-based frame. */
  private readonly byFrame: Map<number, Detection[]>;
  /** Where the detections came from (file path or label). */
  readonly source: string;

  private constructor(source: string, byFrame: Map<number, Detection[]>) {
    this.source = source;
    this.byFrame = byFrame;
  }

  /**
   * Reads a MOTChallenge det.txt (`frame,-1,x,y,w,h,score,...`).
   * @throws InputError naming the file and line for a missing or malformed file
   * @throws ConfigError for a bad minScore
   */
  static fromMotFile(path: string, options: PrecomputedOptions = {}): PrecomputedDetector {
    return PrecomputedDetector.fromRows(readMotFile(path, 'det'), undefined, options);
  }

  /**
   * Reads a deep_sort detection .npy ([N, 10 + D]: det columns then a D-dim feature per row);
   * each detection carries its feature.
   * @throws InputError naming the file for a missing or malformed .npy
   */
  static fromDeepSortNpy(path: string, options: PrecomputedOptions = {}): PrecomputedDetector {
    const d = readDeepSortDetections(path);
    return PrecomputedDetector.fromRows(d.rows, { data: d.features, dim: d.featureDim }, options);
  }

  /**
   * From parsed rows (and optionally row-aligned features, row-major `[N, dim]`).
   * @throws ConfigError for a bad minScore or features whose length is not N * dim
   */
  static fromRows(rows: MotRows, features?: { data: Float32Array; dim: number }, options: PrecomputedOptions = {}): PrecomputedDetector {
    const fn = 'PrecomputedDetector';
    const minScore = options.minScore ?? -Infinity;
    if (typeof minScore !== 'number' || Number.isNaN(minScore)) throw new ConfigError(`${fn}: minScore must be a number, got ${String(minScore)}`);
    if (features !== undefined && (!Number.isInteger(features.dim) || features.dim < 1 || features.data.length !== rows.length * features.dim)) {
      throw new ConfigError(`${fn}: features must hold ${rows.length} rows x dim values, got ${features.data.length} values with dim ${features.dim}`);
    }
    const byFrame = new Map<number, Detection[]>();
    for (const [frame, idx] of rowsByFrame(rows)) {
      const list: Detection[] = [];
      for (const i of idx) {
        if (rows.score[i] < minScore) continue;
        const det: Detection = { box: [rows.x[i], rows.y[i], rows.w[i], rows.h[i]], score: rows.score[i], classId: rows.classId[i] };
        list.push(features === undefined ? det : { ...det, feature: features.data.slice(i * features.dim, (i + 1) * features.dim) });
      }
      byFrame.set(frame, list);
    }
    return new PrecomputedDetector(rows.source, byFrame);
  }

  /** Largest 1-based frame number that has a row (0 when there are none). */
  get lastFrame(): number {
    let m = 0;
    for (const f of this.byFrame.keys()) m = Math.max(m, f);
    return m;
  }

  /**
   * @param frame only `frame.index` is read (the pixels are not needed)
   * @returns copies of the rows of MOT frame `index + 1` ([] when it has none)
   * @throws ConfigError when `frame.index` is not a non-negative integer
   */
  async detect(frame: Frame): Promise<Detection[]> {
    const index = frame?.index;
    if (!Number.isInteger(index) || index < 0) throw new ConfigError(`PrecomputedDetector.detect: frame.index must be a non-negative integer, got ${String(index)}`);
    return (this.byFrame.get(index + 1) ?? []).map((d) => ({ ...d, box: [...d.box] }));
  }
}
