import { ConfigError, type Detection } from '@mot/core';
import { SortBoxModel, cloneBoxState } from '@mot/kalman';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { OcSortTrack } from './ocsort-track.js';
import { OcSortTracker, getTracker } from './index.js';

const det = (x: number, y = 100, score = 0.9): Detection => ({ box: [x, y, 50, 100], score, classId: 0 });
const ids = (tracks: ReadonlyArray<{ id: number }>) => tracks.map((t) => t.id);

const oc = suite('OcSortTracker');

oc('the reported box is the last matched detection, not the filter estimate', () => {
  const t = new OcSortTracker({ minHits: 1 });
  t.update([det(100)]);
  for (let f = 1; f <= 5; f++) {
    const x = 100 + 7 * f + (f % 2) * 3; // jittery motion: the filter smooths it, the output does not
    const out = t.update([det(x)]);
    assert.equal(ids(out), [1]);
    assert.equal(out[0].box, [x, 100, 50, 100]);
  }
});

oc('only detections scoring above detThresh are used; ids count from 1 and are never reused', () => {
  const t = new OcSortTracker();
  assert.equal(t.update([det(100, 100, 0.6)]), []); // 0.6 is not above 0.6
  assert.equal(ids(t.update([det(100, 100, 0.61)])), [1]); // frame 2 <= minHits: reported
  t.reset();
  assert.equal(ids(t.update([det(400)])), [1]);
});

oc('a track is reported after minHits consecutive matches once past the first minHits frames', () => {
  const t = new OcSortTracker(); // minHits 3
  const out = [1, 2, 3, 4, 5, 6].map((f) => ids(t.update(f < 4 ? [] : [det(100)])));
  // created on frame 4 (hits 0), matched on 5 and 6: hit streak 2 < 3
  assert.equal(out, [[], [], [], [], [], []]);
  assert.equal(ids(t.update([det(100)])), [1]); // frame 7: hit streak 3
});

oc('OCR re-finds a track by its last observation when its prediction ran away', () => {
  // A track moving right at 20 px/frame stops dead after a two-frame gap: the
  // prediction is 60 px ahead (IoU 0 with the detection), its last
  // observation is where the object is (IoU 1): the second stage matches it.
  const t = new OcSortTracker({ minHits: 1 });
  for (let f = 0; f < 8; f++) t.update([det(100 + 20 * f)]);
  t.update([]);
  t.update([]);
  assert.equal(ids(t.update([det(240)])), [1]);
});

oc('rejects bad options with messages naming them', () => {
  assert.throws(() => new OcSortTracker({ deltaT: 0 }), (e: unknown) => e instanceof ConfigError && /deltaT must be >= 1, got 0/.test((e as Error).message));
  assert.throws(() => new OcSortTracker({ inertia: -1 }), (e: unknown) => e instanceof ConfigError && /inertia must be >= 0, got -1/.test((e as Error).message));
});

oc('registry: the reference MOT evaluation settings are the defaults', () => {
  assert.equal(Object.fromEntries(getTracker('ocsort').params.map((p) => [p.name, p.default])), {
    detThresh: 0.6,
    iouThreshold: 0.3,
    maxAge: 30,
    minHits: 3,
    deltaT: 3,
    inertia: 0.2,
  });
});


oc('a box far left of the origin after a collapsing area: no NaN box reported (fast-check seed -504303856)', () => {
  // The reference reports its filter box here (the observation fails its
  // sum >= 0 test) and that box is NaN: the area went negative after 1e5 -> 1 px.
  const t = new OcSortTracker({ detThresh: 0, iouThreshold: 0, minHits: 0 });
  const det = (box: [number, number, number, number]): Detection => ({ box, score: 5e-324, classId: 0 });
  assert.equal(t.update([det([0, 0, 100000, 100000])]).length, 1);
  assert.equal(t.update([det([0, 0, 1, 1])]).map((x) => x.box), [[0, 0, 1, 1]]);
  assert.equal(t.update([]), []);
  assert.equal(t.update([det([-1000000, 0, 1, 1])]), []);
});

oc.run();

const track = suite('OcSortTrack');

track('ORU: after a gap the frozen filter is re-run over the interpolated boxes, then updated with the observation', () => {
  const obs = (x: number) => Float64Array.of(x, 100, x + 50, 200, 0.9);
  const xysr = (x: number, w: number, h: number) => [x + w / 2, 100 + h / 2, w * h, w / (h + 1e-6)];
  const t = new OcSortTrack(1, obs(100), 0, 3);
  t.predict();
  t.update(obs(110), 0);
  // Expected, by the reference's steps: freeze after the predict of the first missed frame...
  t.predict();
  const frozen = cloneBoxState(t.kalman);
  t.miss();
  t.predict();
  t.miss();
  t.predict();
  t.update(obs(140), 0);
  // ...the last observation (x = 110) and the new one (x = 140) are 3 filter steps apart:
  // virtual centres 120, 130, 140 (+25), width and height as measured.
  const z1 = xysr(110, 50, 100);
  const w1 = Math.sqrt(z1[2] * z1[3]);
  const h1 = Math.sqrt(z1[2] / z1[3]);
  const expected = frozen;
  for (let i = 1; i <= 3; i++) {
    const w = w1;
    const h = h1;
    SortBoxModel.updateXysr(expected, [z1[0] + ((xysr(140, 50, 100)[0] - z1[0]) / 3) * i, z1[1], w * h, w / h]);
    if (i < 3) SortBoxModel.predictUnguarded(expected);
  }
  SortBoxModel.updateXysr(expected, xysr(140, 50, 100));
  for (let i = 0; i < 7; i++) assert.ok(Math.abs(t.kalman.mean[i] - expected.mean[i]) < 1e-9, `mean[${i}] ${t.kalman.mean[i]} vs ${expected.mean[i]}`);
  // the direction after the gap: from the observation 3 ages back (x = 110, age 1) to x = 140
  assert.ok(Math.abs((t.velocity as [number, number])[1] - 1) < 1e-6);
});

track.run();
