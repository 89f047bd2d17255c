// Assignment
export type { AssignmentResult, SolverName, LinearSumAssignmentOptions } from './linear-sum-assignment.js';
export { linearSumAssignment } from './linear-sum-assignment.js';

// Gated matching (deep_sort's min_cost_matching)
export type { MatchingResult } from './min-cost-matching.js';
export { minCostMatching } from './min-cost-matching.js';

// Cost matrices
export { iouCostMatrix } from './iou-cost-matrix.js';
