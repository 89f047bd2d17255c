/**
 * State of one box filter: mean (n) and covariance (n x n, row-major). The
 * box models update it in place; `cloneBoxState` gives an independent copy.
 */
export interface BoxState {
  readonly mean: Float64Array;
  readonly covariance: Float64Array;
}

export function cloneBoxState(s: BoxState): BoxState {
  return { mean: s.mean.slice(), covariance: s.covariance.slice() };
}
