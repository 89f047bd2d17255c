/**
 * One place that turns a system error on an output into one line naming the
 * path and what to do, instead of `EEXIST: file already exists, mkdir ...`.
 * Every writer of @mot (result files, JSON, videos, directories) goes through it.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { OutputError } from './errors.js';

/** The nearest existing ancestor of `path` (itself included), or undefined. */
function nearestExisting(path: string): string | undefined {
  for (let p = path; ; p = dirname(p)) {
    if (existsSync(p)) return p;
    if (dirname(p) === p) return undefined;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The {@link OutputError} for a failed write, create or rename of `path`.
 *
 * @param err the error thrown by `node:fs` (its `code` decides the message)
 * @param path the output the user named (file or directory)
 * @param action what was being done, e.g. `write the file`, `create the directory`
 * @returns an OutputError `<path>: cannot <action>: <why> (<what to do>)`, cause attached
 * @example
 * try { mkdirSync('/etc/passwd/out', { recursive: true }); }
 * catch (err) { throw outputError(err, '/etc/passwd/out', 'create the directory'); }
 * // /etc/passwd/out: cannot create the directory: /etc/passwd is a file, not a directory (remove it or choose another path)
 */
export function outputError(err: unknown, path: string, action: string): OutputError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return new OutputError(`cannot ${action}: ${outputErrorReason(code, path, err)}`, path, code, { cause: err });
}

/**
 * Why an output could not be written, and what to do, for a system error
 * code (`ENOSPC`, `EACCES`, ...): the text after `cannot <action>: ` in
 * {@link outputError}. Also for errors another program reported, e.g. ffmpeg's
 * "No space left on device".
 *
 * @param code the system error code, or undefined
 * @param path the output the user named
 * @param err the original error, quoted for a code without its own text
 */
export function outputErrorReason(code: string | undefined, path: string, err?: unknown): string {
  const ancestor = nearestExisting(dirname(path));
  switch (code) {
    case 'EEXIST':
    case 'ENOTDIR':
      // mkdir -p through a regular file: name the file that is in the way.
      if (ancestor !== undefined && !isDirectory(ancestor)) return `${ancestor} is a file, not a directory (remove it or choose another path)`;
      if (isDirectory(path)) return 'it is a directory (give a file path)';
      return 'a file is in the way (remove it or choose another path)';
    case 'EISDIR':
    case 'ENOTEMPTY':
      return 'it is a directory (give a file path)';
    case 'EACCES':
    case 'EPERM':
      return `permission denied (choose a writable location, or fix the permissions of ${ancestor ?? dirname(path)})`;
    case 'EROFS':
      return 'the filesystem is read-only (choose another location)';
    case 'ENOSPC':
      return 'no space left on the device (free some space or write elsewhere)';
    case 'EDQUOT':
      return 'disk quota exceeded (free some space or write elsewhere)';
    case 'EFBIG':
      return 'file too large for this process or filesystem (check `ulimit -f`, or write elsewhere)';
    case 'ENAMETOOLONG':
      return 'the path is too long (choose a shorter one)';
    case 'ENOENT':
      if (isDirectory(dirname(path))) {
        // The directory exists but refuses new files: /proc, /sys and other virtual filesystems.
        return `${dirname(path)} does not accept new files (a virtual filesystem such as /proc or /sys?): choose another location`;
      }
      return `directory ${dirname(path)} does not exist (create it, or choose another location)`;
    default:
      return `${code ?? 'error'}: ${err instanceof Error ? err.message : String(err)}`;
  }
}
