import { ConfigError, type Detection } from '@mot/core';
import type { AppearanceExtractor } from './appearance-extractor.js';
import type { Detector } from './detector.js';

/**
 * A detector whose detections carry `feature` from `extractor` (replacing any
 * feature the detector set).
 *
 * @param detector finds the boxes
 * @param extractor embeds them
 * @returns a detector; each detection is a copy with `feature` set
 * @throws ConfigError when either argument lacks its method
 * @example
 * const nanodet = await NanoDetDetector.create({ featureMaps: true });
 * const detector = withAppearance(nanodet, new RoiAlignExtractor(nanodet)); // one forward pass per frame
 * (await detector.detect(frame))[0].feature?.length; // 256
 */
export function withAppearance(detector: Detector, extractor: AppearanceExtractor): Detector {
  if (detector === null || typeof detector !== 'object' || typeof detector.detect !== 'function') {
    throw new ConfigError(`withAppearance: detector must have a detect(frame) method, got ${detector === null ? 'null' : typeof detector}`);
  }
  if (extractor === null || typeof extractor !== 'object' || typeof extractor.extract !== 'function') {
    throw new ConfigError(`withAppearance: extractor must have an extract(frame, boxes) method, got ${extractor === null ? 'null' : typeof extractor}`);
  }
  return {
    async detect(frame) {
      const dets = await detector.detect(frame);
      if (dets.length === 0) return dets;
      const features = await extractor.extract(frame, dets.map((d) => d.box));
      return dets.map((d, i): Detection => ({ ...d, feature: features[i] }));
    },
  };
}
