/**
 * IoU with the inclusive pixel convention of Fast R-CNN's `bbox_overlaps`
 * (the cython_bbox package ByteTrack uses): a box from x1 to x2 covers
 * x2 - x1 + 1 pixels, so iw = min(x2) - max(x1) + 1 and area = (w + 1)(h + 1).
 * Kept apart from `iouXyxy` because reproducing ByteTrack needs this exact
 * arithmetic, and nothing else in the project counts pixels this way.
 */

/**
 * IoU of two unpacked xyxy boxes (px), pixels counted inclusively; 0 when
 * they do not overlap.
 * @example
 * ```ts
 * import { iouXyxyInclusive } from '@mot/core';
 * iouXyxyInclusive(0, 0, 9, 9, 5, 0, 14, 9); // 5 x 10 / (100 + 100 - 50) = 1/3
 * ```
 */
export function iouXyxyInclusive(ax1: number, ay1: number, ax2: number, ay2: number, bx1: number, by1: number, bx2: number, by2: number): number {
  const iw = Math.min(ax2, bx2) - Math.max(ax1, bx1) + 1;
  if (!(iw > 0)) return 0;
  const ih = Math.min(ay2, by2) - Math.max(ay1, by1) + 1;
  if (!(ih > 0)) return 0;
  const union = (ax2 - ax1 + 1) * (ay2 - ay1 + 1) + (bx2 - bx1 + 1) * (by2 - by1 + 1) - iw * ih;
  return (iw * ih) / union;
}
