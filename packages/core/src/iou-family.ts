/**
 * The IoU family on xyxy boxes (x1, y1, x2, y2 in px, x2 >= x1, y2 >= y1, no +1
 * pixel convention): IoU, GIoU (Rezatofighi et al., "Generalized Intersection
 * over Union", CVPR 2019), DIoU and CIoU (Zheng et al., "Distance-IoU Loss",
 * AAAI 2020). Each comes as an allocation-free unpacked form (`*Xyxy`) for hot
 * loops (NMS, losses over typed arrays) and a tuple form.
 *
 * `iouXyxy` is a twin of `iouTlwh` rather than a call to it: converting xyxy to
 * tlwh and back (x1 + (x2 - x1)) is not exact in floating point, and NMS must
 * reproduce TensorFlow's xyxy arithmetic bit for bit to select the same boxes.
 */
import type { Xyxy } from './box.js';

/** IoU of two unpacked xyxy boxes; 0 when they do not overlap or the union is empty. */
export function iouXyxy(ax1: number, ay1: number, ax2: number, ay2: number, bx1: number, by1: number, bx2: number, by2: number): number {
  const iw = Math.min(ax2, bx2) - Math.max(ax1, bx1);
  if (iw <= 0) return 0;
  const ih = Math.min(ay2, by2) - Math.max(ay1, by1);
  if (ih <= 0) return 0;
  const inter = iw * ih;
  const union = (ax2 - ax1) * (ay2 - ay1) + (bx2 - bx1) * (by2 - by1) - inter;
  return union > 0 ? inter / union : 0;
}

/**
 * GIoU = IoU - (C - U) / C, with C the area of the smallest box enclosing both
 * and U the union (Rezatofighi 2019, Alg. 1). Range (-1, 1]; 0 for two empty
 * boxes at the same point (C = 0).
 */
export function giouXyxy(ax1: number, ay1: number, ax2: number, ay2: number, bx1: number, by1: number, bx2: number, by2: number): number {
  const iw = Math.max(0, Math.min(ax2, bx2) - Math.max(ax1, bx1));
  const ih = Math.max(0, Math.min(ay2, by2) - Math.max(ay1, by1));
  const inter = iw * ih;
  const union = (ax2 - ax1) * (ay2 - ay1) + (bx2 - bx1) * (by2 - by1) - inter;
  const iou = union > 0 ? inter / union : 0;
  const enclosing = (Math.max(ax2, bx2) - Math.min(ax1, bx1)) * (Math.max(ay2, by2) - Math.min(ay1, by1));
  return enclosing > 0 ? iou - (enclosing - union) / enclosing : iou;
}

/**
 * The DIoU penalty R_DIoU = rho^2 / c^2: squared distance between the box
 * centres over the squared diagonal of the smallest enclosing box (Zheng 2020,
 * eq. 6). 0 when the enclosing box is a single point.
 */
export function diouPenaltyXyxy(ax1: number, ay1: number, ax2: number, ay2: number, bx1: number, by1: number, bx2: number, by2: number): number {
  const dx = (ax1 + ax2 - bx1 - bx2) / 2;
  const dy = (ay1 + ay2 - by1 - by2) / 2;
  const cw = Math.max(ax2, bx2) - Math.min(ax1, bx1);
  const ch = Math.max(ay2, by2) - Math.min(ay1, by1);
  const c2 = cw * cw + ch * ch;
  return c2 > 0 ? (dx * dx + dy * dy) / c2 : 0;
}

/** DIoU = IoU - rho^2 / c^2 (Zheng 2020, eq. 6). Range (-1, 1]. */
export function diouXyxy(ax1: number, ay1: number, ax2: number, ay2: number, bx1: number, by1: number, bx2: number, by2: number): number {
  return iouXyxy(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2) - diouPenaltyXyxy(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2);
}

/** 4 / pi^2: normalises the aspect-ratio term v of CIoU to [0, 1] (Zheng 2020, eq. 9). */
const CIOU_V_SCALE = 4 / (Math.PI * Math.PI);

/**
 * CIoU = IoU - rho^2 / c^2 - alpha * v, with v = 4/pi^2 (atan(w_b/h_b) -
 * atan(w_a/h_a))^2 and alpha = v / ((1 - IoU) + v) (Zheng 2020, eqs. 8-11).
 * `b` plays the ground truth's role in the paper, but v is symmetric, so the
 * value is too. alpha is taken as 0 when v = 0 (same aspect ratio), which
 * resolves the 0/0 of two identical boxes. atan2(w, h) equals atan(w/h) for
 * h > 0 and stays finite for empty boxes.
 */
export function ciouXyxy(ax1: number, ay1: number, ax2: number, ay2: number, bx1: number, by1: number, bx2: number, by2: number): number {
  const iou = iouXyxy(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2);
  const penalty = diouPenaltyXyxy(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2);
  const da = Math.atan2(bx2 - bx1, by2 - by1) - Math.atan2(ax2 - ax1, ay2 - ay1);
  const v = CIOU_V_SCALE * da * da;
  const alpha = v > 0 ? v / (1 - iou + v) : 0;
  return iou - penalty - alpha * v;
}

/**
 * Generalized IoU of two xyxy boxes (px). See {@link giouXyxy}.
 * @example giou([0, 0, 1, 1], [2, 0, 3, 1]) // -1/3: IoU 0, enclosing 3, union 2
 */
export function giou(a: Readonly<Xyxy>, b: Readonly<Xyxy>): number {
  return giouXyxy(a[0], a[1], a[2], a[3], b[0], b[1], b[2], b[3]);
}

/**
 * Distance IoU of two xyxy boxes (px). See {@link diouXyxy}.
 * @example diou([0, 0, 2, 2], [1, 0, 3, 2]) // 1/3 - 1/13
 */
export function diou(a: Readonly<Xyxy>, b: Readonly<Xyxy>): number {
  return diouXyxy(a[0], a[1], a[2], a[3], b[0], b[1], b[2], b[3]);
}

/**
 * Complete IoU of two xyxy boxes (px); `b` is the target in the paper's terms.
 * See {@link ciouXyxy}.
 * @example ciou([0, 0, 2, 2], [0, 0, 2, 2]) // 1
 */
export function ciou(a: Readonly<Xyxy>, b: Readonly<Xyxy>): number {
  return ciouXyxy(a[0], a[1], a[2], a[3], b[0], b[1], b[2], b[3]);
}
