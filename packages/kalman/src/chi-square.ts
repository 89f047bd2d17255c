/**
 * 0.95 quantile of the chi-square distribution with 1..9 degrees of freedom:
 * the gate for a squared Mahalanobis distance in that many dimensions.
 * Values: scipy.stats.chi2.ppf(0.95, df), to 4 decimals, the table nwojke/deep_sort
 * uses (kalman_filter.py, `chi2inv95`), taken from MATLAB/Octave chi2inv.
 */
export const CHI2INV95: Readonly<Record<number, number>> = Object.freeze({
  1: 3.8415,
  2: 5.9915,
  3: 7.8147,
  4: 9.4877,
  5: 11.07,
  6: 12.592,
  7: 14.067,
  8: 15.507,
  9: 16.919,
});
