/**
 * Appearance extractors by name, so that a CLI flag or a config file can pick
 * one (`--appearance osnet`, `mot embed --model hsv`) and a package that adds
 * an extractor (another ReID network) registers it here instead of every
 * caller learning its class.
 */
import { ConfigError } from '@mot/core';
import type { AppearanceExtractor } from './appearance-extractor.js';
import type { Detector } from './detector.js';
import { HsvHistogramExtractor } from './hsv-histogram-extractor.js';
import { NanoDetDetector } from './nanodet-detector.js';
import { OsnetExtractor } from './osnet-extractor.js';
import { RoiAlignExtractor } from './roi-align-extractor.js';

/** An extractor made by the registry; `release()` frees what it created (a network; a no-op for HSV). */
export interface ReleasableExtractor extends AppearanceExtractor {
  release(): Promise<void>;
}

/** What a registered extractor may build on; each uses what applies to it. */
export interface AppearanceContext {
  /**
   * The detector whose boxes will be embedded. `roi-align` reads its feature
   * maps when it is a NanoDetDetector created with `featureMaps: true`, and
   * runs a NanoDet of its own when no detector is given.
   */
  readonly detector?: Detector;
  /** Where a network runs: `'cnn'` (default, our runtime) or `'ort'` (onnxruntime-node). */
  readonly backend?: 'cnn' | 'ort';
  /** onnxruntime intra-op threads (backend `'ort'`). */
  readonly threads?: number;
}

/** Options of {@link createAppearanceExtractor} (the context without a detector). */
export type AppearanceCreateOptions = Omit<AppearanceContext, 'detector'>;

/** An appearance extractor as the registry knows it. */
export interface AppearanceDefinition {
  readonly id: string;
  readonly description: string;
  /** Embedding length. */
  readonly dimension: number;
  /**
   * True when the extractor reads the detector's feature maps: a pipeline must
   * create its NanoDet detector with `featureMaps: true` and pass it in the context.
   */
  readonly needsFeatureMaps: boolean;
  create(context?: AppearanceContext): Promise<ReleasableExtractor>;
}

function releasable(e: AppearanceExtractor, release: () => Promise<void> = async () => {}): ReleasableExtractor {
  return { extract: (frame, boxes) => e.extract(frame, boxes), release };
}

const BUILT_IN: readonly AppearanceDefinition[] = [
  {
    id: 'osnet',
    description: 'OSNet x0_25 trained on MSMT17 (torchreid): person re-identification network, 512 values',
    dimension: 512,
    needsFeatureMaps: false,
    create: (c = {}) => OsnetExtractor.create({ model: 'x0_25', backend: c.backend, threads: c.threads }),
  },
  {
    id: 'osnet_x0_5',
    description: 'OSNet x0_5 trained on all of MSMT17 (torchreid): more accurate, about 2.3x slower, 512 values',
    dimension: 512,
    needsFeatureMaps: false,
    create: (c = {}) => OsnetExtractor.create({ model: 'x0_5', backend: c.backend, threads: c.threads }),
  },
  {
    id: 'hsv',
    description: 'HSV colour histogram (8x4x4 bins) of each box, no network, 128 values; any detector',
    dimension: 128,
    needsFeatureMaps: false,
    create: async () => releasable(new HsvHistogramExtractor()),
  },
  {
    id: 'roi-align',
    description: "ROI Align of NanoDet's feature maps, 256 values; no second network with the NanoDet detector",
    dimension: 256,
    needsFeatureMaps: true,
    create: async (c = {}) => {
      if (c.detector === undefined) {
        const nanodet = await NanoDetDetector.create({ featureMaps: true, backend: c.backend, threads: c.threads });
        return releasable(new RoiAlignExtractor(nanodet), () => nanodet.release());
      }
      if (!(c.detector instanceof NanoDetDetector)) {
        throw new ConfigError("appearance 'roi-align' needs the NanoDet detector (created with featureMaps: true), got another detector");
      }
      // The caller's detector: it owns and releases it.
      return releasable(new RoiAlignExtractor(c.detector));
    },
  },
];

const registry = new Map<string, AppearanceDefinition>(BUILT_IN.map((d) => [d.id, d]));

/**
 * Adds (or replaces) an extractor under `definition.id`.
 * @throws ConfigError when the id is empty or `create` is not a function
 */
export function registerAppearance(definition: AppearanceDefinition): void {
  if (typeof definition?.id !== 'string' || definition.id === '' || typeof definition.create !== 'function') {
    throw new ConfigError(`registerAppearance: definition must have a non-empty id and a create(context) function, got ${JSON.stringify(definition?.id)}`);
  }
  registry.set(definition.id, definition);
}

/** Ids of every registered extractor, in registration order (built-ins: osnet, osnet_x0_5, hsv, roi-align). */
export function appearanceIds(): string[] {
  return [...registry.keys()];
}

/**
 * The extractor registered as `id`.
 * @throws ConfigError listing the known ids when `id` is unknown
 */
export function getAppearance(id: string): AppearanceDefinition {
  const def = registry.get(id);
  if (def === undefined) throw new ConfigError(`unknown appearance extractor '${id}' (known: ${appearanceIds().join(', ')})`);
  return def;
}

/**
 * Creates the appearance extractor registered as `id`, on its own (for
 * `roi-align` with a NanoDet of its own).
 *
 * @throws ConfigError listing the known ids for an unknown one
 * @example
 * const osnet = await createAppearanceExtractor('osnet');
 * const features = await osnet.extract(frame, boxes); // Float32Array(512) each
 * await osnet.release();
 */
export async function createAppearanceExtractor(id: string, options: AppearanceCreateOptions = {}): Promise<ReleasableExtractor> {
  return getAppearance(id).create(options);
}
