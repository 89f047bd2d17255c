/**
 * Writer for MOTChallenge tracker result files:
 *
 *   frame,id,x,y,w,h,score,-1,-1,-1
 *
 * with boxes tlwh in px, formatted like Python's `'%.2f'` so that output
 * compares byte for byte with the reference files written by SORT and
 * deep_sort (e.g. `3,1,267.85,187.04,76.49,200.13,1,-1,-1,-1`).
 */
import { ConfigError } from '@mot/core';
import { writeFileAtomic } from './write-file-atomic.js';

/** One tracker output box. */
export interface ResultRow {
  /** 1-based frame index. */
  frame: number;
  /** Track id (integer). */
  id: number;
  /** Box tlwh (x, y, w, h), px; w and h >= 0. */
  box: readonly [number, number, number, number];
  /** Confidence; written as `1` when absent. */
  score?: number;
}

/** Options of {@link formatResultRows} and {@link writeMotResults}. */
export interface FormatResultOptions {
  /** Digits after the decimal point for box values and non-integer scores (0-20); default 2 as in the MOT devkits' outputs. */
  decimals?: number;
}

/**
 * Formats `x` with `d` decimals exactly like C/Python `'%.{d}f'`. JS
 * `toFixed` differs only on exact decimal ties (e.g. 0.125 -> '0.13', Python
 * '0.12': ties go to even), on -0 ('0.00', Python '-0.00') and from 1e21 up
 * (toFixed writes '1e+30'; Python writes all 31 digits, as here).
 * A tie at d decimals means x = (2k + 1) / (2 * 10^d) exactly; as a binary
 * double that holds iff x * 2^(d+1) is an odd integer.
 */
export function formatFixed(x: number, d: number): string {
  const t = x * 2 ** (d + 1); // exact: scaling by a power of two
  if (Number.isInteger(t) && t % 2 !== 0) {
    // |x| * 10^d = |t| * 5^d / 2 = q + 1/2; round to the even one of q, q + 1.
    const half = BigInt(Math.abs(t)) * 5n ** BigInt(d);
    let q = (half - 1n) / 2n;
    if (q % 2n !== 0n) q += 1n;
    const digits = q.toString().padStart(d + 1, '0');
    const body = d === 0 ? digits : `${digits.slice(0, -d)}.${digits.slice(-d)}`;
    return x < 0 ? `-${body}` : body;
  }
  if (Math.abs(x) >= 1e21) {
    // toFixed switches to exponent notation from 1e21 ('1e+30'); '%.2f' does
    // not. Doubles this large are integers, so BigInt gives every digit exactly.
    const digits = BigInt(x).toString();
    return d === 0 ? digits : `${digits}.${'0'.repeat(d)}`;
  }
  const s = x.toFixed(d);
  return Object.is(x, -0) ? `-${s}` : s;
}

/**
 * Formats tracker output as MOTChallenge result lines, in iteration order
 * (evaluators group by frame themselves; emit frame by frame to match the
 * reference files line for line).
 *
 * @param rows boxes to write (tlwh px)
 * @param options `decimals` (default 2)
 * @returns one `frame,id,x,y,w,h,score,-1,-1,-1\n` line per row; '' for no rows
 * @throws ConfigError when `decimals` is not an integer in 0..20, or a row has
 *   a non-positive-integer frame, a non-integer id, a box that is not 4 finite
 *   numbers with w, h >= 0, or a non-finite score (message gives the row index)
 * @example
 * formatResultRows([{ frame: 3, id: 1, box: [267.851, 187.04, 76.49, 200.13] }]);
 * // '3,1,267.85,187.04,76.49,200.13,1,-1,-1,-1\n'
 */
export function formatResultRows(rows: Iterable<ResultRow>, options: FormatResultOptions = {}): string {
  const fn = 'formatResultRows';
  const d = options.decimals ?? 2;
  if (!Number.isInteger(d) || d < 0 || d > 20) {
    throw new ConfigError(`${fn}: options.decimals must be an integer in 0..20, got ${d}`);
  }
  const out: string[] = [];
  let i = 0;
  for (const r of rows) {
    if (!Number.isInteger(r.frame) || r.frame < 1) {
      throw new ConfigError(`${fn}: rows[${i}].frame must be a positive integer, got ${r.frame}`);
    }
    if (!Number.isInteger(r.id)) throw new ConfigError(`${fn}: rows[${i}].id must be an integer, got ${r.id}`);
    const b = r.box;
    if (
      b === undefined ||
      b.length !== 4 ||
      !Number.isFinite(b[0]) ||
      !Number.isFinite(b[1]) ||
      !Number.isFinite(b[2]) ||
      !Number.isFinite(b[3]) ||
      b[2] < 0 ||
      b[3] < 0
    ) {
      throw new ConfigError(
        `${fn}: rows[${i}].box must be tlwh of 4 finite numbers with w, h >= 0, got ${JSON.stringify(b && Array.from(b, String))} (frame ${r.frame}, id ${r.id})`,
      );
    }
    const s = r.score ?? 1;
    if (!Number.isFinite(s)) throw new ConfigError(`${fn}: rows[${i}].score must be a finite number, got ${s}`);
    // Integer scores print bare, as the references' constant `1`.
    const score = Number.isInteger(s) ? String(s) : formatFixed(s, d);
    out.push(
      `${r.frame},${r.id},${formatFixed(b[0], d)},${formatFixed(b[1], d)},${formatFixed(b[2], d)},${formatFixed(b[3], d)},${score},-1,-1,-1\n`,
    );
    i++;
  }
  return out.join('');
}

/**
 * Formats rows with {@link formatResultRows} and writes them with
 * {@link writeFileAtomic} (an empty iterable writes an empty file).
 * @param path destination, e.g. `results/TUD-Campus.txt`; its directory must exist
 * @throws ConfigError for invalid rows (nothing is written), InputError when the file cannot be written
 * @example
 * writeMotResults('/tmp/TUD-Campus.txt', [{ frame: 1, id: 1, box: [10, 20, 30, 40] }]);
 */
export function writeMotResults(path: string, rows: Iterable<ResultRow>, options: FormatResultOptions = {}): void {
  writeFileAtomic(path, formatResultRows(rows, options));
}
