/**
 * A text output written as the frames come, under a temporary name beside
 * its destination, and renamed into place only when complete: a reader never
 * sees half a file, and a failed run leaves nothing behind.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { OutputError, outputError } from '@mot/core';

/** What a file system error code means for a path the user gave. */
function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const meaning: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'a read-only file system',
    ENOTDIR: 'a path through a file, not a folder',
    EEXIST: 'a path through a file, not a folder',
    ENOSPC: 'no space left on the device',
  };
  return code === undefined ? String(e) : `${meaning[code] ?? 'an error'} (${code})`;
}

export class OutputFile {
  private fd: number | undefined;
  private readonly tmp: string;

  /**
   * Creates the temporary file at once, so an unwritable path fails before any work.
   * @param path the destination
   * @param flag the option that named it, for the error message
   * @throws OutputError naming the path and the flag when the folder cannot be made or written (exit 2, like every output)
   */
  constructor(
    readonly path: string,
    flag: string,
  ) {
    const dir = dirname(path);
    this.tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      mkdirSync(dir, { recursive: true });
      this.fd = openSync(this.tmp, 'wx');
    } catch (e) {
      throw new OutputError(`${flag} must be a writable file path, got ${describeFsError(e)}`, path, (e as NodeJS.ErrnoException).code, { cause: e });
    }
  }

  /**
   * Appends text (synchronously: the output is small next to a frame, and order is kept for free).
   * @throws OutputError when the disk is full or a size limit is hit mid-run (the caller aborts)
   */
  write(text: string): void {
    if (this.fd === undefined || text === '') return;
    try {
      writeSync(this.fd, text);
    } catch (e) {
      throw outputError(e, this.path, 'write the file');
    }
  }

  /** Flushes, closes and renames the file into place. */
  commit(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    try {
      fsyncSync(fd);
      closeSync(fd);
      renameSync(this.tmp, this.path);
    } catch (e) {
      this.removeTemp();
      throw outputError(e, this.path, 'write the file');
    }
  }

  /** Closes and removes the temporary file; the destination is left as it was. */
  abort(): void {
    if (this.fd !== undefined) {
      try {
        closeSync(this.fd);
      } catch {
        /* already failing */
      }
      this.fd = undefined;
    }
    this.removeTemp();
  }

  private removeTemp(): void {
    try {
      unlinkSync(this.tmp);
    } catch {
      /* gone already */
    }
  }
}
