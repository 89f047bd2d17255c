/** Internal: file reading with file-not-found, directory and permission errors as InputError. */
import { closeSync, openSync, readSync } from 'node:fs';
import { InputError } from '@mot/core';

/**
 * The InputError for a failed open or read of `path`: names the path and the
 * reason instead of a raw `ENOENT: no such file or directory, open ...`.
 * @param fn public function name for the message prefix
 */
export function fileReadError(err: unknown, path: string, fn: string): InputError {
  const code = (err as NodeJS.ErrnoException).code;
  const what =
    code === 'ENOENT'
      ? 'file not found'
      : code === 'EISDIR'
        ? 'path must be a file, got a directory'
        : code === 'EACCES' || code === 'EPERM'
          ? 'file is not readable (permission denied)'
          : `cannot read file (${code ?? String(err)})`;
  return new InputError(`${fn}: ${what}`, { source: path }, { cause: err });
}

/** Opens `path` for reading; see {@link fileReadError} for the errors. */
export function openChecked(path: string, fn: string): number {
  try {
    return openSync(path, 'r');
  } catch (err) {
    throw fileReadError(err, path, fn);
  }
}

/** One `readSync` at the current position; see {@link fileReadError} for the errors. */
export function readChecked(fd: number, buf: Uint8Array, path: string, fn: string): number {
  try {
    return readSync(fd, buf, 0, buf.length, null);
  } catch (err) {
    throw fileReadError(err, path, fn);
  }
}

/**
 * Reads up to `n` bytes from the current position of `fd` (fewer at end of
 * file). Never allocates more than `n` bytes, so an endless source such as
 * `/dev/zero` or a FIFO costs at most `n`.
 */
export function readUpTo(fd: number, n: number, path: string, fn: string): Uint8Array {
  const out = new Uint8Array(n);
  let have = 0;
  while (have < n) {
    const got = readChecked(fd, out.subarray(have), path, fn);
    if (got === 0) break;
    have += got;
  }
  return have === n ? out : out.subarray(0, have);
}

/** Closes `fd`, ignoring errors (the caller is done with it, or already failing). */
export function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    /* nothing more to do */
  }
}
