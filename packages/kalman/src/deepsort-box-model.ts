/**
 * DeepSORT's box motion model (Wojke et al. 2017, nwojke/deep_sort
 * `kalman_filter.py`): state [x, y, a, h, vx, vy, va, vh] with (x, y) the box
 * centre, a = w/h and h the height; constant velocity, dt = 1 frame. Noise is
 * relative to the current height h: std weights 1/20 for position and 1/160
 * for velocity; the aspect ratio gets fixed small noise (1e-2, 1e-5, 1e-1).
 * Covariance update P - K S K' with K from a Cholesky solve, as the reference.
 */
import { type Tlwh, InputError, assert } from '@mot/core';
import { cholesky, forwardSubstitute, predictInPlace, projectCovariance, updateInPlace } from './box-filter-math.js';
import type { BoxState } from './box-state.js';

const DIM = 8;
const VELOCITY = Int8Array.from([4, 5, 6, 7, -1, -1, -1, -1]);
/** Source: deep_sort kalman_filter.py, `_std_weight_position`, `_std_weight_velocity`. */
export const STD_WEIGHT_POSITION = 1 / 20;
export const STD_WEIGHT_VELOCITY = 1 / 160;

const q = new Float64Array(DIM);
const r = new Float64Array(4);
const z = new Float64Array(4);
const S = new Float64Array(16);
const L = new Float64Array(16);
const d = new Float64Array(4);

/** Q diagonal for height h: std h/20 (position), 1e-2 (a), h/160 (velocity), 1e-5 (va). */
function processNoise(h: number, out: Float64Array): Float64Array {
  const p = STD_WEIGHT_POSITION * h;
  const v = STD_WEIGHT_VELOCITY * h;
  out[0] = p * p;
  out[1] = p * p;
  out[2] = 1e-2 * 1e-2;
  out[3] = p * p;
  out[4] = v * v;
  out[5] = v * v;
  out[6] = 1e-5 * 1e-5;
  out[7] = v * v;
  return out;
}

function measurementNoise(h: number): Float64Array {
  const p = STD_WEIGHT_POSITION * h;
  r[0] = p * p;
  r[1] = p * p;
  r[2] = 1e-1 * 1e-1;
  r[3] = p * p;
  return r;
}

/** F and H of the DeepSORT model as dense arrays, for the generic filter and tests. */
export function deepSortModelMatrices(): { F: number[][]; H: number[][] } {
  const F = Array.from({ length: DIM }, (_, i) => Array.from({ length: DIM }, (_, j) => (i === j || VELOCITY[i] === j ? 1 : 0)));
  const H = Array.from({ length: 4 }, (_, i) => Array.from({ length: DIM }, (_, j) => (i === j ? 1 : 0)));
  return { F, H };
}

export const DeepSortBoxModel = {
  dim: DIM,

  /** Process noise diagonal for a state of height `h` (the one predict() adds). */
  processNoise(h: number): Float64Array {
    return processNoise(h, new Float64Array(DIM));
  },

  /** Measurement noise diagonal for a state of height `h` (the one project() adds). */
  measurementNoise(h: number): Float64Array {
    return measurementNoise(h).slice();
  },

  /**
   * A new state at measurement `xyah` with zero velocity; std 2/20 h for
   * position, 1e-2 for a, 10/160 h for velocities, 1e-5 for va.
   */
  initiate(xyah: ArrayLike<number>): BoxState {
    const h = xyah[3];
    assert(h > 0 && Number.isFinite(h), () => `DeepSortBoxModel.initiate: height must be > 0, got ${h}`, InputError);
    const mean = new Float64Array(DIM);
    for (let i = 0; i < 4; i++) mean[i] = xyah[i];
    const p = 2 * STD_WEIGHT_POSITION * h;
    const v = 10 * STD_WEIGHT_VELOCITY * h;
    const std = [p, p, 1e-2, p, v, v, 1e-5, v];
    const covariance = new Float64Array(DIM * DIM);
    for (let i = 0; i < DIM; i++) covariance[i * DIM + i] = std[i] * std[i];
    return { mean, covariance };
  },

  /** One frame ahead, in place; the noise scales with the height before the step. */
  predict(state: BoxState): void {
    predictInPlace(state.mean, state.covariance, DIM, VELOCITY, processNoise(state.mean[3], q));
  },

  /** Corrects the state with measurement `xyah`, in place. */
  update(state: BoxState, xyah: ArrayLike<number>): void {
    for (let i = 0; i < 4; i++) z[i] = xyah[i];
    if (!updateInPlace(state.mean, state.covariance, DIM, 4, z, measurementNoise(state.mean[3]), false)) {
      throw new InputError('DeepSortBoxModel.update: projected covariance is not positive definite');
    }
  },

  /**
   * Squared Mahalanobis distance between the projected state and each
   * measurement (rows of `measurements`, xyah, 4 per row), into `out`.
   * With `onlyPosition`, only (x, y) count (compare with CHI2INV95[2]).
   */
  gatingDistance(state: BoxState, measurements: Float64Array, count: number, onlyPosition = false, out = new Float64Array(count)): Float64Array {
    const m = onlyPosition ? 2 : 4;
    projectCovariance(state.covariance, DIM, 4, measurementNoise(state.mean[3]), S);
    if (m === 2) {
      S[2] = S[4];
      S[3] = S[5];
    }
    if (!cholesky(S, m, L)) throw new InputError('DeepSortBoxModel.gatingDistance: projected covariance is not positive definite');
    const x = state.mean;
    for (let k = 0; k < count; k++) {
      for (let i = 0; i < m; i++) d[i] = measurements[k * 4 + i] - x[i];
      forwardSubstitute(L, m, d);
      let sum = 0;
      for (let i = 0; i < m; i++) sum += d[i] * d[i];
      out[k] = sum;
    }
    return out;
  },

  /** The state's box, tlwh px (deep_sort `Track.to_tlwh`). */
  toTlwh(state: BoxState): Tlwh {
    const x = state.mean;
    const w = x[2] * x[3];
    return [x[0] - w / 2, x[1] - x[3] / 2, w, x[3]];
  },
} as const;
