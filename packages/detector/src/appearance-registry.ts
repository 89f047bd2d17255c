/**
 * Appearance extractors by name, so that a CLI flag or a config file can pick
 * one (`--appearance roi-align`) and a package that adds an extractor (a ReID
 * network) registers it here instead of every caller learning its class.
 */
import { ConfigError } from '@mot/core';
import type { AppearanceExtractor } from './appearance-extractor.js';
import type { Detector } from './detector.js';
import { HsvHistogramExtractor } from './hsv-histogram-extractor.js';
import { NanoDetDetector } from './nanodet-detector.js';
import { RoiAlignExtractor } from './roi-align-extractor.js';

/** What a registered extractor may build on. */
export interface AppearanceContext {
  /** The detector whose boxes will be embedded (a NanoDetDetector for `roi-align`). */
  readonly detector?: Detector;
}

/** An appearance extractor as the registry knows it. */
export interface AppearanceDefinition {
  readonly id: string;
  readonly description: string;
  /**
   * True when the extractor reads the detector's feature maps: the caller must
   * create the NanoDet detector with `featureMaps: true` and pass it in the context.
   */
  readonly needsFeatureMaps: boolean;
  create(context: AppearanceContext): AppearanceExtractor | Promise<AppearanceExtractor>;
}

const HSV: AppearanceDefinition = {
  id: 'hsv',
  description: 'HSV colour histogram of each box (128 values); any detector',
  needsFeatureMaps: false,
  create: () => new HsvHistogramExtractor(),
};

const ROI_ALIGN: AppearanceDefinition = {
  id: 'roi-align',
  description: "ROI Align of NanoDet's own feature maps (256 values); no second network, NanoDet only",
  needsFeatureMaps: true,
  create: ({ detector }) => {
    if (!(detector instanceof NanoDetDetector)) {
      throw new ConfigError(`appearance 'roi-align' needs the NanoDet detector (created with featureMaps: true), got ${detector === undefined ? 'none' : 'another detector'}`);
    }
    return new RoiAlignExtractor(detector);
  },
};

const registry = new Map<string, AppearanceDefinition>([
  [HSV.id, HSV],
  [ROI_ALIGN.id, ROI_ALIGN],
]);

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

/** Ids of every registered extractor, in registration order. */
export function appearanceIds(): string[] {
  return [...registry.keys()];
}

/**
 * The extractor registered as `id`.
 * @throws ConfigError listing the known ids when `id` is unknown
 * @example
 * const def = getAppearance('hsv');
 * const extractor = await def.create({}); // HsvHistogramExtractor
 */
export function getAppearance(id: string): AppearanceDefinition {
  const def = registry.get(id);
  if (def === undefined) throw new ConfigError(`unknown appearance extractor '${id}' (known: ${appearanceIds().join(', ')})`);
  return def;
}
