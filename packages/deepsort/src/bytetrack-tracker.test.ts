import { ConfigError, type Detection } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ByteTrackTracker, getTracker } from './index.js';

const det = (x: number, score = 0.9, y = 100): Detection => ({ box: [x, y, 50, 100], score, classId: 0 });
const ids = (tracks: ReadonlyArray<{ id: number }>) => tracks.map((t) => t.id);
const close = (a: readonly number[], b: readonly number[]) => a.every((v, i) => Math.abs(v - b[i]) < 1e-9);

const byte = suite('ByteTrackTracker');

byte('tracks started on frame 1 are reported at once; later ones from their second frame', () => {
  const t = new ByteTrackTracker();
  const first = t.update([det(100)]);
  assert.equal(ids(first), [1]);
  assert.ok(close(first[0].box, [100, 100, 50, 100]), String(first[0].box));
  assert.equal(ids(t.update([det(100), det(400)])), [1]); // 400 starts unconfirmed (id 2)
  assert.equal(ids(t.update([det(100), det(400)])).sort(), [1, 2]);
});

byte('a new track needs trackThresh + 0.1; a track that is never confirmed still takes an id', () => {
  const t = new ByteTrackTracker(); // trackThresh 0.6 -> new tracks need 0.7
  t.update([det(100)]);
  t.update([det(100), det(400, 0.65)]); // high (> 0.6) but under 0.7: no track
  t.update([det(100), det(400, 0.65)]);
  assert.equal(ids(t.update([det(100), det(400, 0.7)])), [1]); // starts id 2, unconfirmed
  assert.equal(ids(t.update([det(100), det(700)])), [1]); // id 2 unmatched -> removed; 700 starts id 3
  assert.equal(ids(t.update([det(100), det(700)])).sort(), [1, 3]);
});

byte('low-score detections keep a tracked track alive, but never start one', () => {
  const t = new ByteTrackTracker();
  t.update([det(100)]);
  const second = t.update([det(100, 0.3), det(400, 0.3)]);
  assert.equal(ids(second), [1]);
  assert.is(second[0].score, 0.3);
  assert.equal(ids(t.update([det(100, 0.3), det(400, 0.3)])), [1]);
  // a score of exactly trackThresh is neither high nor low: dropped
  assert.equal(ids(t.update([det(100, 0.6)])), []);
});

byte('lost tracks are kept trunc(frameRate / 30 * trackBuffer) frames, and leave the list one frame late as in the reference', () => {
  assert.is(new ByteTrackTracker({ frameRate: 14 }).maxTimeLost, 14);
  assert.is(new ByteTrackTracker({ frameRate: 7, trackBuffer: 30 }).maxTimeLost, 7);
  const run = (gapEnd: number) => {
    const t = new ByteTrackTracker({ frameRate: 10 }); // maxTimeLost 10
    t.update([det(100)]);
    t.update([det(100)]); // last match: frame 2
    for (let f = 3; f < gapEnd; f++) assert.equal(t.update([]), []);
    return [ids(t.update([det(100)])), ids(t.update([det(100)]))];
  };
  // frame 13: 13 - 2 = 11 > 10, so the track is marked removed there; the
  // reference drops it from the lost list only on frame 14, so a detection on
  // frame 14 still re-finds it
  assert.equal(run(14), [[1], [1]]);
  // on frame 15 it is gone: a new track (id 2), reported from its second frame
  assert.equal(run(15), [[], [2]]);
});

byte('score fusion decides between two candidates (fuseScore, the reference default)', () => {
  // Track at x = 100 (x1..x2 = 100..150). Inclusive IoU of detection A at
  // x = 110: 41 x 101 / (2 x 51 x 101 - 41 x 101) = 41 / 61; of B at x = 120: 31 / 71.
  // Unfused costs 0.328 (A) < 0.563 (B): A. Fused with scores 0.61 and 1.0:
  // 1 - 0.61 x 41 / 61 = 0.590 > 1 - 31 / 71 = 0.563: B.
  const start = () => {
    const t = new ByteTrackTracker();
    t.update([det(100)]);
    return t;
  };
  const fused = start().update([det(110, 0.61), det(120, 1.0)]);
  const plain = new ByteTrackTracker({ fuseScore: false });
  plain.update([det(100)]);
  const unfused = plain.update([det(110, 0.61), det(120, 1.0)]);
  assert.is(fused.find((tr) => tr.id === 1)?.score, 1.0);
  assert.is(unfused.find((tr) => tr.id === 1)?.score, 0.61);
});

byte('reset restarts identities at 1', () => {
  const t = new ByteTrackTracker();
  t.update([det(100), det(400)]);
  t.reset();
  assert.equal(ids(t.update([det(400)])), [1]);
});

byte('rejects bad options with messages naming them', () => {
  assert.throws(() => new ByteTrackTracker({ fuseScore: 1 as never }), (e: unknown) => e instanceof ConfigError && /fuseScore must be true or false, got 1/.test((e as Error).message));
  assert.throws(() => new ByteTrackTracker({ frameRate: 0 }), (e: unknown) => e instanceof ConfigError && /frameRate must be > 0, got 0/.test((e as Error).message));
  assert.throws(() => new ByteTrackTracker({ trackBuffer: 2.5 }), (e: unknown) => e instanceof ConfigError && /trackBuffer must be an integer, got 2.5/.test((e as Error).message));
});

byte('registry: the reference MOT17 evaluation settings are the defaults', () => {
  assert.equal(Object.fromEntries(getTracker('bytetrack').params.map((p) => [p.name, p.default])), {
    trackThresh: 0.6,
    lowThresh: 0.1,
    matchThresh: 0.9,
    secondMatchThresh: 0.5,
    unconfirmedMatchThresh: 0.7,
    trackBuffer: 30,
    frameRate: 30,
    fuseScore: true,
  });
  assert.ok(getTracker('bytetrack').create({ frameRate: 25 }) instanceof ByteTrackTracker);
});

byte.run();
