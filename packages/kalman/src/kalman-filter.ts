/**
 * A linear Kalman filter on ml-matrix. It is pure: a {@link GaussianState}
 * goes in, a new one comes out, so one filter serves any number of tracks.
 *
 * This is the general, readable filter. The box motion models
 * ({@link SortBoxModel}, {@link DeepSortBoxModel}) compute the same equations
 * in closed form on Float64Array for speed; their tests check them against
 * this class.
 */
import { ConfigError, ShapeError } from '@mot/core';
import { CholeskyDecomposition, Matrix, inverse } from 'ml-matrix';

/** Mean (n x 1 column) and covariance (n x n) of a Gaussian state estimate. */
export interface GaussianState {
  readonly mean: Matrix;
  readonly covariance: Matrix;
}

export interface KalmanFilterOptions {
  /** State transition F (n x n). */
  transition: Matrix | number[][];
  /** Observation model H (m x n): measurement = H x. */
  observation: Matrix | number[][];
  /** Process noise Q (n x n); a predict() call may pass its own. */
  processNoise: Matrix | number[][];
  /** Measurement noise R (m x m); an update() call may pass its own. */
  measurementNoise: Matrix | number[][];
  /**
   * Covariance update: 'joseph' P = (I-KH)P(I-KH)' + KRK' (filterpy's, stable
   * for any gain) or 'standard' P = P - K S K' (deep_sort's). Default 'joseph'.
   */
  covarianceUpdate?: 'joseph' | 'standard';
}

function toMatrix(m: Matrix | number[][], name: string, rows: number, cols: number): Matrix {
  const out = m instanceof Matrix ? m : new Matrix(m);
  if (out.rows !== rows || out.columns !== cols) {
    throw new ShapeError(`KalmanFilter: ${name} must be ${rows}x${cols}, got ${out.rows}x${out.columns}`);
  }
  return out;
}

export class KalmanFilter {
  readonly stateDim: number;
  readonly measurementDim: number;
  readonly F: Matrix;
  readonly H: Matrix;
  readonly Q: Matrix;
  readonly R: Matrix;
  readonly covarianceUpdate: 'joseph' | 'standard';

  constructor(options: KalmanFilterOptions) {
    const F = options.transition instanceof Matrix ? options.transition : new Matrix(options.transition);
    const n = F.rows;
    if (n === 0 || F.columns !== n) throw new ShapeError(`KalmanFilter: transition must be square and non-empty, got ${F.rows}x${F.columns}`);
    const H0 = options.observation instanceof Matrix ? options.observation : new Matrix(options.observation);
    const m = H0.rows;
    this.stateDim = n;
    this.measurementDim = m;
    this.F = F;
    this.H = toMatrix(H0, 'observation', m, n);
    this.Q = toMatrix(options.processNoise, 'processNoise', n, n);
    this.R = toMatrix(options.measurementNoise, 'measurementNoise', m, m);
    const mode = options.covarianceUpdate ?? 'joseph';
    if (mode !== 'joseph' && mode !== 'standard') {
      throw new ConfigError(`KalmanFilter: covarianceUpdate must be 'joseph' or 'standard', got ${String(mode)}`);
    }
    this.covarianceUpdate = mode;
  }

  /** A state from a mean vector and a covariance. */
  state(mean: ArrayLike<number>, covariance: Matrix | number[][]): GaussianState {
    if (mean.length !== this.stateDim) throw new ShapeError(`KalmanFilter.state: mean must have ${this.stateDim} entries, got ${mean.length}`);
    return {
      mean: Matrix.columnVector(Array.from(mean)),
      covariance: toMatrix(covariance, 'covariance', this.stateDim, this.stateDim).clone(),
    };
  }

  /** x = F x, P = F P F' + Q. */
  predict(s: GaussianState, processNoise: Matrix = this.Q): GaussianState {
    return {
      mean: this.F.mmul(s.mean),
      covariance: this.F.mmul(s.covariance).mmul(this.F.transpose()).add(processNoise),
    };
  }

  /** The state in measurement space: (H x, H P H' + R). */
  project(s: GaussianState, measurementNoise: Matrix = this.R): GaussianState {
    return {
      mean: this.H.mmul(s.mean),
      covariance: this.H.mmul(s.covariance).mmul(this.H.transpose()).add(measurementNoise),
    };
  }

  /** Corrects the state with measurement `z` (m entries). */
  update(s: GaussianState, z: ArrayLike<number>, measurementNoise: Matrix = this.R): GaussianState {
    if (z.length !== this.measurementDim) {
      throw new ShapeError(`KalmanFilter.update: measurement must have ${this.measurementDim} entries, got ${z.length}`);
    }
    const projected = this.project(s, measurementNoise);
    const PHt = s.covariance.mmul(this.H.transpose());
    const K = PHt.mmul(inverse(projected.covariance));
    const innovation = Matrix.columnVector(Array.from(z)).sub(projected.mean);
    const mean = s.mean.clone().add(K.mmul(innovation));
    let covariance: Matrix;
    if (this.covarianceUpdate === 'joseph') {
      const IKH = Matrix.eye(this.stateDim).sub(K.mmul(this.H));
      covariance = IKH.mmul(s.covariance).mmul(IKH.transpose()).add(K.mmul(measurementNoise).mmul(K.transpose()));
    } else {
      covariance = s.covariance.clone().sub(K.mmul(projected.covariance).mmul(K.transpose()));
    }
    return { mean, covariance };
  }

  /**
   * Squared Mahalanobis distance of each measurement from the projected state,
   * (z - Hx)' S^-1 (z - Hx) with S = H P H' + R. Compare with
   * `CHI2INV95[measurementDim]` to gate.
   */
  squaredMahalanobis(s: GaussianState, measurements: ReadonlyArray<ArrayLike<number>>, measurementNoise: Matrix = this.R): number[] {
    const projected = this.project(s, measurementNoise);
    const chol = new CholeskyDecomposition(projected.covariance);
    if (!chol.isPositiveDefinite()) throw new ShapeError('KalmanFilter.squaredMahalanobis: projected covariance is not positive definite');
    return measurements.map((z, i) => {
      if (z.length !== this.measurementDim) {
        throw new ShapeError(`KalmanFilter.squaredMahalanobis: measurement ${i} must have ${this.measurementDim} entries, got ${z.length}`);
      }
      const d = Matrix.columnVector(Array.from(z)).sub(projected.mean);
      const x = chol.solve(d);
      return d.transpose().mmul(x).get(0, 0);
    });
  }
}
