import type { Frame, Tlwh } from '@mot/core';

/**
 * Computes an appearance embedding per box, for DeepSORT's cosine metric
 * without a ReID network (or with one: wrap an ONNX ReID model run through the
 * graph runtime in this interface).
 *
 * Implementations: {@link RoiAlignExtractor} (the detector's own feature maps)
 * and {@link HsvHistogramExtractor} (colour histograms).
 */
export interface AppearanceExtractor {
  /**
   * @param frame RGB24 frame the boxes belong to
   * @param boxes tlwh, frame px
   * @returns one unit-length (L2) embedding per box, in box order; all of one length
   */
  extract(frame: Frame, boxes: readonly Readonly<Tlwh>[]): Promise<Float32Array[]>;
}
