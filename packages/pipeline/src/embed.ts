/**
 * The appearance stage: gives each detection an embedding for trackers that
 * match by appearance (DeepSORT).
 */
import { ConfigError, type Detection } from '@mot/core';
import type { AppearanceExtractor } from '@mot/detector';
import type { MonoTypeOperatorFunction } from 'rxjs';
import { orderedMap } from './ordered-map.js';
import type { FrameResult } from './types.js';

/**
 * Sets `feature` on every detection of every result from `extractor`, one
 * frame at a time (the frame's pixels must still be there). Frames without
 * detections skip the extractor.
 *
 * @param extractor an {@link AppearanceExtractor} (`HsvHistogramExtractor`, `RoiAlignExtractor`, ...)
 * @returns an operator; each result is a copy whose detections are copies with `feature` set
 * @throws ConfigError at once when `extractor` has no `extract` method
 * @example
 * ```ts
 * frames$.pipe(detect(detector), embed(new HsvHistogramExtractor()), trackWith(new DeepSortTracker()));
 * ```
 */
export function embed(extractor: AppearanceExtractor): MonoTypeOperatorFunction<FrameResult> {
  if (extractor === null || typeof extractor !== 'object' || typeof extractor.extract !== 'function') {
    throw new ConfigError(`embed: extractor must have an extract(frame, boxes) method, got ${extractor === null ? 'null' : typeof extractor}`);
  }
  return orderedMap(async (result: FrameResult): Promise<FrameResult> => {
    if (result.detections.length === 0) return result;
    if (result.frame.data.length === 0) {
      throw new ConfigError(`embed: frame ${result.frame.index} has no pixels left; put embed before any stage that releases them`);
    }
    const features = await extractor.extract(result.frame, result.detections.map((d) => d.box));
    return { ...result, detections: result.detections.map((d, i): Detection => ({ ...d, feature: features[i] })) };
  }, 1);
}
