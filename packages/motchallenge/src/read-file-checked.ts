/** Internal: readFileSync with file-not-found and directory errors as InputError. */
import { readFileSync } from 'node:fs';
import { InputError } from '@mot/core';

/**
 * Reads a whole file. Throws `InputError` naming the path (not a raw ENOENT
 * stack) when it is missing, a directory or unreadable.
 * @param fn public function name for the message prefix
 */
export function readFileChecked(path: string, fn: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const what =
      code === 'ENOENT'
        ? 'file not found'
        : code === 'EISDIR'
          ? 'path must be a file, got a directory'
          : code === 'EACCES'
            ? 'file is not readable (permission denied)'
            : `cannot read file (${code ?? String(err)})`;
    throw new InputError(`${fn}: ${what}`, { source: path }, { cause: err });
  }
}
