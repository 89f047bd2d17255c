import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { outputError } from '@mot/core';

/**
 * Writes a whole file so that readers never see a half-written one: the
 * content goes to a temporary file in the same directory (same filesystem,
 * so rename is atomic on POSIX), is fsynced, then renamed over `path`. On
 * failure the temporary file is removed and nothing is left at `path` that
 * was not there before.
 *
 * @param path destination file; its directory must exist
 * @param content text (written as UTF-8) or bytes
 * @throws OutputError (from @mot/core) naming `path` and what to do when the
 *   directory is missing, `path` is a directory, permission is denied, the
 *   disk is full (ENOSPC) or a size limit is hit (EFBIG; the cause is attached)
 * @example
 * writeFileAtomic('/tmp/TUD-Campus.txt', '1,1,10.00,20.00,30.00,40.00,1,-1,-1,-1\n');
 */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const dir = dirname(path);
  // pid + random suffix: concurrent writers of the same path never share a temp file.
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  let created = false;
  try {
    fd = openSync(tmp, 'wx');
    created = true;
    writeFileSync(fd, content);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (err) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        /* already failing; the original error is the one to report */
      }
    }
    if (created) {
      try {
        unlinkSync(tmp);
      } catch {
        /* nothing more can be done; the original error is the one to report */
      }
    }
    throw outputError(err, path, 'write the file');
  }
}
