/** Test-only helpers shared by this package's *.test.ts files (not exported from index.ts). */
import { fileURLToPath } from 'node:url';
import * as assert from 'uvu/assert';
import type { MotError } from '@mot/core';

/** Absolute path of a file under the repository's fixtures/ directory. */
export function fixture(rel: string): string {
  return fileURLToPath(new URL(`../../../fixtures/${rel}`, import.meta.url));
}

/**
 * Runs `fn`, asserts it throws an instance of `ErrorClass` whose message
 * contains every string in `parts`, and returns the error for further checks.
 */
export function throwsWith<E extends MotError>(
  fn: () => unknown,
  ErrorClass: new (...args: never[]) => E,
  parts: string[],
): E {
  try {
    fn();
  } catch (err) {
    assert.instance(err, ErrorClass, `expected ${ErrorClass.name}, got ${String(err)}`);
    const msg = (err as Error).message;
    for (const p of parts) assert.ok(msg.includes(p), `message ${JSON.stringify(msg)} should contain ${JSON.stringify(p)}`);
    return err as E;
  }
  assert.unreachable(`expected ${ErrorClass.name} to be thrown`);
  throw new Error('unreachable');
}
