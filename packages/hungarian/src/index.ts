// Assignment
export type { AssignmentResult, SolverName, LinearSumAssignmentOptions } from './linear-sum-assignment.js';
export { linearSumAssignment } from './linear-sum-assignment.js';

// Gated matching (deep_sort's min_cost_matching)
export type { MatchingResult } from './min-cost-matching.js';
export { minCostMatching } from './min-cost-matching.js';

// lap's lapjv(extend_cost=True, cost_limit) (ByteTrack, OC-SORT)
export type { LapjvResult } from './lapjv-extended.js';
export { lapjvExtended } from './lapjv-extended.js';

// Cost matrices
export { iouCostMatrix } from './iou-cost-matrix.js';
