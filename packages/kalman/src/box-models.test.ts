import { type Tlwh, InputError, tlwhToXyah, seededRandom } from '@mot/core';
import { Matrix } from 'ml-matrix';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  DeepSortBoxModel,
  KalmanFilter,
  SORT_INITIAL_VARIANCE,
  SORT_MEASUREMENT_NOISE,
  SORT_PROCESS_NOISE,
  SortBoxModel,
  deepSortModelMatrices,
  sortModelMatrices,
} from './index.js';


function maxRelDiff(a: ArrayLike<number>, b: Matrix): number {
  const flat = b.to1DArray();
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - flat[i]) / Math.max(1, Math.abs(flat[i])));
  return worst;
}

const sort = suite('SortBoxModel');

sort('initiate: centre, area, aspect and the reference P0', () => {
  const s = SortBoxModel.initiate([10, 20, 30, 60]);
  // centre (25, 50), area 1800, aspect 0.5
  assert.equal(Array.from(s.mean), [25, 50, 1800, 0.5, 0, 0, 0]);
  const diag = [0, 1, 2, 3, 4, 5, 6].map((i) => s.covariance[i * 7 + i]);
  assert.equal(diag, [10, 10, 10, 10, 10000, 10000, 10000]);
});

sort('first predict + update by hand', () => {
  const s = SortBoxModel.initiate([0, 0, 10, 10]); // x = [5, 5, 100, 1, 0, 0, 0]
  SortBoxModel.predict(s);
  // P = F P0 F' + Q: P[0,0] = 10 + 1e4 + 1 = 10011, P[0,4] = 1e4, P[4,4] = 1e4 + 0.01
  assert.is(s.covariance[0], 10011);
  assert.is(s.covariance[4], 10000);
  assert.is(s.covariance[4 * 7 + 4], 10000.01);
  SortBoxModel.update(s, [1, 0, 10, 10]); // measured centre x = 6
  // x-block is decoupled: K_x = 10011 / (10011 + 1), K_vx = 10000 / 10012
  assert.ok(Math.abs(s.mean[0] - (5 + 10011 / 10012)) < 1e-12);
  assert.ok(Math.abs(s.mean[4] - 10000 / 10012) < 1e-12);
  assert.equal(SortBoxModel.toTlwh(s).slice(2), [10, 10]);
});

sort('equals the generic ml-matrix filter (filterpy equations) over random tracks', () => {
  const { F, H } = sortModelMatrices();
  const generic = new KalmanFilter({
    transition: F,
    observation: H,
    processNoise: Matrix.diag(SORT_PROCESS_NOISE as number[]),
    measurementNoise: Matrix.diag(SORT_MEASUREMENT_NOISE as number[]),
    covarianceUpdate: 'joseph',
  });
  const rand = seededRandom(7);
  let worst = 0;
  for (let trial = 0; trial < 50; trial++) {
    const box: Tlwh = [rand() * 500, rand() * 300, 20 + rand() * 80, 40 + rand() * 160];
    const fast = SortBoxModel.initiate(box);
    let slow = generic.state(fast.mean, Matrix.diag(SORT_INITIAL_VARIANCE as number[]).to2DArray());
    for (let step = 0; step < 30; step++) {
      SortBoxModel.predict(fast);
      slow = generic.predict(slow);
      if (rand() < 0.8) {
        box[0] += rand() * 6 - 3;
        box[1] += rand() * 4 - 2;
        box[2] *= 0.97 + rand() * 0.06;
        box[3] *= 0.97 + rand() * 0.06;
        SortBoxModel.update(fast, box);
        const w = box[2];
        const h = box[3];
        slow = generic.update(slow, [box[0] + w / 2, box[1] + h / 2, w * h, w / h]);
      }
      worst = Math.max(worst, maxRelDiff(fast.mean, slow.mean), maxRelDiff(fast.covariance, slow.covariance));
    }
  }
  assert.ok(worst < 1e-9, `worst relative difference ${worst}`);
});

sort('predict zeroes the area velocity when the area would turn negative', () => {
  const s = SortBoxModel.initiate([0, 0, 10, 10]);
  s.mean[6] = -150; // s + vs = 100 - 150 <= 0
  SortBoxModel.predict(s);
  assert.is(s.mean[6], 0);
  assert.is(s.mean[2], 100);
});

sort('initiate rejects an empty box', () => {
  assert.throws(() => SortBoxModel.initiate([0, 0, 0, 10]), (e: unknown) => e instanceof InputError && /width and height must be > 0/.test((e as Error).message));
});

sort.run();

const deep = suite('DeepSortBoxModel');

deep('initiate: std 2/20 h, 10/160 h, 1e-2 and 1e-5 (hand-computed for h = 100)', () => {
  const s = DeepSortBoxModel.initiate([50, 60, 0.5, 100]);
  const diag = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => s.covariance[i * 8 + i]);
  // position std 2 * 100 / 20 = 10 -> 100; velocity std 10 * 100 / 160 = 6.25 -> 39.0625
  const expected = [100, 100, 1e-4, 100, 39.0625, 39.0625, 1e-10, 39.0625];
  diag.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) <= 1e-12 * expected[i], `P[${i},${i}] = ${v}`));
  assert.equal(DeepSortBoxModel.toTlwh(s), [25, 10, 50, 100]);
});

deep('gating distance by hand: d^2 / (P + R) on a diagonal state', () => {
  const s = DeepSortBoxModel.initiate([0, 0, 1, 100]);
  // S_xx = 100 + (100 / 20)^2 = 125; a 5 px offset in x gives 25 / 125 = 0.2;
  // S_hh = 125 too; 10 px in h gives 100 / 125 = 0.8; both: 1.0
  const m = Float64Array.from([5, 0, 1, 100, 0, 0, 1, 110, 5, 0, 1, 110]);
  const d = DeepSortBoxModel.gatingDistance(s, m, 3);
  assert.ok(Math.abs(d[0] - 0.2) < 1e-12);
  assert.ok(Math.abs(d[1] - 0.8) < 1e-12);
  assert.ok(Math.abs(d[2] - 1.0) < 1e-12);
  const p = DeepSortBoxModel.gatingDistance(s, m, 3, true);
  assert.ok(Math.abs(p[1]) < 1e-12); // height ignored with onlyPosition
  assert.ok(Math.abs(p[0] - 0.2) < 1e-12);
});

deep('equals the generic filter (standard update, height-scaled noise) over random tracks', () => {
  const { F, H } = deepSortModelMatrices();
  const rand = seededRandom(11);
  let worst = 0;
  for (let trial = 0; trial < 50; trial++) {
    const box: Tlwh = [rand() * 500, rand() * 300, 20 + rand() * 80, 40 + rand() * 160];
    const fast = DeepSortBoxModel.initiate(tlwhToXyah(box));
    const filter = new KalmanFilter({
      transition: F,
      observation: H,
      processNoise: Matrix.eye(8),
      measurementNoise: Matrix.eye(4),
      covarianceUpdate: 'standard',
    });
    let slow = filter.state(fast.mean, new Matrix(8, 8).to2DArray().map((r, i) => r.map((_, j) => fast.covariance[i * 8 + j])));
    for (let step = 0; step < 30; step++) {
      const q = Matrix.diag(Array.from(DeepSortBoxModel.processNoise(slow.mean.get(3, 0))));
      DeepSortBoxModel.predict(fast);
      slow = filter.predict(slow, q);
      if (rand() < 0.8) {
        box[0] += rand() * 6 - 3;
        box[1] += rand() * 4 - 2;
        box[3] *= 0.97 + rand() * 0.06;
        const z = tlwhToXyah(box);
        const r = Matrix.diag(Array.from(DeepSortBoxModel.measurementNoise(slow.mean.get(3, 0))));
        const gFast = DeepSortBoxModel.gatingDistance(fast, Float64Array.from(z), 1)[0];
        const gSlow = filter.squaredMahalanobis(slow, [z], r)[0];
        worst = Math.max(worst, Math.abs(gFast - gSlow) / Math.max(1, gSlow));
        DeepSortBoxModel.update(fast, z);
        slow = filter.update(slow, z, r);
      }
      worst = Math.max(worst, maxRelDiff(fast.mean, slow.mean), maxRelDiff(fast.covariance, slow.covariance));
    }
  }
  assert.ok(worst < 1e-9, `worst relative difference ${worst}`);
});

deep('initiate rejects a non-positive height', () => {
  assert.throws(() => DeepSortBoxModel.initiate([0, 0, 1, 0]), (e: unknown) => e instanceof InputError && /height must be > 0, got 0/.test((e as Error).message));
});

deep.run();
