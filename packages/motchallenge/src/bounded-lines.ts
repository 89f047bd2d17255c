/**
 * Internal: line-by-line reading with a cap on the line length, so that a
 * binary file, `/dev/zero` or an endless stream without newlines fails after
 * at most `maxLineLength` characters instead of filling memory.
 */
import { StringDecoder } from 'node:string_decoder';
import { InputError } from '@mot/core';
import { closeQuietly, openChecked, readChecked } from './read-file-checked.js';

/** Default longest line of a MOT text or seqinfo.ini file, in characters. MOT rows are under 120. */
export const MAX_LINE_LENGTH = 4096;

/** Bytes read per `readSync`. */
const CHUNK_BYTES = 64 * 1024;

/** Called once per line (without its '\n'), with the 1-based line number. */
export type LineHandler = (line: string, lineNo: number) => void;

function tooLong(fn: string, source: string, lineNo: number, maxLineLength: number): InputError {
  return new InputError(
    `${fn}: line must be at most ${maxLineLength} characters, got more (a binary file, or not a text file of this format?)`,
    { source, line: lineNo },
  );
}

/**
 * Calls `onLine` for every '\n'-separated line of `text`, as `text.split('\n')`
 * would give them, without building the array.
 * @throws InputError `source:line` when a line is longer than `maxLineLength`
 */
export function forEachLineOfText(text: string, fn: string, source: string, maxLineLength: number, onLine: LineHandler): void {
  let start = 0;
  let lineNo = 1;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    if (end - start > maxLineLength) throw tooLong(fn, source, lineNo, maxLineLength);
    onLine(text.slice(start, end), lineNo++);
    if (nl < 0) return;
    start = nl + 1;
  }
}

/**
 * Streams the lines of the file at `path` (UTF-8) to `onLine`, holding at
 * most one chunk and one partial line. A last line without '\n' is passed
 * too; an empty last piece after a final '\n' is passed as '' (like `split`).
 * @throws InputError naming `path` when it cannot be opened or read, and
 *   `path:line` when a line is longer than `maxLineLength`
 */
export function forEachLineOfFile(path: string, fn: string, maxLineLength: number, onLine: LineHandler): void {
  const fd = openChecked(path, fn);
  try {
    const chunk = new Uint8Array(CHUNK_BYTES);
    const decoder = new StringDecoder('utf8');
    let pending = '';
    let lineNo = 1;
    for (;;) {
      const n = readChecked(fd, chunk, path, fn);
      const text = n === 0 ? pending + decoder.end() : pending + decoder.write(chunk.subarray(0, n));
      let start = 0;
      for (;;) {
        const nl = text.indexOf('\n', start);
        if (nl < 0) break;
        if (nl - start > maxLineLength) throw tooLong(fn, path, lineNo, maxLineLength);
        onLine(text.slice(start, nl), lineNo++);
        start = nl + 1;
      }
      pending = text.slice(start);
      if (pending.length > maxLineLength) throw tooLong(fn, path, lineNo, maxLineLength);
      if (n === 0) break;
    }
    onLine(pending, lineNo);
  } finally {
    closeQuietly(fd);
  }
}
