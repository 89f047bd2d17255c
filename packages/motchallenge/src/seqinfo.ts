/**
 * Reader for MOTChallenge `seqinfo.ini` (MOT16 onwards; the MOT15 fixtures
 * carry one too):
 *
 *   [Sequence]
 *   name=TUD-Campus
 *   imDir=img1
 *   frameRate=25
 *   seqLength=71
 *   imWidth=640
 *   imHeight=480
 *   imExt=.jpg
 */
import { basename, dirname, resolve } from 'node:path';
import { InputError } from '@mot/core';
import { MAX_LINE_LENGTH, forEachLineOfFile, forEachLineOfText } from './bounded-lines.js';
import { parseDecimal } from './decimal-number.js';
import { quoteValue } from './quote-value.js';

/** Sequence metadata from `seqinfo.ini`. */
export interface SeqInfo {
  /** Sequence name, e.g. `TUD-Campus`. */
  name: string;
  /** Image directory relative to the sequence directory, e.g. `img1`. */
  imDir?: string;
  /** Frames per second (Hz); positive, may be fractional. */
  frameRate: number;
  /** Number of frames; frames are numbered 1..seqLength. */
  seqLength: number;
  /** Image width, px. */
  imWidth: number;
  /** Image height, px. */
  imHeight: number;
  /** Image file extension including the dot, e.g. `.jpg`. */
  imExt?: string;
}

const SECTION = 'sequence';

/**
 * Parses the text of a `seqinfo.ini`. Keys are read from the `[Sequence]`
 * section (section name case-insensitive, keys exact); `;` and `#` start
 * comment lines. `name` falls back to the parent directory of `source` when
 * `source` is a path ending in `seqinfo.ini`.
 *
 * @param text file contents
 * @param source file path or label for error messages (default `<seqinfo>`)
 * @throws InputError naming the file (and line) when the section or a required
 *   key (frameRate, seqLength, imWidth, imHeight, name) is missing, a key repeats,
 *   a line is not `key=value`, or a value is not a positive (integer) number
 * @example
 * const info = parseSeqInfo('[Sequence]\nname=A\nframeRate=25\nseqLength=71\nimWidth=640\nimHeight=480\n');
 * info.frameRate; // 25
 */
export function parseSeqInfo(text: string, source = '<seqinfo>'): SeqInfo {
  const parser = new SeqInfoLines('parseSeqInfo', source);
  forEachLineOfText(text, 'parseSeqInfo', source, MAX_LINE_LENGTH, (line, lineNo) => parser.line(line, lineNo));
  return parser.finish();
}

/**
 * Reads and parses a `seqinfo.ini` file; see {@link parseSeqInfo}.
 * @param path path of the file (not of the sequence directory)
 * @throws InputError `file not found` naming the path, or malformed content
 * @example
 * readSeqInfo('fixtures/mot15/TUD-Campus/seqinfo.ini').seqLength; // 71
 */
export function readSeqInfo(path: string): SeqInfo {
  const parser = new SeqInfoLines('readSeqInfo', path);
  forEachLineOfFile(path, 'readSeqInfo', MAX_LINE_LENGTH, (line, lineNo) => parser.line(line, lineNo));
  return parser.finish();
}

/** Reads seqinfo.ini one line at a time (lines capped at 4096 characters by the caller). */
class SeqInfoLines {
  private readonly keys = new Map<string, { value: string; line: number }>();
  private section: string | null = null;
  private sawSection = false;

  constructor(
    private readonly fn: string,
    private readonly source: string,
  ) {}

  line(text: string, lineNo: number): void {
    const { fn, source } = this;
    const line = text.replace(/^\uFEFF/, '').trim();
    if (line === '' || line.startsWith(';') || line.startsWith('#')) return;
    if (line.startsWith('[')) {
      if (!line.endsWith(']')) {
        throw new InputError(`${fn}: section header must be [name], got ${quoteValue(line)}`, { source, line: lineNo });
      }
      this.section = line.slice(1, -1).trim().toLowerCase();
      if (this.section === SECTION) this.sawSection = true;
      return;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) throw new InputError(`${fn}: line must be key=value, got ${quoteValue(line)}`, { source, line: lineNo });
    if (this.section !== SECTION) return;
    const key = line.slice(0, eq).trim();
    const first = this.keys.get(key);
    if (first !== undefined) {
      throw new InputError(`${fn}: key ${key.length > 40 ? quoteValue(key) : key} must appear once, got a repeat (first on line ${first.line})`, {
        source,
        line: lineNo,
      });
    }
    this.keys.set(key, { value: line.slice(eq + 1).trim(), line: lineNo });
  }

  finish(): SeqInfo {
    const { fn, source, keys } = this;
    if (!this.sawSection) throw new InputError(`${fn}: file must have a [Sequence] section, got none`, { source });

    const positive = (key: string, integer: boolean): number => {
      const entry = keys.get(key);
      if (entry === undefined) throw new InputError(`${fn}: [Sequence] must set ${key}, got no ${key} key`, { source });
      // Decimal numbers only: `seqLength=0x10` is a corrupt file, not 16 frames.
      const v = parseDecimal(entry.value);
      if (!Number.isFinite(v) || v <= 0 || (integer && (!Number.isInteger(v) || v > 2147483647))) {
        const expected = integer ? 'a positive integer up to 2147483647' : 'a positive number';
        throw new InputError(`${fn}: ${key} must be ${expected}, got ${quoteValue(entry.value)}`, {
          source,
          line: entry.line,
        });
      }
      return v;
    };

    let name = keys.get('name')?.value;
    if (name === undefined || name === '') {
      if (basename(source) !== 'seqinfo.ini') {
        throw new InputError(`${fn}: [Sequence] must set name, got no name key`, { source });
      }
      // MOT layouts keep seqinfo.ini in the sequence directory, named after the sequence.
      name = basename(dirname(resolve(source)));
    }
    const info: SeqInfo = {
      name,
      frameRate: positive('frameRate', false),
      seqLength: positive('seqLength', true),
      imWidth: positive('imWidth', true),
      imHeight: positive('imHeight', true),
    };
    const imDir = keys.get('imDir')?.value;
    if (imDir !== undefined) info.imDir = imDir;
    const imExt = keys.get('imExt')?.value;
    if (imExt !== undefined) info.imExt = imExt;
    return info;
  }
}
