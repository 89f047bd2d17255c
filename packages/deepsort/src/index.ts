// Tracker interface and registry
export type { Tracker, TrackerDefinition, TrackerParam, TrackerOptionValues } from './tracker.js';
export { TrackIdCounter } from './track-id-counter.js';
export type { AnyTrackerDefinition } from './registry.js';
export { TRACKERS, getTracker } from './registry.js';

// Multi-class tracking
export { PerClassTracker, perClass } from './per-class-tracker.js';

// SORT
export type { SortOptions } from './sort-tracker.js';
export { SortTracker, SORT_TRACKER, SORT_PARAMS } from './sort-tracker.js';

// DeepSORT
export type { DeepSortOptions } from './deepsort-tracker.js';
export { DeepSortTracker, DEEPSORT_TRACKER, DEEPSORT_PARAMS } from './deepsort-tracker.js';
export { DeepSortTrack } from './deepsort-track.js';
export { NearestNeighborCosineMetric } from './nn-matching.js';
export type { CostFunction, SubsetMatching } from './linear-assignment.js';
export { matchingCascade, minCostMatchingSubset, INFTY_COST } from './linear-assignment.js';
export { deepSortDetectionOrder } from './deepsort-preprocess.js';

// ByteTrack
export type { ByteTrackOptions } from './bytetrack-tracker.js';
export { ByteTrackTracker, BYTETRACK_TRACKER, BYTETRACK_PARAMS } from './bytetrack-tracker.js';

// OC-SORT
export type { OcSortOptions } from './ocsort-tracker.js';
export { OcSortTracker, OCSORT_TRACKER, OCSORT_PARAMS } from './ocsort-tracker.js';
