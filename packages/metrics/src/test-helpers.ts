// Helpers shared by this package's tests (not exported from index.ts).
import { fileURLToPath } from 'node:url';
import * as assert from 'uvu/assert';
import { motRowsFromArrays } from './rows-from-arrays.js';
import { preprocessSequence, type Benchmark } from './preprocess.js';
import type { SequenceData } from './sequence-data.js';

/** Absolute path of a file under the repository's fixtures/. */
export function fixture(rel: string): string {
  return fileURLToPath(new URL(`../../../fixtures/${rel}`, import.meta.url));
}

/** A sequence from rows `[frame, id, x, y, w, h, flag?, class?]`, no preprocessing unless asked. */
export function sequence(gt: number[][], results: number[][], numFrames: number, benchmark: Benchmark = 'none'): SequenceData {
  return preprocessSequence(motRowsFromArrays(gt, 'gt'), motRowsFromArrays(results, 'res'), { numFrames, benchmark });
}

/** Asserts |actual - expected| <= tol with a readable message. */
export function close(actual: number, expected: number, tol: number, what = ''): void {
  assert.ok(Math.abs(actual - expected) <= tol, `${what} ${actual} should be within ${tol} of ${expected}`);
}

/** Asserts that fn throws an instance of ErrorType whose message contains every part. */
export function throwsWith(fn: () => unknown, ErrorType: abstract new (...a: never[]) => Error, ...parts: string[]): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof ErrorType, `expected ${ErrorType.name}, got ${String(caught)}`);
  for (const p of parts) assert.ok((caught as Error).message.includes(p), `message "${(caught as Error).message}" should contain "${p}"`);
}
