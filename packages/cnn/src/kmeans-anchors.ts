/**
 * Anchor priors by k-means over box sizes with the distance d = 1 - IoU
 * (Redmon & Farhadi, "YOLO9000", CVPR 2017, section 2 "Dimension Clusters"):
 * boxes are compared as if centred at the same point, so only (w, h) matter and
 * large boxes do not dominate as they would under Euclidean distance.
 */
import { ConfigError, ShapeError, seededRandom } from '@mot/core';
import { checkInteger } from './box-checks.js';

/** Options of {@link kmeansAnchors}. */
export interface KmeansAnchorOptions {
  /** Maximum Lloyd iterations. Default 300. */
  iterations?: number;
  /** Seed of the k-means++ initialisation; same seed, same result. Default 0. */
  seed?: number;
}

/** Result of {@link kmeansAnchors}. */
export interface KmeansAnchors {
  /** Cluster centres (w, h), same units as the input, flat [k,2], sorted by area ascending. */
  anchors: Float32Array;
  /** Index into `anchors` of each input box, [N]. */
  assignments: Int32Array;
  /** Mean over boxes of the IoU with their anchor (YOLOv2's "Avg IOU"). */
  meanIou: number;
  /** Lloyd iterations run (stops early once no assignment changes). */
  iterations: number;
}

/** IoU of two (w, h) boxes sharing a centre. */
function whIou(w1: number, h1: number, w2: number, h2: number): number {
  const inter = Math.min(w1, w2) * Math.min(h1, h2);
  return inter / (w1 * h1 + w2 * h2 - inter);
}

/**
 * Clusters box sizes into k anchor priors: k-means++ seeding, then Lloyd
 * iterations assigning each box to the centre of highest IoU (ties: lower
 * centre) and moving each centre to the mean (w, h) of its boxes. A centre that
 * loses all its boxes stays where it was.
 * @param boxesWh box sizes (w, h), both > 0 (px or grid cells), flat [N,2]
 * @param k number of anchors, 1 <= k <= N
 * @returns anchors sorted by area, assignments, mean IoU and iterations run
 * @throws ShapeError for an odd length; ConfigError for non-positive sizes or a bad k
 * @example kmeansAnchors([2, 2, 4, 4], 1).anchors // [3, 3]
 */
export function kmeansAnchors(boxesWh: ArrayLike<number>, k: number, options: KmeansAnchorOptions = {}): KmeansAnchors {
  const fn = 'kmeansAnchors';
  if (boxesWh.length % 2 !== 0) throw new ShapeError(`${fn}: boxesWh must be a flat [N,2] array of (w, h), got length ${boxesWh.length}`);
  const n = boxesWh.length / 2;
  for (let i = 0; i < boxesWh.length; i++) {
    if (!(boxesWh[i] > 0 && boxesWh[i] < Infinity)) {
      throw new ConfigError(`${fn}: boxesWh must hold finite sizes > 0, got ${boxesWh[i]} at row ${i >> 1}`);
    }
  }
  checkInteger(fn, 'k', k);
  if (k > n) throw new ConfigError(`${fn}: k must be <= the number of boxes (${n}), got ${k}`);
  const maxIter = options.iterations ?? 300;
  checkInteger(fn, 'iterations', maxIter);
  const rnd = seededRandom(options.seed ?? 0);

  // k-means++: each next centre is drawn with probability proportional to d^2,
  // d = 1 - IoU with the nearest centre chosen so far.
  const cw = new Float64Array(k);
  const ch = new Float64Array(k);
  const nearest = new Float64Array(n).fill(Infinity);
  let first = Math.floor(rnd() * n);
  cw[0] = boxesWh[2 * first];
  ch[0] = boxesWh[2 * first + 1];
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      const d = 1 - whIou(boxesWh[2 * i], boxesWh[2 * i + 1], cw[c - 1], ch[c - 1]);
      nearest[i] = Math.min(nearest[i], d * d);
      total += nearest[i];
    }
    let pick = n - 1;
    if (total > 0) {
      let r = rnd() * total;
      for (let i = 0; i < n; i++) {
        r -= nearest[i];
        if (r < 0) {
          pick = i;
          break;
        }
      }
    } else {
      // all boxes coincide with chosen centres: any box will do
      pick = (first = (first + 1) % n);
    }
    cw[c] = boxesWh[2 * pick];
    ch[c] = boxesWh[2 * pick + 1];
  }

  const assign = new Int32Array(n).fill(-1);
  const sumW = new Float64Array(k);
  const sumH = new Float64Array(k);
  const count = new Int32Array(k);
  let iter = 0;
  while (iter < maxIter) {
    iter++;
    let changed = 0;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestIou = -1;
      for (let c = 0; c < k; c++) {
        const v = whIou(boxesWh[2 * i], boxesWh[2 * i + 1], cw[c], ch[c]);
        if (v > bestIou) [best, bestIou] = [c, v];
      }
      if (assign[i] !== best) changed++;
      assign[i] = best;
    }
    // Stop before moving the centres, so that assignments always match them.
    if (changed === 0 || iter === maxIter) break;
    sumW.fill(0);
    sumH.fill(0);
    count.fill(0);
    for (let i = 0; i < n; i++) {
      sumW[assign[i]] += boxesWh[2 * i];
      sumH[assign[i]] += boxesWh[2 * i + 1];
      count[assign[i]]++;
    }
    for (let c = 0; c < k; c++) {
      if (count[c] > 0) [cw[c], ch[c]] = [sumW[c] / count[c], sumH[c] / count[c]];
    }
  }

  const order = Array.from({ length: k }, (_, c) => c).sort((a, b) => cw[a] * ch[a] - cw[b] * ch[b] || a - b);
  const rank = new Int32Array(k);
  const anchors = new Float32Array(2 * k);
  order.forEach((c, r) => {
    rank[c] = r;
    anchors[2 * r] = cw[c];
    anchors[2 * r + 1] = ch[c];
  });
  const assignments = new Int32Array(n);
  let iouSum = 0;
  for (let i = 0; i < n; i++) {
    assignments[i] = rank[assign[i]];
    iouSum += whIou(boxesWh[2 * i], boxesWh[2 * i + 1], cw[assign[i]], ch[assign[i]]);
  }
  return { anchors, assignments, meanIou: iouSum / n, iterations: iter };
}
