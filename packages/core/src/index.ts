// Errors
export { MotError, ShapeError, ConfigError, InputError, OutputError, assert } from './errors.js';
export { outputError, outputErrorReason } from './output-error.js';

// Box formats and converters
export type { Tlwh, Xyxy, Xyah, Xysr } from './box.js';
export { tlwhToXyxy, xyxyToTlwh, tlwhToXyah, xyahToTlwh, tlwhToXysr, xysrToTlwh, validateTlwh } from './box.js';

// Matrices
export type { Matrix } from './matrix.js';
export { createMatrix, matrixFromRows, matrixToRows } from './matrix.js';

// Seeded random numbers (reproducible algorithms and tests)
export { seededRandom } from './random.js';

// IoU
export { iou, iouTlwh, iouMatrix } from './iou.js';
export { iouXyxyInclusive } from './iou-inclusive.js';

// Data flowing through the pipeline
export type { Frame, Detection, Track, TrackState } from './types.js';

// --- IoU family: GIoU, DIoU, CIoU (cnn helper C3) ---
export { iouXyxy, giouXyxy, diouXyxy, diouPenaltyXyxy, ciouXyxy, giou, diou, ciou } from './iou-family.js';
// --- end IoU family ---
