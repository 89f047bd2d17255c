/**
 * Whether a point lies inside a polygon.
 */
import type { Point } from './types.js';

/**
 * Crossing-number (even-odd) test: counts the polygon edges that a ray from
 * `p` towards +x crosses. Each edge is half-open in y (it includes its
 * upper endpoint in image terms, the smaller y, and excludes the other), so a
 * point on a shared vertex is counted once and a point exactly on an edge gets
 * the same answer every time: for an axis-aligned rectangle the left and top
 * edges are inside, the right and bottom edges outside (like pixel ranges
 * x0 <= x < x1). Works for concave and self-intersecting polygons (even-odd).
 */
export function pointInPolygon(p: Point, polygon: readonly Point[]): boolean {
  const [x, y] = p;
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i];
    const [xj, yj] = polygon[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
