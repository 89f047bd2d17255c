import { ConfigError, iouMatrix, type Matrix, type Tlwh } from '@mot/core';

function checkBoxes(arg: string, boxes: ReadonlyArray<Readonly<Tlwh>>): void {
  if (!Array.isArray(boxes)) throw new ConfigError(`iouCostMatrix: ${arg} must be an array of tlwh boxes, got ${typeof boxes}`);
  for (let k = 0; k < boxes.length; k++) {
    const b = boxes[k];
    const ok =
      b != null &&
      b.length === 4 &&
      Number.isFinite(b[0]) &&
      Number.isFinite(b[1]) &&
      Number.isFinite(b[2]) &&
      Number.isFinite(b[3]) &&
      b[2] >= 0 &&
      b[3] >= 0;
    if (!ok) {
      const shown = b == null ? String(b) : `[${Array.from(b as ArrayLike<number>).join(', ')}]`;
      throw new ConfigError(`iouCostMatrix: ${arg}[${k}] must be a tlwh box of 4 finite numbers with w, h >= 0, got ${shown}`);
    }
  }
}

/**
 * IoU distance between tracks and detections, `1 - IoU` (SORT's and
 * deep_sort's `iou_cost`), for {@link minCostMatching} with a gate such as
 * `maxCost = 0.7` (deep_sort's `max_iou_distance`).
 *
 * @param tracks tlwh boxes (px), one per row
 * @param detections tlwh boxes (px), one per column
 * @returns a `tracks.length x detections.length` Matrix with entries from
 *   0 (identical boxes) to 1 (disjoint ones)
 * @throws ConfigError when a box is not 4 finite numbers with w, h >= 0
 * @example
 * ```ts
 * import { iouCostMatrix } from '@mot/hungarian';
 * const c = iouCostMatrix([[0, 0, 2, 2]], [[1, 0, 2, 2], [0, 0, 2, 2]]);
 * // c.data = [1 - 2/6, 0]: the first pair overlaps 1 x 2 = 2 of 4 + 4 - 2 = 6 px^2
 * ```
 */
export function iouCostMatrix(tracks: ReadonlyArray<Readonly<Tlwh>>, detections: ReadonlyArray<Readonly<Tlwh>>): Matrix {
  checkBoxes('tracks', tracks);
  checkBoxes('detections', detections);
  const m = iouMatrix(tracks, detections);
  const d = m.data;
  for (let k = 0; k < d.length; k++) d[k] = 1 - d[k];
  return m;
}
