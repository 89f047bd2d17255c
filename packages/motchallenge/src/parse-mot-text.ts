/**
 * Parser for MOTChallenge text files (det.txt, gt.txt, tracker results) into
 * columnar {@link MotRows}.
 */
import { ConfigError, InputError, assert } from '@mot/core';
import { MAX_LINE_LENGTH, forEachLineOfFile, forEachLineOfText } from './bounded-lines.js';
import { parseDecimal } from './decimal-number.js';
import type { MotFileKind, MotRows } from './mot-rows.js';
import { MAX_FRAME_DEFAULT, MotRowsBuilder, MOT_COLUMN_NAMES, type RowLimits, checkRowValues } from './mot-rows-builder.js';
import { quoteValue } from './quote-value.js';

/** Options of {@link parseMotText} and {@link readMotFile}. */
export interface ParseMotOptions {
  /** Accept a file with no data rows (default false: an empty file is usually a wrong path or a failed export). */
  allowEmpty?: boolean;
  /**
   * Highest accepted frame number: the sequence length (seqinfo.ini `seqLength`)
   * when known. Default 10,000,000 ({@link MAX_FRAME_DEFAULT}), so a corrupt
   * frame column fails at its line instead of sending a tracker through a
   * billion empty frames.
   */
  maxFrame?: number;
  /** Longest accepted line, characters; default 4096 (MOT rows are under 120). */
  maxLineLength?: number;
  /** Most rows accepted, default 10,000,000 (about 700 MB of columns): bounds memory on endless input. */
  maxRows?: number;
}

/** Default of `maxRows`: MOT20's largest gt.txt has about 1.3 million rows. */
const MAX_ROWS_DEFAULT = 10_000_000;

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
 * Every field must be a decimal number (`[+-]? digits [. digits] [e[+-]digits]`;
 * no `0x10`, `Infinity` or `NaN`); frame a positive integer up to `maxFrame`,
 * id an integer; in det files width and height > 0 (a tracker cannot use a
 * zero-size box), in gt and result files >= 0; x and y may be negative.
 * Column 8 is the class and 9 the visibility (MOT16+), unless some row has a
 * non-integer column 8: then the file is MOT15 with world coordinates in 8-10,
 * and classId/visibility are -1 throughout (`worldCoordinates` is true).
 *
 * @param text file contents
 * @param kind `det` (7, 9 or 10 columns), `gt` or `result` (6 to 10 columns)
 * @param source file path or label used in error messages (default `<text>`)
 * @param options `allowEmpty`, `maxFrame`, `maxLineLength`, `maxRows`
 * @returns the rows as columns, in file order; boxes are tlwh in px
 * @throws InputError with `source` and 1-based `line` on the first malformed row
 *   (offending values quoted to at most 40 characters), or when there are no rows
 * @throws ConfigError when `kind` is not one of `det`, `gt`, `result`, or an option is out of range
 * @example
 * const rows = parseMotText('1,-1,281.9,187.5,79.9,209.5,0.99,-1,-1,-1\n', 'det', 'det.txt');
 * rows.length; // 1
 * rows.w[0]; // 79.9
 */
export function parseMotText(text: string, kind: MotFileKind, source = '<text>', options: ParseMotOptions = {}): MotRows {
  const fn = 'parseMotText';
  const parser = new MotTextParser(fn, kind, source, options);
  // A UTF-8 byte order mark would otherwise make the first frame field NaN.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  forEachLineOfText(text, fn, source, parser.maxLineLength, (line, lineNo) => parser.line(line, lineNo));
  return parser.finish();
}

/**
 * Reads and parses a MOTChallenge text file as a stream (64 KiB at a time,
 * lines capped at `maxLineLength`), so `/dev/zero`, a FIFO or a huge binary
 * file fails after a few kilobytes with one clear error; see
 * {@link parseMotText} for the format rules.
 *
 * @param path file path, also the `source` of the rows and of errors
 * @throws InputError `file not found` / directory / unreadable naming the path, or malformed content with `path:line`
 * @example
 * const det = readMotFile('fixtures/mot15/TUD-Campus/det.txt', 'det');
 * det.frame[0]; // 1
 */
export function readMotFile(path: string, kind: MotFileKind, options: ParseMotOptions = {}): MotRows {
  const fn = 'readMotFile';
  const parser = new MotTextParser(fn, kind, path, options);
  forEachLineOfFile(path, fn, parser.maxLineLength, (line, lineNo) => {
    if (lineNo === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    parser.line(line, lineNo);
  });
  return parser.finish();
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 0xfeff) return false;
  }
  return true;
}

function positiveIntegerOption(fn: string, name: string, value: number | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  assert(Number.isInteger(value) && value >= 1 && value <= max, () => `${fn}: options.${name} must be an integer in 1..${max}, got ${value}`);
  return value;
}

/** Parses the lines of one MOT text file into rows, one line at a time. */
class MotTextParser {
  readonly maxLineLength: number;
  private readonly counts: { ok: (n: number) => boolean; text: string };
  private readonly limits: RowLimits;
  private readonly maxRows: number;
  private readonly builder = new MotRowsBuilder();
  // One scratch row reused for every line: no per-row allocation beyond the field substrings.
  private readonly values = new Float64Array(MAX_COLUMNS);

  constructor(
    private readonly fn: string,
    private readonly kind: MotFileKind,
    private readonly source: string,
    private readonly options: ParseMotOptions,
  ) {
    const counts = COLUMN_COUNTS[kind];
    assert(counts !== undefined, () => `${fn}: kind must be 'det', 'gt' or 'result', got ${JSON.stringify(kind)}`, ConfigError);
    this.counts = counts;
    this.maxLineLength = positiveIntegerOption(fn, 'maxLineLength', options.maxLineLength, MAX_LINE_LENGTH, 1 << 24);
    this.maxRows = positiveIntegerOption(fn, 'maxRows', options.maxRows, MAX_ROWS_DEFAULT, 1 << 30);
    const maxFrame = positiveIntegerOption(fn, 'maxFrame', options.maxFrame, MAX_FRAME_DEFAULT, 2147483647);
    this.limits = {
      maxFrame,
      maxFrameWhy:
        options.maxFrame === undefined
          ? 'the ceiling when the sequence length is unknown; set options.maxFrame, or give mot track --seqinfo'
          : 'the sequence length, options.maxFrame',
      positiveBoxes: kind === 'det',
    };
  }

  line(text: string, lineNo: number): void {
    const { fn, kind, counts, values } = this;
    let line = text;
    if (line.length > 0 && line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
    if (isBlank(line)) return;
    const where = { source: this.source, line: lineNo };
    if (this.builder.length === this.maxRows) {
      throw new InputError(`${fn}: file must have at most ${this.maxRows} rows (options.maxRows), got more`, where);
    }

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
      const v = parseDecimal(field);
      if (!Number.isFinite(v)) {
        throw new InputError(`${fn}: column ${n + 1} (${MOT_COLUMN_NAMES[n]}) must be a finite decimal number, got ${quoteValue(field.trim())}`, where);
      }
      values[n++] = v;
      if (comma < 0) break;
      pos = comma + 1;
    }

    if (!counts.ok(n)) throw new InputError(`${fn}: a ${kind} row must have ${counts.text} columns, got ${n}`, where);
    const bad = checkRowValues(values, n, this.limits);
    if (bad !== null) throw new InputError(`${fn}: ${bad}`, where);
    this.builder.push(values, n, lineNo);
  }

  finish(): MotRows {
    if (this.builder.length === 0 && this.options.allowEmpty !== true) {
      throw new InputError(`${this.fn}: file must contain at least one row, got no rows`, { source: this.source });
    }
    return this.builder.finish(this.source);
  }
}
