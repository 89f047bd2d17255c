import { fileURLToPath } from 'node:url';

/**
 * The embedded default detector: NanoDet-g (COCO, 416x416) in this package's
 * `models/nanodet/` folder (TensorFlow.js graph model `nanodet.json` +
 * `nanodet.bin`, float16 weights; the same weights as `nanodet.onnx`;
 * provenance and licence in that folder's README.md and LICENSE). Resolved
 * relative to this module (`../models/nanodet/` from `src/` and from `dist/`
 * alike, the folder ships in the published package), so it works from any
 * working directory and from an npm install.
 */
export const DEFAULT_NANODET_MODEL: string = fileURLToPath(new URL('../models/nanodet/nanodet.json', import.meta.url));

/** The default model as ONNX (what backend `'ort'` loads). */
export const DEFAULT_NANODET_ONNX: string = fileURLToPath(new URL('../models/nanodet/nanodet.onnx', import.meta.url));
