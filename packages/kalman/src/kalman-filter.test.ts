import { ConfigError, ShapeError } from '@mot/core';
import { Matrix } from 'ml-matrix';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CHI2INV95, KalmanFilter } from './index.js';

const kf = suite('KalmanFilter');

const scalar = () =>
  new KalmanFilter({ transition: [[1]], observation: [[1]], processNoise: [[0]], measurementNoise: [[1]] });

kf('scalar update: gain P/(P+R) = 0.5 halves the innovation and the variance', () => {
  const f = scalar();
  // x = 0, P = 1, z = 2: K = 1 / (1 + 1) = 0.5, x = 0 + 0.5 * 2 = 1,
  // Joseph: P = (1 - 0.5)^2 * 1 + 0.5^2 * 1 = 0.5.
  const s = f.update(f.state([0], [[1]]), [2]);
  assert.is(s.mean.get(0, 0), 1);
  assert.is(s.covariance.get(0, 0), 0.5);
});

kf('standard and Joseph covariance updates agree for the optimal gain', () => {
  const opts = {
    transition: [
      [1, 1],
      [0, 1],
    ],
    observation: [[1, 0]],
    processNoise: [
      [0.1, 0],
      [0, 0.1],
    ],
    measurementNoise: [[2]],
  };
  const a = new KalmanFilter({ ...opts, covarianceUpdate: 'joseph' });
  const b = new KalmanFilter({ ...opts, covarianceUpdate: 'standard' });
  const s0 = a.state([3, 1], [
    [4, 1],
    [1, 2],
  ]);
  const pa = a.update(a.predict(s0), [5.5]);
  const pb = b.update(b.predict(s0), [5.5]);
  for (let i = 0; i < 2; i++) {
    for (let j = 0; j < 2; j++) assert.ok(Math.abs(pa.covariance.get(i, j) - pb.covariance.get(i, j)) < 1e-12);
  }
  // predict: x = [4, 1], P = F P F' + Q = [[8.1, 3], [3, 2.1]];
  // S = 8.1 + 2 = 10.1, K = [8.1, 3] / 10.1, x0 = 4 + 8.1 * 1.5 / 10.1
  assert.ok(Math.abs(pa.mean.get(0, 0) - (4 + (8.1 * 1.5) / 10.1)) < 1e-12);
  assert.ok(Math.abs(pa.mean.get(1, 0) - (1 + (3 * 1.5) / 10.1)) < 1e-12);
});

kf('squared Mahalanobis distance: d^2 / (P + R)', () => {
  const f = scalar();
  // S = 1 + 1 = 2; (3 - 0)^2 / 2 = 4.5, (-1)^2 / 2 = 0.5
  const d = f.squaredMahalanobis(f.state([0], [[1]]), [[3], [-1]]);
  assert.ok(Math.abs(d[0] - 4.5) < 1e-12 && Math.abs(d[1] - 0.5) < 1e-12, String(d));
});

kf('predict with a matrix process noise override', () => {
  const f = scalar();
  const s = f.predict(f.state([2], [[1]]), new Matrix([[3]]));
  assert.is(s.mean.get(0, 0), 2);
  assert.is(s.covariance.get(0, 0), 4);
});

kf('throws on shapes that do not fit', () => {
  assert.throws(
    () => new KalmanFilter({ transition: [[1, 0]], observation: [[1]], processNoise: [[0]], measurementNoise: [[1]] }),
    (e: unknown) => e instanceof ShapeError && /transition must be square/.test((e as Error).message),
  );
  assert.throws(
    () => new KalmanFilter({ transition: [[1]], observation: [[1, 0]], processNoise: [[0]], measurementNoise: [[1]] }),
    (e: unknown) => e instanceof ShapeError && /observation must be 1x1, got 1x2/.test((e as Error).message),
  );
  const f = scalar();
  assert.throws(() => f.update(f.state([0], [[1]]), [1, 2]), (e: unknown) => e instanceof ShapeError && /measurement must have 1 entries, got 2/.test((e as Error).message));
  assert.throws(() => f.state([0, 1], [[1]]), (e: unknown) => e instanceof ShapeError);
  assert.throws(
    () => new KalmanFilter({ transition: [[1]], observation: [[1]], processNoise: [[0]], measurementNoise: [[1]], covarianceUpdate: 'x' as never }),
    (e: unknown) => e instanceof ConfigError,
  );
});

kf.run();

const chi = suite('CHI2INV95');
chi('holds the 0.95 chi-square quantiles for 1..9 dof', () => {
  // scipy.stats.chi2.ppf(0.95, [1..9]) to 4 decimals (deep_sort's table)
  assert.equal(
    [1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => CHI2INV95[k]),
    [3.8415, 5.9915, 7.8147, 9.4877, 11.07, 12.592, 14.067, 15.507, 16.919],
  );
});
chi.run();
