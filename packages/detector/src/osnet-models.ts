import { fileURLToPath } from 'node:url';

/** Names of the OSNet networks shipped in `packages/detector/models/osnet/` (README there: provenance, sha256, licence). */
export type OsnetModelName = 'x0_25' | 'x0_5';

/**
 * The shipped OSNet ONNX files by name: `x0_25` (osnet_x0_25 trained on
 * MSMT17, 0.9 MB, the default) and `x0_5` (osnet_x0_5 on all of MSMT17,
 * 2.6 MB, more accurate, about 2.3x slower). Resolved relative to this
 * source file, so that it works from `src/` and a built `dist/` alike.
 */
export const OSNET_MODELS: Readonly<Record<OsnetModelName, string>> = {
  x0_25: fileURLToPath(new URL('../models/osnet/osnet_x0_25_msmt17.onnx', import.meta.url)),
  x0_5: fileURLToPath(new URL('../models/osnet/osnet_x0_5_msmt17_combineall.onnx', import.meta.url)),
};

/** Network input height and width, px (both shipped models: `[batch, 3, 256, 128]`). */
export const OSNET_INPUT_SIZE: readonly [number, number] = [256, 128];

/** ImageNet channel mean and std (RGB, on values / 255), torchreid's normalisation. */
export const IMAGENET_MEAN_RGB: readonly [number, number, number] = [0.485, 0.456, 0.406];
export const IMAGENET_STD_RGB: readonly [number, number, number] = [0.229, 0.224, 0.225];
