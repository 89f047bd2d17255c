/**
 * OC-SORT's first association (noahcao/OC_SORT `association.py` `associate`):
 * IoU between detections and predicted boxes plus observation-centric
 * momentum (OCM), a bonus for detections lying in the direction the track
 * has been moving. For track t with motion direction v_t (unit vector
 * between observations `deltaT` frames apart) and detection d with direction
 * u_td from t's observation `deltaT` frames back to d:
 *
 *   bonus = inertia * score_d * (pi/2 - |acos(v_t . u_td)|) / pi
 *
 * (zero for tracks without such an observation), and the assignment
 * maximises IoU + bonus. Pairs under the IoU threshold are then undone.
 */
import { createMatrix, iouXyxy } from '@mot/core';
import { lapjvExtended } from '@mot/hungarian';

export interface OcSortAssociation {
  /** `[detection, track]` pairs. */
  readonly matches: Array<[number, number]>;
  /** In the reference's order: never assigned (ascending), then undone pairs. */
  readonly unmatchedDetections: number[];
  readonly unmatchedTracks: number[];
}

/** Rows (detections) to columns (tracks) maximising `score`, lap-style: pairs in row order. */
export function maximumScoreAssignment(score: Float64Array, nd: number, nt: number): Array<[number, number]> {
  const cost = createMatrix(nd, nt);
  for (let k = 0; k < cost.data.length; k++) cost.data[k] = -score[k];
  const { rowToCol } = lapjvExtended(cost);
  const out: Array<[number, number]> = [];
  rowToCol.forEach((c, r) => c >= 0 && out.push([r, c]));
  return out;
}

/** IoU of each detection (rows) with each box (columns), all x1y1x2y2; row-major. */
export function iouRows(dets: readonly Float64Array[], boxes: readonly ArrayLike<number>[]): Float64Array {
  const nt = boxes.length;
  const out = new Float64Array(dets.length * nt);
  for (let d = 0; d < dets.length; d++) {
    const a = dets[d];
    for (let t = 0; t < nt; t++) {
      const b = boxes[t];
      out[d * nt + t] = iouXyxy(a[0], a[1], a[2], a[3], b[0], b[1], b[2], b[3]);
    }
  }
  return out;
}

/**
 * @param dets detections x1, y1, x2, y2, score
 * @param predicted the tracks' predicted boxes x1y1x2y2
 * @param velocities each track's direction (dy, dx), (0, 0) when unknown
 * @param previous each track's observation `deltaT` frames back (x1..y2, score; score < 0 = none)
 */
export function associateWithMomentum(
  dets: readonly Float64Array[],
  predicted: readonly Float64Array[],
  velocities: ReadonlyArray<readonly [number, number]>,
  previous: ReadonlyArray<ArrayLike<number>>,
  iouThreshold: number,
  inertia: number,
): OcSortAssociation {
  const nd = dets.length;
  const nt = predicted.length;
  if (nt === 0) return { matches: [], unmatchedDetections: dets.map((_, i) => i), unmatchedTracks: [] };
  const iou = iouRows(dets, predicted);
  let pairs: Array<[number, number]> = [];
  if (nd > 0) {
    const rowCount = new Int32Array(nd);
    const colCount = new Int32Array(nt);
    for (let d = 0; d < nd; d++) {
      for (let t = 0; t < nt; t++) {
        if (iou[d * nt + t] > iouThreshold) {
          rowCount[d]++;
          colCount[t]++;
        }
      }
    }
    if (Math.max(...rowCount) === 1 && Math.max(...colCount) === 1) {
      for (let d = 0; d < nd; d++) for (let t = 0; t < nt; t++) if (iou[d * nt + t] > iouThreshold) pairs.push([d, t]);
    } else {
      const score = new Float64Array(nd * nt);
      for (let t = 0; t < nt; t++) {
        const p = previous[t];
        const valid = p[4] < 0 ? 0 : 1;
        const [vy, vx] = velocities[t];
        const pcx = (p[0] + p[2]) / 2;
        const pcy = (p[1] + p[3]) / 2;
        for (let d = 0; d < nd; d++) {
          const a = dets[d];
          const dx = (a[0] + a[2]) / 2 - pcx;
          const dy = (a[1] + a[3]) / 2 - pcy;
          const norm = Math.sqrt(dx * dx + dy * dy) + 1e-6;
          const cos = Math.min(1, Math.max(-1, vx * (dx / norm) + vy * (dy / norm)));
          const angle = (Math.PI / 2 - Math.abs(Math.acos(cos))) / Math.PI;
          score[d * nt + t] = iou[d * nt + t] + valid * angle * inertia * a[4];
        }
      }
      pairs = maximumScoreAssignment(score, nd, nt);
    }
  }
  const detUsed = new Uint8Array(nd);
  const trkUsed = new Uint8Array(nt);
  for (const [d, t] of pairs) {
    detUsed[d] = 1;
    trkUsed[t] = 1;
  }
  const unmatchedDetections: number[] = [];
  for (let d = 0; d < nd; d++) if (!detUsed[d]) unmatchedDetections.push(d);
  const unmatchedTracks: number[] = [];
  for (let t = 0; t < nt; t++) if (!trkUsed[t]) unmatchedTracks.push(t);
  const matches: Array<[number, number]> = [];
  for (const [d, t] of pairs) {
    if (iou[d * nt + t] < iouThreshold) {
      unmatchedDetections.push(d);
      unmatchedTracks.push(t);
    } else matches.push([d, t]);
  }
  return { matches, unmatchedDetections, unmatchedTracks };
}
