/**
 * trackMotSequence jumps over runs of empty frames only where no track
 * survives (Tracker.skipEmptyFrames) and steps every other frame, so its rows
 * are exactly those of the reference drivers' loop `for frame in 1..last:
 * update(dets[frame])`, while a det file whose rows lie 5,000,000 frames apart
 * costs a few dozen updates instead of 5,000,000.
 */
import { fileURLToPath } from 'node:url';
import type { Detection, Track } from '@mot/core';
import { DeepSortTracker, SortTracker, type Tracker } from '@mot/deepsort';
import { type MotRows, readDeepSortDetections, type ResultRow } from '@mot/motchallenge';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type SequenceDetections, detectionsByFrame, trackMotSequence } from './track-mot-sequence.js';

const NPY = fileURLToPath(new URL('../../../fixtures/mot15/TUD-Campus/deepsort_detections.npy', import.meta.url));

/** TUD-Campus's 71 frames of detections (with deep_sort features), placed at `starts[k] + frame - 1`. */
function shifted(starts: number[]): SequenceDetections {
  const d = readDeepSortDetections(NPY);
  const n = d.rows.length * starts.length;
  const frame = new Int32Array(n);
  const pick = <T extends Int32Array | Float64Array>(a: T): T => {
    const out = new (a.constructor as new (n: number) => T)(n);
    starts.forEach((_, k) => out.set(a, k * d.rows.length));
    return out;
  };
  starts.forEach((s, k) => d.rows.frame.forEach((f, i) => (frame[k * d.rows.length + i] = s + f - 1)));
  const features = new Float32Array(n * d.featureDim);
  starts.forEach((_, k) => features.set(d.features, k * d.features.length));
  const r = d.rows;
  const rows: MotRows = { ...r, length: n, frame, id: pick(r.id), x: pick(r.x), y: pick(r.y), w: pick(r.w), h: pick(r.h), score: pick(r.score), classId: pick(r.classId), visibility: pick(r.visibility), line: pick(r.line) };
  return { rows, features, featureDim: d.featureDim };
}

/** The reference drivers' loop: every frame from 1 to the last with a detection. */
function walkEveryFrame(tracker: Tracker, input: SequenceDetections): ResultRow[] {
  const byFrame = detectionsByFrame(input);
  const last = Math.max(...byFrame.keys());
  const out: ResultRow[] = [];
  tracker.reset();
  for (let frame = 1; frame <= last; frame++) {
    for (const t of tracker.update(byFrame.get(frame) ?? [])) out.push({ frame, id: t.id, box: t.box });
  }
  return out;
}

/** A real tracker that counts its update() calls (everything else passes through). */
class Counted implements Tracker {
  updates = 0;
  constructor(private readonly inner: SortTracker | DeepSortTracker) {}
  update(d: readonly Detection[]): Track[] {
    this.updates++;
    return this.inner.update(d);
  }
  reset(): void {
    this.inner.reset();
  }
  skipEmptyFrames(frames: number): boolean {
    return this.inner.skipEmptyFrames(frames);
  }
}

const gaps = suite('trackMotSequence: gaps of empty frames');

const makers = {
  sort: () => new SortTracker(),
  deepsort: () => new DeepSortTracker(),
};

for (const [name, make] of Object.entries(makers)) {
  gaps(`${name}: leading gap, gap between bursts: rows identical to stepping every frame`, () => {
    // Leading gap 299 frames (SORT's `frameCount <= minHits` rule sees it), then a 400-frame gap.
    const input = shifted([300, 771]);
    const expected = walkEveryFrame(make(), input);
    const counted = new Counted(make());
    const got = trackMotSequence(counted, input);
    assert.ok(expected.length > 400, `${expected.length} rows`);
    assert.equal(got, expected);
    // 2 x 71 frames with detections, plus the frames stepped while tracks coast out (maxAge), not 841.
    assert.ok(counted.updates < 2 * 71 + 2 * 40, `${counted.updates} updates`);
  });
}

gaps('rows 5,000,000 frames apart: a few dozen updates, same rows as the two bursts alone', () => {
  const input = shifted([1, 5_000_000]);
  const counted = new Counted(new SortTracker());
  const got = trackMotSequence(counted, input);
  assert.ok(counted.updates <= 2 * 71 + 2, `${counted.updates} updates`); // SORT maxAge 1: one coasting frame per burst
  // The second burst is tracked as if it were the first, with ids continuing.
  const first = trackMotSequence(new SortTracker(), shifted([1]));
  assert.equal(got.slice(0, first.length), first);
  assert.is(got[got.length - 1].frame, 5_000_000 + 70);
});

gaps.run();
