/**
 * Runs every metric on one sequence and combines sequences, the way
 * TrackEval's evaluator does for its summary table.
 */
import { combineClear, computeClear, type ClearResult, type ClearRules } from './clear.js';
import { combineHota, computeHota, type HotaResult } from './hota.js';
import { combineIdentity, computeIdentity, type IdentityResult } from './identity.js';
import type { SequenceData } from './sequence-data.js';
import type { SolverName } from '@mot/hungarian';

/**
 * The headline figures of a sequence or a combination, named as in
 * TrackEval's summary. Ratios are fractions (0.4744, not 47.44); counts are
 * integers. HOTA, DetA, AssA and LocA are means over the 19 alphas.
 */
export interface MetricsSummary {
  HOTA: number;
  DetA: number;
  AssA: number;
  LocA: number;
  MOTA: number;
  /** Mean IoU of the CLEAR matches (TrackEval's MOTP). */
  MOTP: number;
  IDF1: number;
  IDP: number;
  IDR: number;
  Recall: number;
  Precision: number;
  IDSW: number;
  FP: number;
  FN: number;
  Frag: number;
  MT: number;
  PT: number;
  ML: number;
  /** Number of gt trajectories. */
  GT: number;
}

/** Keys of {@link MetricsSummary} in table order. */
export const SUMMARY_KEYS: readonly (keyof MetricsSummary)[] = [
  'HOTA', 'DetA', 'AssA', 'LocA', 'MOTA', 'MOTP', 'IDF1', 'IDP', 'IDR', 'Recall', 'Precision',
  'IDSW', 'FP', 'FN', 'Frag', 'MT', 'PT', 'ML', 'GT',
];

/** Every metric of one sequence (or of a combination). */
export interface SequenceMetrics {
  /** Sequence name; `COMBINED` for a combination. */
  readonly name: string;
  readonly hota: HotaResult;
  readonly clear: ClearResult;
  readonly identity: IdentityResult;
  readonly summary: MetricsSummary;
}

/** Options of {@link evaluateSequence}. */
export interface EvaluateOptions {
  /** IoU threshold of CLEAR and Identity; default 0.5. HOTA uses its 19 alphas. */
  readonly threshold?: number;
  /** CLEAR rules; default `trackeval`. */
  readonly clearRules?: ClearRules;
  /** Assignment solver of @mot/hungarian; default `sap` (SciPy's algorithm and tie-breaking). */
  readonly solver?: SolverName;
}

/**
 * HOTA, CLEAR and Identity of one preprocessed sequence.
 * @param data from {@link preprocessSequence}
 * @throws ConfigError for a threshold outside (0, 1] or unknown rules
 * @example
 * ```ts
 * const m = evaluateSequence(preprocessSequence(gt, results, { numFrames: 71, benchmark: 'MOT15' }));
 * console.log(m.summary.HOTA, m.summary.MOTA, m.summary.IDF1);
 * ```
 */
export function evaluateSequence(data: SequenceData, options: EvaluateOptions = {}): SequenceMetrics {
  const { threshold, clearRules, solver } = options;
  const hota = computeHota(data, { solver });
  const clear = computeClear(data, { threshold, rules: clearRules, solver });
  const identity = computeIdentity(data, { threshold, solver });
  return { name: data.name, hota, clear, identity, summary: summarize(hota, clear, identity) };
}

/**
 * Combines sequences as TrackEval's `combine_sequences`: counts summed,
 * ratios recomputed from the sums, HOTA per alpha weighted by TP.
 * @param sequences per-sequence metrics
 * @returns a {@link SequenceMetrics} named `COMBINED`
 */
export function combineSequences(sequences: readonly SequenceMetrics[]): SequenceMetrics {
  const hota = combineHota(sequences.map((s) => s.hota));
  const clear = combineClear(sequences.map((s) => s.clear));
  const identity = combineIdentity(sequences.map((s) => s.identity));
  return { name: 'COMBINED', hota, clear, identity, summary: summarize(hota, clear, identity) };
}

function summarize(hota: HotaResult, clear: ClearResult, identity: IdentityResult): MetricsSummary {
  return {
    HOTA: hota.hota,
    DetA: hota.detA,
    AssA: hota.assA,
    LocA: hota.locA,
    MOTA: clear.mota,
    MOTP: clear.motp,
    IDF1: identity.idf1,
    IDP: identity.idp,
    IDR: identity.idr,
    Recall: clear.recall,
    Precision: clear.precision,
    IDSW: clear.idsw,
    FP: clear.fp,
    FN: clear.fn,
    Frag: clear.frag,
    MT: clear.mt,
    PT: clear.pt,
    ML: clear.ml,
    GT: clear.numGtIds,
  };
}
