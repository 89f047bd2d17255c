// Generic filter
export type { GaussianState, KalmanFilterOptions } from './kalman-filter.js';
export { KalmanFilter } from './kalman-filter.js';
export { CHI2INV95 } from './chi-square.js';

// Box motion models
export type { BoxState } from './box-state.js';
export { cloneBoxState } from './box-state.js';
export { SortBoxModel, sortModelMatrices, SORT_MEASUREMENT_NOISE, SORT_PROCESS_NOISE, SORT_INITIAL_VARIANCE } from './sort-box-model.js';
export { DeepSortBoxModel, deepSortModelMatrices, STD_WEIGHT_POSITION, STD_WEIGHT_VELOCITY } from './deepsort-box-model.js';
