/**
 * The data every metric reads: one sequence after MOTChallenge preprocessing,
 * grouped by frame, ids relabelled to 0..n-1, IoU computed once. Built by
 * {@link preprocessSequence}; CLEAR, Identity and HOTA all share one instance.
 */

/**
 * Rows of a MOTChallenge text file, columnar. `MotRows` from
 * `@mot/motchallenge` satisfies it; {@link motRowsFromArrays} builds one from
 * nested arrays.
 */
export interface MotRowsLike {
  /** File path or label, for error messages. */
  readonly source?: string;
  readonly length: number;
  /** 1-based frame number (column 1). */
  readonly frame: ArrayLike<number>;
  /** Object or track id (column 2). */
  readonly id: ArrayLike<number>;
  /** tlwh box, px (columns 3-6). */
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  readonly w: ArrayLike<number>;
  readonly h: ArrayLike<number>;
  /** Column 7: the gt "consider" flag (0 = ignore) or the result's score. */
  readonly score: ArrayLike<number>;
  /** Column 8: class (MOT17: 1 = pedestrian); -1 when absent. */
  readonly classId: ArrayLike<number>;
  /** 1-based line in `source`, for error messages. */
  readonly line?: ArrayLike<number>;
}

/** One frame of a {@link SequenceData}. */
export interface FrameData {
  /** Ground-truth ids of this frame, relabelled to 0..numGtIds-1; length G. */
  readonly gtIds: Int32Array;
  /** Tracker ids of this frame, relabelled to 0..numTrackerIds-1; length T. */
  readonly trackerIds: Int32Array;
  /** Ground-truth boxes, tlwh px, `[G,4]` row-major. */
  readonly gtBoxes: Float64Array;
  /** Tracker boxes, tlwh px, `[T,4]` row-major. */
  readonly trackerBoxes: Float64Array;
  /** IoU of every gt box (rows) with every tracker box (columns), `[G,T]` row-major. */
  readonly similarity: Float64Array;
}

/** One preprocessed sequence, frame t (0-based) = frame t+1 of the files. */
export interface SequenceData {
  readonly name: string;
  /** Number of frames (the sequence length); `frames.length`. */
  readonly numFrames: number;
  readonly numGtIds: number;
  readonly numTrackerIds: number;
  /** Ground-truth boxes over all frames after preprocessing. */
  readonly numGtDets: number;
  /** Tracker boxes over all frames after preprocessing. */
  readonly numTrackerDets: number;
  /** Original id of each relabelled gt id. */
  readonly gtIdLabels: Int32Array;
  /** Original id of each relabelled tracker id. */
  readonly trackerIdLabels: Int32Array;
  readonly frames: readonly FrameData[];
}

/**
 * `np.finfo(float).eps`: TrackEval compares similarities against thresholds
 * with this slack (`>= t - eps`, `> 0 + eps`); using the same constant keeps
 * borderline IoUs on the same side as the reference.
 */
export const FLOAT_EPS = Number.EPSILON;
