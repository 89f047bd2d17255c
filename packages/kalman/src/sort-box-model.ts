/**
 * SORT's box motion model (Bewley et al. 2016, abewley/sort `KalmanBoxTracker`):
 * state [x, y, s, r, vx, vy, vs] with (x, y) the box centre, s the area and r
 * the aspect ratio w/h, which is assumed constant. Constant velocity, dt = 1
 * frame. Noise settings are the reference's, applied to filterpy's identity
 * defaults:
 *   R = diag(1, 1, 10, 10)                      (R[2:,2:] *= 10)
 *   P0 = diag(10, 10, 10, 10, 1e4, 1e4, 1e4)    (P[4:,4:] *= 1000, then P *= 10)
 *   Q = diag(1, 1, 1, 1, 0.01, 0.01, 1e-4)      (Q[-1,-1] *= 0.01, then Q[4:,4:] *= 0.01)
 * and the covariance update is filterpy's Joseph form.
 */
import { type Tlwh, assert, InputError, tlwhToXysr } from '@mot/core';
import { predictInPlace, updateInPlace } from './box-filter-math.js';
import type { BoxState } from './box-state.js';

const DIM = 7;
/** Velocity index of each state entry: x += vx, y += vy, s += vs. */
const VELOCITY = Int8Array.from([4, 5, 6, -1, -1, -1, -1]);
/** Source: abewley/sort sort.py, KalmanBoxTracker.__init__ (see module doc). */
export const SORT_MEASUREMENT_NOISE: readonly number[] = [1, 1, 10, 10];
export const SORT_PROCESS_NOISE: readonly number[] = [1, 1, 1, 1, 0.01, 0.01, 0.0001];
export const SORT_INITIAL_VARIANCE: readonly number[] = [10, 10, 10, 10, 10000, 10000, 10000];

/** F and H of the SORT model as dense arrays, for the generic filter and tests. */
export function sortModelMatrices(): { F: number[][]; H: number[][] } {
  const F = Array.from({ length: DIM }, (_, i) => Array.from({ length: DIM }, (_, j) => (i === j || VELOCITY[i] === j ? 1 : 0)));
  const H = Array.from({ length: 4 }, (_, i) => Array.from({ length: DIM }, (_, j) => (i === j ? 1 : 0)));
  return { F, H };
}

const z = new Float64Array(4);

export const SortBoxModel = {
  dim: DIM,

  /** A new state at `box` (tlwh, px) with zero velocity and the reference P0. */
  initiate(box: Readonly<Tlwh>): BoxState {
    assert(box[2] > 0 && box[3] > 0, () => `SortBoxModel.initiate: box width and height must be > 0, got ${box[2]} x ${box[3]}`, InputError);
    const mean = new Float64Array(DIM);
    mean.set(tlwhToXysr(box));
    const covariance = new Float64Array(DIM * DIM);
    for (let i = 0; i < DIM; i++) covariance[i * DIM + i] = SORT_INITIAL_VARIANCE[i];
    return { mean, covariance };
  },

  /**
   * One frame ahead, in place. As the reference does, a negative predicted
   * area is avoided by zeroing the area velocity first when s + vs <= 0.
   */
  predict(state: BoxState): void {
    const x = state.mean;
    if (x[6] + x[2] <= 0) x[6] = 0;
    predictInPlace(x, state.covariance, DIM, VELOCITY, SORT_PROCESS_NOISE);
  },

  /**
   * A new state at measurement `xysr` (centre x, y, area, aspect), zero
   * velocity, the reference P0. For callers that form the measurement
   * themselves (OC-SORT computes the aspect as w / (h + 1e-6)).
   */
  initiateXysr(xysr: ArrayLike<number>): BoxState {
    for (let i = 0; i < 4; i++) {
      assert(Number.isFinite(xysr[i]), () => `SortBoxModel.initiateXysr: measurement[${i}] must be a finite number, got ${xysr[i]}`, InputError);
    }
    const mean = new Float64Array(DIM);
    for (let i = 0; i < 4; i++) mean[i] = xysr[i];
    const covariance = new Float64Array(DIM * DIM);
    for (let i = 0; i < DIM; i++) covariance[i * DIM + i] = SORT_INITIAL_VARIANCE[i];
    return { mean, covariance };
  },

  /**
   * One frame ahead without the negative-area guard: the bare filter step
   * (filterpy's `predict`), which OC-SORT uses when it re-runs the filter over
   * a virtual trajectory.
   */
  predictUnguarded(state: BoxState): void {
    predictInPlace(state.mean, state.covariance, DIM, VELOCITY, SORT_PROCESS_NOISE);
  },

  /** Corrects the state with measurement `xysr`, in place (filterpy's Joseph-form update). */
  updateXysr(state: BoxState, xysr: ArrayLike<number>): void {
    for (let i = 0; i < 4; i++) z[i] = xysr[i];
    if (!updateInPlace(state.mean, state.covariance, DIM, 4, z, SORT_MEASUREMENT_NOISE, true)) {
      throw new InputError(`SortBoxModel.updateXysr: projected covariance is not positive definite (measurement ${Array.from(xysr).join(', ')})`);
    }
  },

  /** Corrects the state with a detected box (tlwh, px), in place. */
  update(state: BoxState, box: Readonly<Tlwh>): void {
    const w = box[2];
    const h = box[3];
    z[0] = box[0] + w / 2;
    z[1] = box[1] + h / 2;
    z[2] = w * h;
    z[3] = w / h;
    if (!updateInPlace(state.mean, state.covariance, DIM, 4, z, SORT_MEASUREMENT_NOISE, true)) {
      throw new InputError(`SortBoxModel.update: projected covariance is not positive definite (box ${box.join(', ')})`);
    }
  },

  /**
   * The state's box, tlwh px: w = sqrt(s r), h = s / w. NaN when the area or
   * aspect went negative (the reference drops such a track).
   */
  toTlwh(state: BoxState): Tlwh {
    const x = state.mean;
    const w = Math.sqrt(x[2] * x[3]);
    const h = x[2] / w;
    return [x[0] - w / 2, x[1] - h / 2, w, h];
  },
} as const;
