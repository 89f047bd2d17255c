import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { OutputError, ShapeError } from '@mot/core';
import { encodeNpy, parseNpy, readDeepSortDetections, writeDeepSortDetections, writeNpy } from './index.js';
import { fixture } from './test-helpers.js';

const test = suite('encodeNpy / writeNpy / writeDeepSortDetections');

test("deep_sort's own TUD-Campus file, read and written again, is byte for byte what numpy.save wrote", () => {
  const path = fixture('mot15/TUD-Campus/deepsort_detections.npy');
  const dets = readDeepSortDetections(path);
  const dir = mkdtempSync(join(tmpdir(), 'mot-npy-'));
  const out = join(dir, 'TUD-Campus.npy');
  writeDeepSortDetections(out, dets);
  assert.ok(Buffer.from(readFileSync(out)).equals(readFileSync(path)), 'bytes differ from the numpy-written fixture');
  // No temporary file is left beside it.
  assert.equal(readdirSync(dir), ['TUD-Campus.npy']);
});

test('header: 64-byte aligned, Python tuple syntax for rank 1 and 2; round trip through parseNpy', () => {
  const one = encodeNpy([3], Float32Array.of(1, 2, 3));
  assert.is(new TextDecoder().decode(one.subarray(10, 128)), `{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }`.padEnd(117, ' ') + '\n');
  assert.equal(parseNpy(one), { shape: [3], data: Float32Array.of(1, 2, 3) });
  const two = encodeNpy([2, 0], new Float32Array(0));
  assert.is(two.length, 128);
  assert.equal(parseNpy(two).shape, [2, 0]);
});

test('bad shapes and data are ShapeErrors; an unwritable path is an OutputError naming it', () => {
  assert.throws(() => encodeNpy([2, 2, 2], new Float32Array(8)), (e: unknown) => e instanceof ShapeError && /shape must be 1 or 2 non-negative integers, got \[2, 2, 2\]/.test((e as Error).message));
  assert.throws(() => encodeNpy([2, 3], new Float32Array(5)), (e: unknown) => e instanceof ShapeError && /data must be a Float32Array of 6 values for shape \[2, 3\], got 5/.test((e as Error).message));
  assert.throws(() => writeNpy('/nonexistent-dir/a.npy', [1], Float32Array.of(1)), (e: unknown) => e instanceof OutputError && /nonexistent-dir\/a\.npy.*directory \/nonexistent-dir does not exist/.test((e as Error).message));
  const dets = readDeepSortDetections(fixture('mot15/TUD-Campus/deepsort_detections.npy'));
  assert.throws(() => writeDeepSortDetections('/tmp/x.npy', { ...dets, featureDim: 127 }), (e: unknown) => e instanceof ShapeError && /features must hold rows x featureDim = 321 x 127 values, got 41088/.test((e as Error).message));
});

test.run();
