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
 * Returns null when the first `n` values of a row are valid, else the
 * `<arg> must be <expected>, got <actual>` part of the message. Values must
 * already be finite numbers.
 */
export function checkRowValues(values: Float64Array, n: number): string | null {
  const frame = values[0];
  if (!Number.isInteger(frame) || frame < 1 || frame > INT32_MAX) {
    return `column 1 (frame) must be a positive integer, got ${frame}`;
  }
  const id = values[1];
  if (!Number.isInteger(id) || Math.abs(id) > INT32_MAX) return `column 2 (id) must be an integer, got ${id}`;
  if (values[4] < 0) return `column 5 (w) must be >= 0, got ${values[4]}`;
  if (values[5] < 0) return `column 6 (h) must be >= 0, got ${values[5]}`;
  // Column 8 is not checked: in MOT15 files it is a world x coordinate (see MotRowsBuilder.push).
  return null;
}

/** Growable-by-capacity column store; `finish` trims to the rows pushed. */
export class MotRowsBuilder {
  private n = 0;
  private world = false;
  private readonly frame: Int32Array;
  private readonly id: Int32Array;
  private readonly x: Float64Array;
  private readonly y: Float64Array;
  private readonly w: Float64Array;
  private readonly h: Float64Array;
  private readonly score: Float64Array;
  private readonly classId: Int32Array;
  private readonly visibility: Float64Array;
  private readonly line: Int32Array;

  /** @param capacity upper bound on the number of rows that will be pushed */
  constructor(private readonly capacity: number) {
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

  /** Appends the first `n` (>= 6) values of a checked row; absent columns get their defaults. */
  push(values: Float64Array, n: number, line: number): void {
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
    // Blank lines make the capacity an overestimate; copy down so that no
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
