/**
 * One OC-SORT track (noahcao/OC_SORT @8462e7e7 `ocsort.py` `KalmanBoxTracker`
 * with its `kalmanfilter.py` `KalmanFilterNew`): SORT's xysr Kalman filter,
 * the observations the association needs, and observation-centric re-update
 * (ORU).
 *
 * ORU: when a track misses its first frame the filter state is frozen. When
 * it is matched again after a gap of k frames, the frozen state is restored
 * and the filter re-run over a virtual trajectory, k boxes interpolated
 * linearly (in centre, width and height) from the last observation to the new
 * one, predicting between them; then the new observation is applied as usual
 * (so, as in the reference, it is applied twice). The reference keeps every
 * past observation; only the few it ever reads back are kept here, so memory
 * per track stays constant.
 */
import { type BoxState, SortBoxModel, cloneBoxState } from '@mot/kalman';

/** An observation as the reference stores it: x1, y1, x2, y2, score. */
export type OcSortObservation = Float64Array;

/** The reference's placeholder for "no observation": five -1s. */
export const NO_OBSERVATION: Readonly<OcSortObservation> = Float64Array.of(-1, -1, -1, -1, -1);

/** The reference's `convert_bbox_to_z`: centre, area, aspect w / (h + 1e-6). */
function toXysr(obs: ArrayLike<number>): Float64Array {
  const w = obs[2] - obs[0];
  const h = obs[3] - obs[1];
  return Float64Array.of(obs[0] + w / 2, obs[1] + h / 2, w * h, w / (h + 1e-6));
}

/** The reference's `speed_direction`: unit vector (dy, dx) from the centre of `a` to that of `b`. */
function speedDirection(a: ArrayLike<number>, b: ArrayLike<number>): [number, number] {
  const cx1 = (a[0] + a[2]) / 2;
  const cy1 = (a[1] + a[3]) / 2;
  const cx2 = (b[0] + b[2]) / 2;
  const cy2 = (b[1] + b[3]) / 2;
  const norm = Math.sqrt((cy2 - cy1) ** 2 + (cx2 - cx1) ** 2) + 1e-6;
  return [(cy2 - cy1) / norm, (cx2 - cx1) / norm];
}

export class OcSortTrack {
  readonly kalman: BoxState;
  timeSinceUpdate = 0;
  hits = 0;
  hitStreak = 0;
  age = 0;
  score: number;
  classId: number;
  lastObservation: OcSortObservation = NO_OBSERVATION.slice();
  /** Direction of motion (dy, dx) between observations `deltaT` frames apart; undefined until known. */
  velocity: [number, number] | undefined;
  /** Observations of the last `deltaT` ages, oldest first (the reference's `observations` dict, pruned). */
  private readonly recent: Array<{ age: number; obs: OcSortObservation }> = [];
  private observationCount = 0;

  // Filter bookkeeping of KalmanFilterNew, for ORU.
  /** Entries of the reference's `history_obs` (one per filter update call). */
  private filterSteps = 0;
  private observed = false;
  /** Last measurement the filter history holds (real or the end of a virtual trajectory), and its step. */
  private lastZ: Float64Array | undefined;
  private lastZStep = -1;
  private frozen: { state: BoxState; lastZ: Float64Array; lastZStep: number } | undefined;

  constructor(
    readonly id: number,
    obs: OcSortObservation,
    classId: number,
    private readonly deltaT: number,
  ) {
    this.kalman = SortBoxModel.initiateXysr(toXysr(obs));
    this.score = obs[4];
    this.classId = classId;
  }

  /** Predicted box x1y1x2y2 (NaN when the state went invalid), as the reference's `predict()`. */
  predict(): Float64Array {
    SortBoxModel.predict(this.kalman);
    this.age += 1;
    if (this.timeSinceUpdate > 0) this.hitStreak = 0;
    this.timeSinceUpdate += 1;
    return this.stateBox();
  }

  /** The filter's box x1y1x2y2 (the reference's `convert_x_to_bbox`). */
  stateBox(): Float64Array {
    const x = this.kalman.mean;
    const w = Math.sqrt(x[2] * x[3]);
    const h = x[2] / w;
    return Float64Array.of(x[0] - w / 2, x[1] - h / 2, x[0] + w / 2, x[1] + h / 2);
  }

  /** Whether the track has an observation by the reference's test (`last_observation.sum() >= 0`). */
  hasObservation(): boolean {
    const o = this.lastObservation;
    return o[0] + o[1] + o[2] + o[3] + o[4] >= 0;
  }

  /**
   * The observation `deltaT` frames back, or the nearest later one within
   * that window, else the last one (the reference's `k_previous_obs`).
   */
  previousObservation(): Readonly<OcSortObservation> {
    if (this.observationCount === 0) return NO_OBSERVATION;
    for (let dt = this.deltaT; dt >= 1; dt--) {
      const found = this.recent.find((r) => r.age === this.age - dt);
      if (found) return found.obs;
    }
    return this.lastObservation;
  }

  /** A matched observation in this frame. */
  update(obs: OcSortObservation, classId: number): void {
    if (this.hasObservation()) {
      let previous: ArrayLike<number> | undefined;
      for (let dt = this.deltaT; dt >= 1 && !previous; dt--) previous = this.recent.find((r) => r.age === this.age - dt)?.obs;
      this.velocity = speedDirection(previous ?? this.lastObservation, obs);
    }
    this.lastObservation = obs;
    this.recent.push({ age: this.age, obs });
    // Later frames look back at most deltaT ages from age + 1 on.
    while (this.recent.length > 0 && this.recent[0].age < this.age + 1 - this.deltaT) this.recent.shift();
    this.observationCount += 1;
    this.timeSinceUpdate = 0;
    this.hits += 1;
    this.hitStreak += 1;
    this.score = obs[4];
    this.classId = classId;
    this.filterUpdate(toXysr(obs));
  }

  /** No observation in this frame. */
  miss(): void {
    this.filterUpdate(undefined);
  }

  /** KalmanFilterNew.update: freeze on the first miss, re-update over the gap on the next observation. */
  private filterUpdate(z: Float64Array | undefined): void {
    const step = this.filterSteps++;
    if (!z) {
      if (this.observed) {
        this.frozen = { state: cloneBoxState(this.kalman), lastZ: this.lastZ as Float64Array, lastZStep: this.lastZStep };
      }
      this.observed = false;
      return;
    }
    if (!this.observed && this.frozen) this.reupdate(z, step);
    else {
      this.lastZ = z;
      this.lastZStep = step;
    }
    this.observed = true;
    SortBoxModel.updateXysr(this.kalman, z);
  }

  /** ORU (the reference's `unfreeze`): restore the frozen state, run it along the virtual trajectory. */
  private reupdate(z: Float64Array, step: number): void {
    const frozen = this.frozen as NonNullable<typeof this.frozen>;
    this.kalman.mean.set(frozen.state.mean);
    this.kalman.covariance.set(frozen.state.covariance);
    const [x1, y1, s1, r1] = frozen.lastZ;
    const [x2, y2, s2, r2] = z;
    const w1 = Math.sqrt(s1 * r1);
    const h1 = Math.sqrt(s1 / r1);
    const w2 = Math.sqrt(s2 * r2);
    const h2 = Math.sqrt(s2 / r2);
    const gap = step - frozen.lastZStep;
    const dx = (x2 - x1) / gap;
    const dy = (y2 - y1) / gap;
    const dw = (w2 - w1) / gap;
    const dh = (h2 - h1) / gap;
    let virtual = z;
    for (let i = 0; i < gap; i++) {
      const w = w1 + (i + 1) * dw;
      const h = h1 + (i + 1) * dh;
      virtual = Float64Array.of(x1 + (i + 1) * dx, y1 + (i + 1) * dy, w * h, w / h);
      SortBoxModel.updateXysr(this.kalman, virtual);
      if (i !== gap - 1) SortBoxModel.predictUnguarded(this.kalman);
    }
    // The filter history now ends with the last virtual box, not z.
    this.lastZ = virtual;
    this.lastZStep = step;
    this.frozen = undefined;
  }
}
