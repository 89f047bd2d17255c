/**
 * Internal: fills the columns of a {@link MotRows} row by row and checks the
 * values of each row. Shared by the text parser and the deep_sort .npy reader
 * so both apply the same rules.
 */
import type { MotRows } from './mot-rows.js';

/** Largest value an Int32Array column holds exactly. */
const INT32_MAX = 2147483647;

/** Names of the MOT columns, 1-based column k at index k - 1, for messages. */
export const MOT_COLUMN_NAMES = ['frame', 'id', 'x', 'y', 'w', 'h', 'score', 'class', 'visibility', 'column 10'] as const;

/**
 * Highest frame number accepted when the sequence length is not known
 * (no seqinfo.ini): 10,000,000 frames is 4.6 days at 25 Hz, far beyond any
 * MOT benchmark sequence (the longest MOT17/MOT20 ones have 3315 frames),
 * and low enough that a corrupt frame column fails at once.
 */
export const MAX_FRAME_DEFAULT = 10_000_000;

/** Row limits that depend on the file, not on the row. */
export interface RowLimits {
  /** Highest accepted frame (<= 2^31 - 1). */
  maxFrame: number;
  /** Why `maxFrame` is what it is, for the message, e.g. `options.maxFrame`. */
  maxFrameWhy: string;
  /** Boxes must have w > 0 and h > 0 (detections a tracker will use), else w, h >= 0. */
  positiveBoxes: boolean;
}

/**
 * Returns null when the first `n` values of a row are valid, else the
 * `<arg> must be <expected>, got <actual>` part of the message. Values must
 * already be finite numbers.
 */
export function checkRowValues(values: Float64Array, n: number, limits: RowLimits): string | null {
  const frame = values[0];
  if (!Number.isInteger(frame) || frame < 1) return `column 1 (frame) must be a positive integer, got ${frame}`;
  if (frame > limits.maxFrame) return `column 1 (frame) must be at most ${limits.maxFrame} (${limits.maxFrameWhy}), got ${frame}`;
  const id = values[1];
  if (!Number.isInteger(id) || Math.abs(id) > INT32_MAX) return `column 2 (id) must be an integer, got ${id}`;
  // A zero-size detection has no centre/aspect for a Kalman filter; reject it here, with the line, not inside a tracker.
  const op = limits.positiveBoxes ? '>' : '>=';
  if (limits.positiveBoxes ? !(values[4] > 0) : values[4] < 0) return `column 5 (w) must be ${op} 0, got ${values[4]}`;
  if (limits.positiveBoxes ? !(values[5] > 0) : values[5] < 0) return `column 6 (h) must be ${op} 0, got ${values[5]}`;
  // Column 8 is not checked: in MOT15 files it is a world x coordinate (see MotRowsBuilder.push).
  return null;
}

/**
 * Column store that grows by doubling (streamed input has no row count up
 * front); `finish` trims to the rows pushed.
 */
export class MotRowsBuilder {
  private n = 0;
  private world = false;
  private capacity: number;
  private frame: Int32Array;
  private id: Int32Array;
  private x: Float64Array;
  private y: Float64Array;
  private w: Float64Array;
  private h: Float64Array;
  private score: Float64Array;
  private classId: Int32Array;
  private visibility: Float64Array;
  private line: Int32Array;

  /** @param capacity initial number of rows (exact when known, e.g. a .npy shape) */
  constructor(capacity = 1024) {
    this.capacity = capacity;
    this.frame = new Int32Array(capacity);
    this.id = new Int32Array(capacity);
    this.x = new Float64Array(capacity);
    this.y = new Float64Array(capacity);
    this.w = new Float64Array(capacity);
    this.h = new Float64Array(capacity);
    this.score = new Float64Array(capacity);
    this.classId = new Int32Array(capacity);
    this.visibility = new Float64Array(capacity);
    this.line = new Int32Array(capacity);
  }

  private grow(): void {
    const c = Math.max(16, this.capacity * 2);
    const more = <T extends Int32Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(c);
      b.set(a);
      return b;
    };
    this.frame = more(this.frame);
    this.id = more(this.id);
    this.x = more(this.x);
    this.y = more(this.y);
    this.w = more(this.w);
    this.h = more(this.h);
    this.score = more(this.score);
    this.classId = more(this.classId);
    this.visibility = more(this.visibility);
    this.line = more(this.line);
    this.capacity = c;
  }

  /** Appends the first `n` (>= 6) values of a checked row; absent columns get their defaults. */
  push(values: Float64Array, n: number, line: number): void {
    if (this.n === this.capacity) this.grow();
    const i = this.n++;
    this.frame[i] = values[0];
    this.id[i] = values[1];
    this.x[i] = values[2];
    this.y[i] = values[3];
    this.w[i] = values[4];
    this.h[i] = values[5];
    this.score[i] = n >= 7 ? values[6] : 1;
    if (n >= 8) {
      const c = values[7];
      // A non-integer column 8 cannot be a class: the file uses MOT15's
      // layout with world x, y, z in columns 8-10.
      if (!Number.isInteger(c) || Math.abs(c) > INT32_MAX) this.world = true;
      this.classId[i] = c;
    } else {
      this.classId[i] = -1;
    }
    this.visibility[i] = n >= 9 ? values[8] : 1;
    this.line[i] = line;
  }

  get length(): number {
    return this.n;
  }

  finish(source: string): MotRows {
    const n = this.n;
    // Growth makes the capacity an overestimate; copy down so that no
    // column carries unused tail storage.
    const trim = <T extends Int32Array | Float64Array>(a: T): T => (n === this.capacity ? a : (a.slice(0, n) as T));
    if (this.world) {
      // Columns 8-9 held world coordinates, not class and visibility: both are unknown.
      this.classId.fill(-1);
      this.visibility.fill(-1);
    }
    return {
      source,
      length: n,
      frame: trim(this.frame),
      id: trim(this.id),
      x: trim(this.x),
      y: trim(this.y),
      w: trim(this.w),
      h: trim(this.h),
      score: trim(this.score),
      classId: trim(this.classId),
      visibility: trim(this.visibility),
      line: trim(this.line),
      worldCoordinates: this.world,
    };
  }
}
