/**
 * Columnar view of a MOTChallenge text file. MOT files are comma-separated
 * with one box per line:
 *
 *   frame, id, bb_left, bb_top, bb_width, bb_height, conf, class, visibility, z
 *
 * MOT15 puts world coordinates x, y, z in columns 8-10 (-1 when unknown,
 * which is most files; see `worldCoordinates`); MOT16/17
 * ground truth uses column 7 as the 'consider' flag, 8 as the class and 9 as
 * the visibility ratio (https://arxiv.org/abs/1603.00831, section 3.3).
 */

/** Columnar rows of a MOTChallenge text file (det, gt or tracker results). */
export interface MotRows {
  /** File path or label the rows came from, for error messages. */
  readonly source: string;
  /** Number of rows; every column below has exactly this length. */
  readonly length: number;
  /** Column 1: 1-based frame index. */
  readonly frame: Int32Array;
  /** Column 2: track id; -1 for detections. */
  readonly id: Int32Array;
  /** Column 3: box left edge (tlwh x), px; may be negative (box starts off-image). */
  readonly x: Float64Array;
  /** Column 4: box top edge (tlwh y), px; may be negative. */
  readonly y: Float64Array;
  /** Column 5: box width, px, >= 0. */
  readonly w: Float64Array;
  /** Column 6: box height, px, >= 0. */
  readonly h: Float64Array;
  /** Column 7: det confidence, gt 'consider' flag (0/1) or result score; 1 when absent. */
  readonly score: Float64Array;
  /** Column 8: class id (integer); -1 when absent or when the file carries world coordinates. */
  readonly classId: Int32Array;
  /** Column 9: visibility ratio in [0, 1]; 1 when absent, -1 kept as written (MOT15). */
  readonly visibility: Float64Array;
  /** 1-based source line of each row (for .npy sources: 1-based row index). */
  readonly line: Int32Array;
  /**
   * True when columns 8-10 held MOT15 world coordinates (x, y, z; detected by
   * a non-integer column 8 in some row, e.g. ETH-Bahnhof and PETS09-S2L1
   * gt.txt). They are dropped, and `classId` and `visibility` are -1 for every
   * row. Optional so that hand-built rows need not set it (absent = false).
   */
  readonly worldCoordinates?: boolean;
}

/**
 * Which MOT file a text is, deciding the accepted column counts:
 * `det` 7, 9 or 10; `gt` 6 to 10; `result` 6 to 10.
 */
export type MotFileKind = 'det' | 'gt' | 'result';
