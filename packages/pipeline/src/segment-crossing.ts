/**
 * Which side of a directed line a point lies on, and whether a movement
 * crosses a line segment.
 */
import type { Point } from './types.js';

/**
 * The side of `p` relative to the directed line a -> b: the sign of
 * cross(b - a, p - a). +1 is the side a walker going from a to b has on their
 * right on screen (image y grows downwards), the 'in' side of a CountLine; -1
 * the other; 0 exactly on the line.
 */
export function sideOf(a: Point, b: Point, p: Point): -1 | 0 | 1 {
  const c = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
  return c > 0 ? 1 : c < 0 ? -1 : 0;
}

/**
 * True when the movement p0 -> p1, whose ends lie strictly on opposite sides
 * of the line through a and b, passes through the segment a-b itself,
 * endpoints a and b included (a movement through exactly a counts).
 */
export function passesThroughSegment(p0: Point, p1: Point, a: Point, b: Point): boolean {
  const da = sideOf(p0, p1, a);
  const db = sideOf(p0, p1, b);
  return da * db <= 0;
}
