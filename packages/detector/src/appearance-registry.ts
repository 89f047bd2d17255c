import { ConfigError } from '@mot/core';
import type { AppearanceExtractor } from './appearance-extractor.js';
import { HsvHistogramExtractor } from './hsv-histogram-extractor.js';
import { NanoDetDetector } from './nanodet-detector.js';
import { OsnetExtractor } from './osnet-extractor.js';
import { RoiAlignExtractor } from './roi-align-extractor.js';

/** An extractor made by the registry; `release()` frees its network (a no-op for HSV). */
export interface ReleasableExtractor extends AppearanceExtractor {
  release(): Promise<void>;
}

/** Options every registered extractor accepts (each uses what applies to it). */
export interface AppearanceCreateOptions {
  /** Where the network runs: `'cnn'` (default, our runtime) or `'ort'` (onnxruntime-node). OSNet: the ReID network; ROI-Align: NanoDet. */
  backend?: 'cnn' | 'ort';
  /** onnxruntime intra-op threads (backend `'ort'`). */
  threads?: number;
}

/** One appearance extractor as the registry knows it. */
export interface AppearanceExtractorDefinition {
  readonly id: string;
  readonly description: string;
  /** Embedding length. */
  readonly dimension: number;
  create(options?: AppearanceCreateOptions): Promise<ReleasableExtractor>;
}

function releasable(e: AppearanceExtractor, release: () => Promise<void>): ReleasableExtractor {
  return { extract: (frame, boxes) => e.extract(frame, boxes), release };
}

/** Every built-in appearance extractor by id (`mot embed --model`, `appearance: '<id>'`). */
export const APPEARANCE_EXTRACTORS: Readonly<Record<string, AppearanceExtractorDefinition>> = Object.freeze({
  osnet: {
    id: 'osnet',
    description: 'OSNet x0_25 trained on MSMT17 (torchreid): person re-identification network, 512 values',
    dimension: 512,
    create: (o = {}) => OsnetExtractor.create({ model: 'x0_25', backend: o.backend, threads: o.threads }),
  },
  osnet_x0_5: {
    id: 'osnet_x0_5',
    description: 'OSNet x0_5 trained on all of MSMT17 (torchreid): more accurate, about 2.3x slower, 512 values',
    dimension: 512,
    create: (o = {}) => OsnetExtractor.create({ model: 'x0_5', backend: o.backend, threads: o.threads }),
  },
  hsv: {
    id: 'hsv',
    description: 'HSV colour histogram (8x4x4 bins) of the box, no network, 128 values',
    dimension: 128,
    create: async () => releasable(new HsvHistogramExtractor(), async () => {}),
  },
  'roi-align': {
    id: 'roi-align',
    description: "ROI Align of NanoDet's feature maps (runs NanoDet on every frame), 256 values",
    dimension: 256,
    create: async (o = {}) => {
      const nanodet = await NanoDetDetector.create({ featureMaps: true, backend: o.backend, threads: o.threads });
      return releasable(new RoiAlignExtractor(nanodet), () => nanodet.release());
    },
  },
});

/**
 * Creates the appearance extractor registered as `id`.
 *
 * @throws ConfigError listing the known ids for an unknown one
 * @example
 * const osnet = await createAppearanceExtractor('osnet');
 * const features = await osnet.extract(frame, boxes); // Float32Array(512) each
 * await osnet.release();
 */
export async function createAppearanceExtractor(id: string, options: AppearanceCreateOptions = {}): Promise<ReleasableExtractor> {
  const def = Object.hasOwn(APPEARANCE_EXTRACTORS, id) ? APPEARANCE_EXTRACTORS[id] : undefined;
  if (def === undefined) {
    throw new ConfigError(`createAppearanceExtractor: id must be one of ${Object.keys(APPEARANCE_EXTRACTORS).join(', ')}, got '${id}'`);
  }
  return def.create(options);
}
