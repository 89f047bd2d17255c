import { ConfigError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { planSegments, planSegmentsBySeconds } from './plan-segments.js';

const test = suite('planSegments');

const spans = (s: { first: number; last: number }[]) => s.map((x) => [x.first, x.last]);

test('PETS09-S2L1 (795 frames, 7 fps) in 4 segments with 2 s overlap: 199 + 14 frames each, the last to the end', () => {
  // ceil(795 / 4) = 199 frames = 28.43 s at 7 fps; 2 s = 14 frames.
  const s = planSegmentsBySeconds(795, 7, 199 / 7, 2);
  assert.equal(spans(s), [[1, 213], [200, 412], [399, 611], [598, 795]]);
  assert.equal(s.map((x) => x.index), [0, 1, 2, 3]);
});

test('consecutive segments share exactly the overlap; a video shorter than one segment is one segment', () => {
  assert.equal(spans(planSegments(10, 4, 2)), [[1, 6], [5, 10]]);
  assert.equal(spans(planSegments(3, 10, 2)), [[1, 3]]);
  // The last segment ends at the last frame, never past it.
  assert.equal(spans(planSegments(9, 4, 1)), [[1, 5], [5, 9]]);
});

test('rejects an overlap not shorter than a segment, and non-positive durations', () => {
  assert.throws(() => planSegments(10, 4, 4), (e: unknown) => e instanceof ConfigError && /overlap must be at least 1 frame and shorter than a segment \(4 frames\), got 4/.test((e as Error).message));
  assert.throws(() => planSegmentsBySeconds(100, 25, 2, 2), (e: unknown) => e instanceof ConfigError && /--overlap must be .* shorter than --segment \(2 s\), got 2/.test((e as Error).message));
  assert.throws(() => planSegmentsBySeconds(100, 25, -1, 0.5), (e: unknown) => e instanceof ConfigError && /--segment must be a positive number of seconds, got -1/.test((e as Error).message));
  assert.throws(() => planSegments(0, 4, 1), (e: unknown) => e instanceof ConfigError && /frames must be a positive integer, got 0/.test((e as Error).message));
});

test.run();
