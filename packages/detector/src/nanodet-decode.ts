/**
 * NanoDet post-processing (packages/detector/models/nanodet/README.md, "Decode"): per level,
 * keep the cells whose best wanted class clears the score threshold, at most
 * `topK` of them; decode their boxes with GFL (softmax integral over the
 * bins, distances from the cell centre); one candidate per (cell, class) over
 * the threshold, as mmdetection's multiclass NMS that NanoDet uses; then
 * class-aware NMS across levels.
 */
import { ConfigError } from '@mot/core';
import { batchedNms, distanceToBox, distributionToDistance, gridCentres } from '@mot/cnn';
import type { NanoDetLevel } from './nanodet-levels.js';

/** Options of {@link decodeNanoDet}. */
export interface NanoDetDecodeOptions {
  /** Square input side, px; boxes are clamped to [0, inputSize]. Default 416. */
  inputSize?: number;
  /** Keep a (cell, class) when its score >= this. Default 0.3. */
  scoreThreshold?: number;
  /** Class-aware NMS: drop a box whose IoU with a kept box of its class is >= this. Default 0.6 (NanoDet's evaluation). */
  iouThreshold?: number;
  /** At most this many cells per level, by best wanted-class score. Default 1000 (NanoDet's `nms_pre`). */
  topK?: number;
  /** At most this many detections in all. Default 100. */
  maxDetections?: number;
  /** Class indices to report, or `'all'`. Default `[0]` (person). */
  classes?: readonly number[] | 'all';
}

/** Decoded detections in network-input px, by descending score. */
export interface DecodedDetections {
  /** Flat `[K, 4]` xyxy, input px. */
  boxes: Float32Array;
  /** `[K]` class score (sigmoid). */
  scores: Float32Array;
  /** `[K]` class index. */
  classIds: Int32Array;
}

/**
 * Turns NanoDet's head outputs into detections.
 *
 * @param levels from {@link nanodetLevels}
 * @param options thresholds, caps and class filter (defaults: person only, score 0.3, IoU 0.6)
 * @returns the kept detections (input px, xyxy), best first
 * @throws ConfigError for out-of-range options or a class index outside the model's classes
 * @example
 * const dets = decodeNanoDet(nanodetLevels(outputs, 80, 416), { classes: 'all', scoreThreshold: 0.4 });
 * dets.classIds; // e.g. Int32Array [5, 2] (bus, car)
 */
export function decodeNanoDet(levels: readonly NanoDetLevel[], options: NanoDetDecodeOptions = {}): DecodedDetections {
  const o = resolveDecodeOptions(levels, options);
  const boxes: Float32Array[] = [];
  const scores: number[] = [];
  const classIds: number[] = [];
  for (const level of levels) {
    const numClasses = level.scores.length / (level.grid * level.grid);
    const { cells, candidates } = selectCandidates(level.scores, numClasses, o.classes, o.scoreThreshold, o.topK);
    if (cells.length === 0) continue;
    const bins = 4 * (level.regMax + 1);
    const dist = new Float32Array(cells.length * bins);
    const allCentres = gridCentres(level.grid, level.grid, level.stride);
    const centres = new Float32Array(cells.length * 2);
    for (let k = 0; k < cells.length; k++) {
      const i = cells[k];
      dist.set(level.distributions.subarray(i * bins, (i + 1) * bins), k * bins);
      centres[2 * k] = allCentres[2 * i];
      centres[2 * k + 1] = allCentres[2 * i + 1];
    }
    const cellBoxes = distanceToBox(centres, distributionToDistance(dist, level.regMax), level.stride, [o.inputSize, o.inputSize]);
    for (const c of candidates) {
      boxes.push(cellBoxes.subarray(4 * c.cell, 4 * c.cell + 4));
      scores.push(c.score);
      classIds.push(c.classId);
    }
  }
  const flat = new Float32Array(4 * boxes.length);
  boxes.forEach((b, k) => flat.set(b, 4 * k));
  const keep = batchedNms(flat, scores, classIds, { iouThreshold: o.iouThreshold, maxOutput: o.maxDetections });
  const out: DecodedDetections = { boxes: new Float32Array(4 * keep.length), scores: new Float32Array(keep.length), classIds: new Int32Array(keep.length) };
  keep.forEach((j, k) => {
    out.boxes.set(flat.subarray(4 * j, 4 * j + 4), 4 * k);
    out.scores[k] = scores[j];
    out.classIds[k] = classIds[j];
  });
  return out;
}

interface Candidate {
  /** Index into the level's kept cells. */
  cell: number;
  classId: number;
  score: number;
}

/**
 * Cells whose best wanted class scores >= threshold (top `topK` of them by
 * that score), and the (cell, class) pairs over the threshold among them.
 */
function selectCandidates(
  scores: Float32Array,
  numClasses: number,
  classes: Int32Array,
  threshold: number,
  topK: number,
): { cells: number[]; candidates: Candidate[] } {
  const n = scores.length / numClasses;
  let cells: number[] = [];
  const best = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const row = i * numClasses;
    let m = -Infinity;
    for (let k = 0; k < classes.length; k++) m = Math.max(m, scores[row + classes[k]]);
    best[i] = m;
    if (m >= threshold) cells.push(i);
  }
  if (cells.length > topK) cells = cells.sort((a, b) => best[b] - best[a] || a - b).slice(0, topK);
  const candidates: Candidate[] = [];
  cells.forEach((i, k) => {
    for (let j = 0; j < classes.length; j++) {
      const s = scores[i * numClasses + classes[j]];
      if (s >= threshold) candidates.push({ cell: k, classId: classes[j], score: s });
    }
  });
  return { cells, candidates };
}

interface ResolvedDecodeOptions {
  inputSize: number;
  scoreThreshold: number;
  iouThreshold: number;
  topK: number;
  maxDetections: number;
  classes: Int32Array;
}

/**
 * Validates decode options against the levels and fills in defaults. Shared with
 * the detector, which checks its options once at construction.
 */
export function resolveDecodeOptions(levels: readonly NanoDetLevel[] | number, options: NanoDetDecodeOptions): ResolvedDecodeOptions {
  const fn = 'decodeNanoDet';
  const numClasses = typeof levels === 'number' ? levels : levels.length > 0 ? levels[0].scores.length / (levels[0].grid * levels[0].grid) : 0;
  const o = {
    inputSize: options.inputSize ?? 416,
    scoreThreshold: options.scoreThreshold ?? 0.3,
    iouThreshold: options.iouThreshold ?? 0.6,
    topK: options.topK ?? 1000,
    maxDetections: options.maxDetections ?? 100,
  };
  if (!Number.isInteger(o.inputSize) || o.inputSize < 1) throw new ConfigError(`${fn}: inputSize must be a positive integer, got ${o.inputSize}`);
  if (!(o.scoreThreshold >= 0 && o.scoreThreshold <= 1)) throw new ConfigError(`${fn}: scoreThreshold must be in [0, 1], got ${o.scoreThreshold}`);
  if (!(o.iouThreshold >= 0 && o.iouThreshold <= 1)) throw new ConfigError(`${fn}: iouThreshold must be in [0, 1], got ${o.iouThreshold}`);
  if (!Number.isInteger(o.topK) || o.topK < 1) throw new ConfigError(`${fn}: topK must be a positive integer, got ${o.topK}`);
  if (!Number.isInteger(o.maxDetections) || o.maxDetections < 1) throw new ConfigError(`${fn}: maxDetections must be a positive integer, got ${o.maxDetections}`);
  const wanted = options.classes ?? [0];
  let classes: Int32Array;
  if (wanted === 'all') classes = Int32Array.from({ length: numClasses }, (_, i) => i);
  else {
    if (!Array.isArray(wanted) || wanted.length === 0) throw new ConfigError(`${fn}: classes must be 'all' or a non-empty array of class indices, got ${JSON.stringify(wanted)}`);
    for (const c of wanted) {
      if (!Number.isInteger(c) || c < 0 || c >= numClasses) throw new ConfigError(`${fn}: classes must be integers in [0, ${numClasses}), got ${c}`);
    }
    classes = Int32Array.from(new Set(wanted));
  }
  return { ...o, classes };
}
