import type { MotRows } from './mot-rows.js';

/**
 * Groups row indices by frame.
 *
 * @param rows parsed MOT rows
 * @returns frame (1-based) -> indices into the columns of `rows`, in file
 *   order; the map iterates frames in order of first appearance (MOT files
 *   are sorted by frame, so usually ascending). Frames without rows are absent.
 * @example
 * const rows = parseMotText('2,-1,0,0,1,1,1\n1,-1,0,0,1,1,1\n2,-1,5,5,1,1,1\n', 'det');
 * rowsByFrame(rows).get(2); // [0, 2]
 */
export function rowsByFrame(rows: MotRows): Map<number, number[]> {
  const out = new Map<number, number[]>();
  const frame = rows.frame;
  for (let i = 0; i < rows.length; i++) {
    const list = out.get(frame[i]);
    if (list === undefined) out.set(frame[i], [i]);
    else list.push(i);
  }
  return out;
}
