/**
 * The point of a track that counting, zones and trails follow.
 */
import type { Tlwh } from '@mot/core';
import type { Point } from './types.js';

/** Bottom-centre of a tlwh box (px): where a walking person or a car touches the ground. */
export function referencePoint(box: Tlwh): Point {
  return [box[0] + box[2] / 2, box[1] + box[3]];
}
