import { ConfigError, type Detection } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DeepSortTracker, NearestNeighborCosineMetric, deepSortDetectionOrder, getTracker } from './index.js';

function unit(dim: number, k: number): Float32Array {
  const f = new Float32Array(dim);
  f[k] = 1;
  return f;
}
const det = (x: number, feature: Float32Array, score = 0.9): Detection => ({ box: [x, 100, 40, 80], score, classId: 0, feature });

const tracker = suite('DeepSortTracker');

tracker('a track is reported once confirmed after nInit = 3 hits', () => {
  const t = new DeepSortTracker();
  const e1 = unit(8, 0);
  assert.equal(t.update([det(10, e1)]), []); // created, tentative (hits 1)
  assert.equal(t.update([det(10, e1)]), []); // IoU stage match, hits 2
  const third = t.update([det(10, e1)]);
  assert.equal(
    third.map((tr) => [tr.id, tr.state, tr.hits]),
    [[1, 'confirmed', 3]],
  );
  assert.equal(third[0].box, [10, 100, 40, 80]);
});

tracker('a tentative track that misses a frame is deleted; ids are not reused', () => {
  const t = new DeepSortTracker();
  const e1 = unit(8, 0);
  t.update([det(10, e1)]);
  t.update([]);
  assert.equal(t.liveTracks, []);
  t.update([det(10, e1)]);
  assert.equal(
    t.liveTracks.map((tr) => tr.id),
    [2],
  );
});

tracker('confirmed tracks coast one frame in the output, then live until maxAge', () => {
  const t = new DeepSortTracker({ maxAge: 2 });
  const e1 = unit(8, 0);
  for (let i = 0; i < 3; i++) t.update([det(10, e1)]);
  assert.equal(
    t.update([]).map((tr) => [tr.id, tr.timeSinceUpdate]),
    [[1, 1]],
  ); // missed once: still reported (reference app writes time_since_update <= 1)
  assert.equal(t.update([]), []); // missed twice: live, not reported
  assert.is(t.liveTracks.length, 1);
  t.update([]); // time_since_update 3 > maxAge 2: deleted
  assert.is(t.liveTracks.length, 0);
});

tracker('after a gap the appearance cascade re-identifies the same object, not a different one', () => {
  const e1 = unit(8, 0);
  const e2 = unit(8, 1);
  const run = (feature: Float32Array) => {
    const t = new DeepSortTracker();
    for (let i = 0; i < 3; i++) t.update([det(10, e1)]);
    t.update([]);
    t.update([]); // time_since_update 2: only the appearance cascade can match it
    return t.update([det(10, feature)]).map((tr) => tr.id);
  };
  assert.equal(run(e1), [1]); // cosine distance 0 <= 0.2
  // orthogonal feature: cosine distance 1 > 0.2, so a new tentative track (not reported)
  assert.equal(run(e2), []);
});

tracker('detections under minConfidence are dropped before matching', () => {
  const t = new DeepSortTracker({ nInit: 1 });
  t.update([det(10, unit(8, 0), 0.29)]);
  assert.equal(t.liveTracks, []);
  t.update([det(10, unit(8, 0), 0.3)]);
  assert.is(t.liveTracks.length, 1);
});

tracker('a detection without a feature is a clear error', () => {
  const t = new DeepSortTracker();
  assert.throws(
    () => t.update([{ box: [0, 0, 10, 10], score: 1, classId: 0 }]),
    (e: unknown) => e instanceof ConfigError && /detection 0 has no appearance feature/.test((e as Error).message),
  );
});

tracker('defaults are the reference settings', () => {
  assert.equal(
    Object.fromEntries(getTracker('deepsort').params.map((p) => [p.name, p.default])),
    { maxCosineDistance: 0.2, nnBudget: 100, maxIouDistance: 0.7, maxAge: 30, nInit: 3, minConfidence: 0.3, minDetectionHeight: 0, nmsMaxOverlap: 1 },
  );
  assert.throws(() => new DeepSortTracker({ nnBudget: 0 }), (e: unknown) => e instanceof ConfigError && /nnBudget must be >= 1, got 0/.test((e as Error).message));
});

tracker.run();

const metric = suite('NearestNeighborCosineMetric');

metric('distance is the smallest cosine distance to the kept samples (hand-computed)', () => {
  const m = new NearestNeighborCosineMetric(0.2);
  m.partialFit([m.normalize([1, 0]), m.normalize([0, 1])], [7, 7], [7]);
  const d = m.distance([m.normalize([1, 1]), m.normalize([-1, 0])], [7]);
  // [1,1]/sqrt2 . [1,0] = 1/sqrt2 -> 1 - 0.7071...; [-1,0] . [0,1] = 0 -> 1
  assert.ok(Math.abs(d.data[0] - (1 - Math.SQRT1_2)) < 1e-12);
  assert.is(d.data[1], 1);
});

metric('the budget keeps only the newest samples; inactive targets are forgotten', () => {
  const m = new NearestNeighborCosineMetric(0.2, 2);
  m.partialFit([m.normalize([1, 0]), m.normalize([0, 1]), m.normalize([-1, 0])], [1, 1, 1], [1]);
  assert.is(m.sampleCount(1), 2);
  // [1, 0] was dropped: the nearest to [1, 0] is now [0, 1] at distance 1
  assert.is(m.distance([m.normalize([1, 0])], [1]).data[0], 1);
  m.partialFit([], [], []);
  assert.is(m.sampleCount(1), 0);
});

metric('features of another length are rejected', () => {
  const m = new NearestNeighborCosineMetric(0.2);
  m.normalize([1, 0]);
  assert.throws(() => m.normalize([1, 0, 0]), (e: unknown) => /must have 2 entries, got 3/.test((e as Error).message));
});

metric.run();

const order = suite('deepSortDetectionOrder');

order('drops low scores and short boxes, then orders by score (later first on ties)', () => {
  const f = unit(2, 0);
  const dets: Detection[] = [
    { box: [0, 0, 10, 10], score: 0.5, classId: 0, feature: f },
    { box: [0, 0, 10, 3], score: 0.9, classId: 0, feature: f },
    { box: [0, 0, 10, 10], score: 0.2, classId: 0, feature: f },
    { box: [0, 0, 10, 10], score: 0.5, classId: 0, feature: f },
    { box: [0, 0, 10, 10], score: 0.8, classId: 0, feature: f },
  ];
  assert.equal(deepSortDetectionOrder(dets, { minConfidence: 0.3, minDetectionHeight: 5, nmsMaxOverlap: 1 }), [4, 3, 0]);
});

order('NMS drops a box mostly covered by a higher-scored one (overlap over its own area, +1 px)', () => {
  const f = unit(2, 0);
  const dets: Detection[] = [
    { box: [0, 0, 9, 9], score: 0.9, classId: 0, feature: f },
    { box: [1, 0, 9, 9], score: 0.8, classId: 0, feature: f }, // overlap 9 x 10 / (10 x 10) = 0.9
    { box: [50, 0, 9, 9], score: 0.7, classId: 0, feature: f },
  ];
  assert.equal(deepSortDetectionOrder(dets, { minConfidence: 0, minDetectionHeight: 0, nmsMaxOverlap: 0.85 }), [0, 2]);
  assert.equal(deepSortDetectionOrder(dets, { minConfidence: 0, minDetectionHeight: 0, nmsMaxOverlap: 0.95 }), [0, 1, 2]);
});

order.run();
