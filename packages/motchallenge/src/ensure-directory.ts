import { mkdirSync } from 'node:fs';
import { outputError } from '@mot/core';

/**
 * Creates `dir` and its missing parents (`mkdir -p`), for an output folder.
 * A parent that is a regular file, a missing permission or a read-only or
 * virtual filesystem becomes one {@link OutputError} line naming the path and
 * what to do, instead of `EEXIST: file already exists, mkdir ...`.
 *
 * @param dir directory to create; an existing directory is fine
 * @throws OutputError (from @mot/core) when it cannot be created
 * @example
 * ensureDirectory('/tmp/results/MOT17');
 */
export function ensureDirectory(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw outputError(err, dir, 'create the directory');
  }
}
