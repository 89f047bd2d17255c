// Sequence data shared by the metrics
export type { MotRowsLike, FrameData, SequenceData } from './sequence-data.js';
export { motRowsFromArrays } from './rows-from-arrays.js';

// MOTChallenge preprocessing
export type { Benchmark, PreprocessOptions } from './preprocess.js';
export { BENCHMARKS, preprocessSequence } from './preprocess.js';

// Metrics
export type { ClearRules, ClearOptions, ClearCounts, ClearResult } from './clear.js';
export { computeClear, combineClear } from './clear.js';
export type { IdentityOptions, IdentityCounts, IdentityResult } from './identity.js';
export { computeIdentity, combineIdentity } from './identity.js';
export type { HotaOptions, HotaCurves, HotaResult } from './hota.js';
export { HOTA_ALPHAS, computeHota, combineHota } from './hota.js';

// Evaluation of sequences and files
export type { MetricsSummary, SequenceMetrics, EvaluateOptions } from './evaluate.js';
export { SUMMARY_KEYS, evaluateSequence, combineSequences } from './evaluate.js';
export type { SequencePaths } from './find-sequences.js';
export { findSequences } from './find-sequences.js';
export type { EvaluationProgress, MotChallengeOptions, MotChallengeEvaluation } from './evaluate-mot-challenge.js';
export { evaluateMotChallenge } from './evaluate-mot-challenge.js';
export { formatSummaryTable } from './format-summary-table.js';
