/**
 * Intersection over union of axis-aligned boxes. Written once here and used by
 * NMS, the trackers' cost matrices and the metrics alike. Areas use w*h with no
 * +1 pixel convention (as SORT, deep_sort, py-motmetrics and TrackEval do).
 */
import type { Tlwh } from './box.js';
import { createMatrix, type Matrix } from './matrix.js';

/** IoU of two tlwh boxes; 0 when the union is empty. */
export function iou(a: Readonly<Tlwh>, b: Readonly<Tlwh>): number {
  return iouTlwh(a[0], a[1], a[2], a[3], b[0], b[1], b[2], b[3]);
}

/** IoU on unpacked tlwh numbers (no allocation; for hot loops). */
export function iouTlwh(ax: number, ay: number, aw: number, ah: number, bx: number, by: number, bw: number, bh: number): number {
  const iw = Math.min(ax + aw, bx + bw) - Math.max(ax, bx);
  if (iw <= 0) return 0;
  const ih = Math.min(ay + ah, by + bh) - Math.max(ay, by);
  if (ih <= 0) return 0;
  const inter = iw * ih;
  const union = aw * ah + bw * bh - inter;
  return union > 0 ? inter / union : 0;
}

/**
 * IoU of every box of `a` with every box of `b`.
 * @param a tlwh boxes, rows of the result
 * @param b tlwh boxes, columns of the result
 * @returns an `a.length x b.length` matrix
 */
export function iouMatrix(a: ReadonlyArray<Readonly<Tlwh>>, b: ReadonlyArray<Readonly<Tlwh>>): Matrix {
  const out = createMatrix(a.length, b.length);
  const m = b.length;
  for (let i = 0; i < a.length; i++) {
    const p = a[i];
    for (let j = 0; j < m; j++) {
      const q = b[j];
      out.data[i * m + j] = iouTlwh(p[0], p[1], p[2], p[3], q[0], q[1], q[2], q[3]);
    }
  }
  return out;
}
