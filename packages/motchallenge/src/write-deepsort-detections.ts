import { ShapeError } from '@mot/core';
import type { DeepSortDetections } from './deepsort-detections.js';
import { writeNpy } from './write-npy.js';

/** Number of MOT det columns leading each row. */
const MOT_COLUMNS = 10;

/**
 * Writes a deep_sort detection file, as `tools/generate_detections.py` of
 * nwojke/deep_sort does: a float32 `.npy` of `[N, 10 + D]`, row i = the i-th
 * det row's 10 MOT columns (frame, id, x, y, w, h, conf, then columns 8-10:
 * class and visibility as parsed, and -1 for column 10, which `MotRows` does
 * not keep; MOT15/16/17 det files hold -1 there) followed by its feature.
 * Written atomically; {@link readDeepSortDetections} reads it back.
 *
 * @param path the `.npy` to write
 * @param dets rows, features `[N, featureDim]` row-major, featureDim
 * @throws ShapeError when `features` does not hold `rows.length * featureDim` values
 * @throws InputError naming `path` when it cannot be written
 * @example
 * writeDeepSortDetections('/tmp/TUD-Campus.npy', { rows, features, featureDim: 512 });
 */
export function writeDeepSortDetections(path: string, dets: DeepSortDetections): void {
  const { rows, features, featureDim } = dets;
  const n = rows.length;
  if (!Number.isInteger(featureDim) || featureDim < 0 || features.length !== n * featureDim) {
    throw new ShapeError(`writeDeepSortDetections: features must hold rows x featureDim = ${n} x ${featureDim} values, got ${features.length}`);
  }
  const cols = MOT_COLUMNS + featureDim;
  const out = new Float32Array(n * cols);
  for (let r = 0; r < n; r++) {
    const o = r * cols;
    out[o] = rows.frame[r];
    out[o + 1] = rows.id[r];
    out[o + 2] = rows.x[r];
    out[o + 3] = rows.y[r];
    out[o + 4] = rows.w[r];
    out[o + 5] = rows.h[r];
    out[o + 6] = rows.score[r];
    out[o + 7] = rows.classId[r];
    out[o + 8] = rows.visibility[r];
    out[o + 9] = -1;
    out.set(features.subarray(r * featureDim, (r + 1) * featureDim), o + MOT_COLUMNS);
  }
  writeNpy(path, [n, cols], out);
}
