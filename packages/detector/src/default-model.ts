import { fileURLToPath } from 'node:url';

/**
 * The embedded default detector: NanoDet-g (COCO, 416x416) in the repository's
 * `models/nanodet/` folder (TensorFlow.js graph model `nanodet.json` +
 * `nanodet.bin`, float16 weights; the same weights as `nanodet.onnx`;
 * provenance and licence in that folder's README.md and LICENSE). Resolved
 * relative to this source file, so it works from any working directory.
 */
export const DEFAULT_NANODET_MODEL: string = fileURLToPath(new URL('../../../models/nanodet/nanodet.json', import.meta.url));

/** The default model as ONNX (what backend `'ort'` loads). */
export const DEFAULT_NANODET_ONNX: string = fileURLToPath(new URL('../../../models/nanodet/nanodet.onnx', import.meta.url));
