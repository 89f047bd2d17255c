/**
 * Matching over subsets of tracks and detections, in the order of deep_sort's
 * `linear_assignment.py`. The order of the returned index lists is part of the
 * contract: it decides the column order of the next matching stage and so
 * which of several equal-cost solutions the solver returns, which is what
 * exact parity with the reference needs.
 */
import type { Matrix } from '@mot/core';
import { linearSumAssignment } from '@mot/hungarian';

/** Cost given to impossible pairs (deep_sort's INFTY_COST). */
export const INFTY_COST = 1e5;

/** Cost of (trackIndices[r], detectionIndices[c]) for all r, c. */
export type CostFunction = (trackIndices: readonly number[], detectionIndices: readonly number[]) => Matrix;

export interface SubsetMatching {
  matches: Array<[track: number, detection: number]>;
  unmatchedTracks: number[];
  unmatchedDetections: number[];
}

/**
 * Minimum-cost matching of the given tracks and detections: costs above
 * `maxDistance` are clamped to `maxDistance + 1e-5` before solving and pairs
 * above `maxDistance` are undone afterwards.
 */
export function minCostMatchingSubset(
  cost: CostFunction,
  maxDistance: number,
  trackIndices: readonly number[],
  detectionIndices: readonly number[],
): SubsetMatching {
  if (trackIndices.length === 0 || detectionIndices.length === 0) {
    return { matches: [], unmatchedTracks: [...trackIndices], unmatchedDetections: [...detectionIndices] };
  }
  const m = cost(trackIndices, detectionIndices);
  const clamp = maxDistance + 1e-5;
  for (let k = 0; k < m.data.length; k++) if (m.data[k] > maxDistance) m.data[k] = clamp;
  const { rows, cols } = linearSumAssignment(m);
  const rowUsed = new Uint8Array(m.rows);
  const colUsed = new Uint8Array(m.cols);
  for (let k = 0; k < rows.length; k++) {
    rowUsed[rows[k]] = 1;
    colUsed[cols[k]] = 1;
  }
  const unmatchedDetections: number[] = [];
  for (let c = 0; c < m.cols; c++) if (!colUsed[c]) unmatchedDetections.push(detectionIndices[c]);
  const unmatchedTracks: number[] = [];
  for (let r = 0; r < m.rows; r++) if (!rowUsed[r]) unmatchedTracks.push(trackIndices[r]);
  const matches: Array<[number, number]> = [];
  for (let k = 0; k < rows.length; k++) {
    const t = trackIndices[rows[k]];
    const d = detectionIndices[cols[k]];
    if (m.data[rows[k] * m.cols + cols[k]] > maxDistance) {
      unmatchedTracks.push(t);
      unmatchedDetections.push(d);
    } else {
      matches.push([t, d]);
    }
  }
  return { matches, unmatchedTracks, unmatchedDetections };
}

/**
 * DeepSORT's matching cascade: tracks missed for fewer frames get the first
 * pick. Level l (0 .. depth-1) matches the tracks whose `timeSinceUpdate`
 * is 1 + l against the detections still unmatched.
 * @param timeSinceUpdate per track (indexed like the track indices)
 * @returns matches in cascade order; unmatched tracks ascending
 */
export function matchingCascade(
  cost: CostFunction,
  maxDistance: number,
  depth: number,
  timeSinceUpdate: (track: number) => number,
  trackIndices: readonly number[],
  detectionIndices: readonly number[],
): SubsetMatching {
  let unmatchedDetections = [...detectionIndices];
  const matches: Array<[number, number]> = [];
  for (let level = 0; level < depth; level++) {
    if (unmatchedDetections.length === 0) break;
    const tracksAtLevel = trackIndices.filter((t) => timeSinceUpdate(t) === 1 + level);
    if (tracksAtLevel.length === 0) continue;
    const r = minCostMatchingSubset(cost, maxDistance, tracksAtLevel, unmatchedDetections);
    matches.push(...r.matches);
    unmatchedDetections = r.unmatchedDetections;
  }
  const matched = new Set(matches.map(([t]) => t));
  const unmatchedTracks = trackIndices.filter((t) => !matched.has(t)).sort((a, b) => a - b);
  return { matches, unmatchedTracks, unmatchedDetections };
}
