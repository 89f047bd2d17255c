/**
 * Faster R-CNN region proposal anchors (Ren et al. 2015, section 3.1.1): 3
 * scales x 3 aspect ratios = 9 anchors per feature-map cell.
 */
import { gridAnchors } from './anchors-grid.js';

/**
 * RPN anchors: sizes baseSize * scales (128, 256, 512 px by default) x ratios
 * h/w (0.5, 1, 2), each of area size^2, centred on the cell centre
 * ((x + 0.5) stride, (y + 0.5) stride). Unlike py-faster-rcnn's
 * generate_anchors, sizes are not rounded to whole pixels and there is no +1
 * pixel convention, so its table ([-84, -40, 99, 55], ...) differs by a few px.
 * @param featureH feature map height (cells)
 * @param featureW feature map width (cells)
 * @param stride px per cell (16 for VGG16 conv5_3)
 * @param scales multiples of baseSize. Default [8, 16, 32].
 * @param ratios h / w. Default [0.5, 1, 2].
 * @param baseSize px. Default 16.
 * @returns xyxy (px), flat [featureH * featureW * ratios.length * scales.length, 4], rows by cell, ratio, scale
 * @throws ConfigError for non-positive sizes, scales or ratios
 * @example rpnAnchors(1, 1, 16).length / 4 // 9 anchors for one cell
 */
export function rpnAnchors(
  featureH: number,
  featureW: number,
  stride: number,
  scales: readonly number[] = [8, 16, 32],
  ratios: readonly number[] = [0.5, 1, 2],
  baseSize = 16,
): Float32Array {
  return gridAnchors('rpnAnchors', featureH, featureW, stride, scales.map((s) => s * baseSize), ratios, 0.5);
}
