/**
 * Reader for deep_sort's precomputed detection files
 * (`tools/generate_detections.py` in nwojke/deep_sort writes one .npy per
 * sequence): a float32 [N, 10 + D] array whose row i is the i-th det.txt row
 * (10 MOT columns) followed by its D-dimensional appearance feature (D = 128
 * for the released model, hence N x 138).
 */
import { InputError, assert } from '@mot/core';
import type { MotRows } from './mot-rows.js';
import { MAX_FRAME_DEFAULT, MotRowsBuilder, MOT_COLUMN_NAMES, type RowLimits, checkRowValues } from './mot-rows-builder.js';
import { readNpy, type NpyArray } from './npy.js';

/** deep_sort detection file: N x (10 + D) rows; first 10 = MOT det columns, rest = appearance feature. */
export interface DeepSortDetections {
  /** The MOT det columns of every row (boxes tlwh px); `line` is the 1-based row index. */
  rows: MotRows;
  /** Appearance features, row-major [N, featureDim]; row i belongs to `rows` index i. */
  features: Float32Array;
  /** D, the feature length (128 for deep_sort's released model). */
  featureDim: number;
}

/** Options of {@link readDeepSortDetections}. */
export interface DeepSortDetectionsOptions {
  /** Accept an array with 0 rows (deep_sort writes [0, 138] for a sequence without detections); default false. */
  allowEmpty?: boolean;
  /** Highest accepted frame: the sequence length when known; default 10,000,000 (see `ParseMotOptions.maxFrame`). */
  maxFrame?: number;
}

/** Number of MOT det columns leading each row. */
const MOT_COLUMNS = 10;

/**
 * Reads a deep_sort detection .npy file.
 *
 * @param path .npy file, float32 or float64, shape [N, >= 10]
 * @returns the rows as MOT det rows plus a Float32Array [N, D] of features
 * @throws InputError naming the path: file not found, malformed .npy, wrong
 *   shape, or a row with a non-finite value, a non-positive-integer frame or a
 *   negative width/height (message says `row k`, 0-based as in numpy)
 * @example
 * const dets = readDeepSortDetections('fixtures/mot15/TUD-Campus/deepsort_detections.npy');
 * dets.featureDim; // 128
 * dets.rows.length; // 321
 */
export function readDeepSortDetections(path: string, options: DeepSortDetectionsOptions = {}): DeepSortDetections {
  return convert('readDeepSortDetections', readNpy(path), path, options);
}

/**
 * Converts an already-parsed deep_sort detection array; see {@link readDeepSortDetections}.
 * @param npy array of shape [N, >= 10]
 * @param source file path or label for error messages (default `<npy>`)
 * @example
 * const npy = { shape: [1, 12], data: new Float32Array([1, -1, 10, 20, 30, 40, 0.9, -1, -1, -1, 0.6, 0.8]) };
 * deepSortDetectionsFromNpy(npy).features; // Float32Array [0.6, 0.8]
 */
export function deepSortDetectionsFromNpy(
  npy: NpyArray,
  source = '<npy>',
  options: DeepSortDetectionsOptions = {},
): DeepSortDetections {
  return convert('deepSortDetectionsFromNpy', npy, source, options);
}

function convert(fn: string, npy: NpyArray, source: string, options: DeepSortDetectionsOptions): DeepSortDetections {
  const { shape, data } = npy;
  if (shape.length !== 2 || shape[1] < MOT_COLUMNS) {
    throw new InputError(`${fn}: array shape must be [N, >= ${MOT_COLUMNS}], got [${shape.join(', ')}]`, { source });
  }
  const [n, cols] = shape;
  if (data.length !== n * cols) {
    throw new InputError(`${fn}: data length must be ${n} x ${cols} = ${n * cols}, got ${data.length}`, { source });
  }
  if (n === 0 && options.allowEmpty !== true) {
    throw new InputError(`${fn}: array must have at least one row, got no rows`, { source });
  }
  const dim = cols - MOT_COLUMNS;
  const builder = new MotRowsBuilder(n);
  const features = new Float32Array(n * dim);
  const values = new Float64Array(MOT_COLUMNS);
  const maxFrame = options.maxFrame ?? MAX_FRAME_DEFAULT;
  assert(Number.isInteger(maxFrame) && maxFrame >= 1 && maxFrame <= 2147483647, () => `${fn}: options.maxFrame must be an integer in 1..2147483647, got ${maxFrame}`);
  const limits: RowLimits = {
    maxFrame,
    maxFrameWhy:
      options.maxFrame === undefined
        ? 'the ceiling when the sequence length is unknown; set options.maxFrame, or give mot track --seqinfo'
        : 'the sequence length, options.maxFrame',
    positiveBoxes: true,
  };
  for (let r = 0; r < n; r++) {
    // `line` is the 1-based row, so messages read `file.npy:<row>:` like a text file's `file:line:`.
    const where = { source, line: r + 1 };
    const base = r * cols;
    for (let c = 0; c < cols; c++) {
      const v = data[base + c];
      if (!Number.isFinite(v)) {
        const what = c < MOT_COLUMNS ? `column ${c + 1} (${MOT_COLUMN_NAMES[c]})` : `feature element ${c - MOT_COLUMNS}`;
        throw new InputError(`${fn}: row ${r} (0-based) ${what} must be a finite number, got ${v}`, where);
      }
      if (c < MOT_COLUMNS) values[c] = v;
      else features[r * dim + c - MOT_COLUMNS] = v;
    }
    const bad = checkRowValues(values, MOT_COLUMNS, limits);
    if (bad !== null) throw new InputError(`${fn}: row ${r} (0-based) ${bad}`, where);
    // A zero feature has no direction: the cosine metric cannot normalise it (deep_sort writes unit vectors).
    let squared = 0;
    for (let c = 0; c < dim; c++) squared += features[r * dim + c] * features[r * dim + c];
    if (dim > 0 && !(squared > 0 && Number.isFinite(squared))) {
      throw new InputError(`${fn}: row ${r} (0-based) feature must have a non-zero length, got ${squared === 0 ? `all ${dim} elements 0` : `squared length ${squared}`}`, where);
    }
    builder.push(values, MOT_COLUMNS, r + 1);
  }
  return { rows: builder.finish(source), features, featureDim: dim };
}
