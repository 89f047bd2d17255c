/**
 * Parser for MOTChallenge text files (det.txt, gt.txt, tracker results) into
 * columnar {@link MotRows}.
 */
import { ConfigError, InputError, assert } from '@mot/core';
import type { MotFileKind, MotRows } from './mot-rows.js';
import { MotRowsBuilder, MOT_COLUMN_NAMES, checkRowValues } from './mot-rows-builder.js';
import { readFileChecked } from './read-file-checked.js';

/** Options of {@link parseMotText} and {@link readMotFile}. */
export interface ParseMotOptions {
  /** Accept a file with no data rows (default false: an empty file is usually a wrong path or a failed export). */
  allowEmpty?: boolean;
}

/** Highest column count of any MOT file (MOT15/16/17 all stop at 10). */
const MAX_COLUMNS = 10;

/** Accepted column counts per kind, and how a message spells them. */
const COLUMN_COUNTS: Record<MotFileKind, { ok: (n: number) => boolean; text: string }> = {
  // MOT15/16/17 det files have 10 columns; 7 (no world coords) and 9 (MOT16 style) occur in re-exports.
  det: { ok: (n) => n === 7 || n === 9 || n === 10, text: '7, 9 or 10' },
  gt: { ok: (n) => n >= 6 && n <= MAX_COLUMNS, text: '6 to 10' },
  result: { ok: (n) => n >= 6 && n <= MAX_COLUMNS, text: '6 to 10' },
};

/**
 * Parses the text of a MOTChallenge file: one box per line, comma-separated
 * (spaces around fields allowed), blank lines and '\r\n' endings tolerated.
 * Every field must be a finite number; frame a positive integer, id an
 * integer, width and height >= 0 (x and y may be negative). Column 8 is the
 * class and 9 the visibility (MOT16+), unless some row has a non-integer
 * column 8: then the file is MOT15 with world coordinates in 8-10, and
 * classId/visibility are -1 throughout (`worldCoordinates` is true).
 *
 * @param text file contents
 * @param kind `det` (7, 9 or 10 columns), `gt` or `result` (6 to 10 columns)
 * @param source file path or label used in error messages (default `<text>`)
 * @param options `allowEmpty`: return 0 rows instead of throwing on a file without rows
 * @returns the rows as columns, in file order; boxes are tlwh in px
 * @throws InputError with `source` and 1-based `line` on the first malformed row, or when there are no rows
 * @throws ConfigError when `kind` is not one of `det`, `gt`, `result`
 * @example
 * const rows = parseMotText('1,-1,281.9,187.5,79.9,209.5,0.99,-1,-1,-1\n', 'det', 'det.txt');
 * rows.length; // 1
 * rows.w[0]; // 79.9
 */
export function parseMotText(text: string, kind: MotFileKind, source = '<text>', options: ParseMotOptions = {}): MotRows {
  return parseMotTextAs('parseMotText', text, kind, source, options);
}

/**
 * Reads and parses a MOTChallenge text file synchronously; see {@link parseMotText}
 * for the format rules.
 *
 * @param path file path, also the `source` of the rows and of errors
 * @throws InputError `file not found` / directory / unreadable naming the path, or malformed content with `path:line`
 * @example
 * const det = readMotFile('fixtures/mot15/TUD-Campus/det.txt', 'det');
 * det.frame[0]; // 1
 */
export function readMotFile(path: string, kind: MotFileKind, options: ParseMotOptions = {}): MotRows {
  const text = readFileChecked(path, 'readMotFile').toString('utf8');
  return parseMotTextAs('readMotFile', text, kind, path, options);
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 0xfeff) return false;
  }
  return true;
}

function parseMotTextAs(fn: string, text: string, kind: MotFileKind, source: string, options: ParseMotOptions): MotRows {
  const counts = COLUMN_COUNTS[kind];
  assert(counts !== undefined, () => `${fn}: kind must be 'det', 'gt' or 'result', got ${JSON.stringify(kind)}`, ConfigError);
  // A UTF-8 byte order mark would otherwise make the first frame field NaN.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.split('\n');
  const builder = new MotRowsBuilder(lines.length);
  // One scratch row reused for every line: no per-row allocation beyond the field substrings.
  const values = new Float64Array(MAX_COLUMNS);

  for (let li = 0; li < lines.length; li++) {
    let line = lines[li];
    if (line.length > 0 && line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
    if (isBlank(line)) continue;
    const where = { source, line: li + 1 };

    let n = 0;
    let pos = 0;
    for (;;) {
      const comma = line.indexOf(',', pos);
      const end = comma < 0 ? line.length : comma;
      if (n === MAX_COLUMNS) {
        const found = line.split(',').length;
        throw new InputError(`${fn}: a ${kind} row must have ${counts.text} columns, got ${found}`, where);
      }
      const field = line.slice(pos, end);
      const v = Number(field);
      // Number('') and Number('  ') are 0, so a zero needs the blank check.
      if (!Number.isFinite(v) || (v === 0 && isBlank(field))) {
        throw new InputError(
          `${fn}: column ${n + 1} (${MOT_COLUMN_NAMES[n]}) must be a finite number, got ${JSON.stringify(field.trim())}`,
          where,
        );
      }
      values[n++] = v;
      if (comma < 0) break;
      pos = comma + 1;
    }

    if (!counts.ok(n)) throw new InputError(`${fn}: a ${kind} row must have ${counts.text} columns, got ${n}`, where);
    const bad = checkRowValues(values, n);
    if (bad !== null) throw new InputError(`${fn}: ${bad}`, where);
    builder.push(values, n, li + 1);
  }

  if (builder.length === 0 && options.allowEmpty !== true) {
    throw new InputError(`${fn}: file must contain at least one row, got no rows`, { source });
  }
  return builder.finish(source);
}
