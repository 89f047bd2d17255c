/**
 * Evaluation of MOTChallenge files end to end: find the sequences, read gt,
 * results and seqinfo.ini, preprocess, compute every metric, combine. What
 * `mot eval` runs.
 */
import { ConfigError } from '@mot/core';
import { readMotFile, readSeqInfo, type MotRows } from '@mot/motchallenge';
import type { SolverName } from '@mot/hungarian';
import type { ClearRules } from './clear.js';
import { combineSequences, evaluateSequence, type SequenceMetrics } from './evaluate.js';
import { findSequences } from './find-sequences.js';
import { BENCHMARKS, preprocessSequence, type Benchmark } from './preprocess.js';

/** Options of {@link evaluateMotChallenge}. */
export interface MotChallengeOptions {
  /** gt.txt of one sequence, or a directory of `<SEQ>/gt/gt.txt` (or `<SEQ>/gt.txt`). */
  readonly gt: string;
  /** The results file, or a directory of `<SEQ>.txt`. */
  readonly results: string;
  /**
   * Preprocessing protocol. `auto` (default): MOT17 when any gt row has a
   * class (column 8 not -1), otherwise MOT15.
   */
  readonly benchmark?: Benchmark | 'auto';
  /** IoU threshold of CLEAR and Identity; default 0.5. */
  readonly threshold?: number;
  /** CLEAR rules; default `trackeval`. */
  readonly clearRules?: ClearRules;
  /** Assignment solver of @mot/hungarian; default `sap` (SciPy's algorithm and tie-breaking). */
  readonly solver?: SolverName;
  /**
   * Called once a sequence is read and checked (`read`) and once it is scored
   * (`scored`), in order; `done` counts the sequences of that phase so far
   * (for progress lines: a folder of long sequences takes seconds to minutes).
   */
  readonly onProgress?: (progress: EvaluationProgress) => void;
}

/** What {@link MotChallengeOptions.onProgress} is told. */
export interface EvaluationProgress {
  readonly phase: 'read' | 'scored';
  /** The sequence just read or scored. */
  readonly name: string;
  /** Sequences of this phase finished, this one included (1-based). */
  readonly done: number;
  readonly total: number;
}

/** Result of {@link evaluateMotChallenge}. */
export interface MotChallengeEvaluation {
  /** The protocol applied (resolved when `auto` was asked). */
  readonly benchmark: Benchmark;
  /** Per-sequence metrics, sorted by name. */
  readonly sequences: readonly SequenceMetrics[];
  /** All sequences combined. */
  readonly combined: SequenceMetrics;
  /** Things the user should know that did not stop the evaluation (one line each). */
  readonly warnings: readonly string[];
}

/**
 * Reads, preprocesses and scores every sequence; see {@link findSequences}
 * for the layouts. Every file is read and checked before any metric runs.
 *
 * Sequence length: `seqLength` of seqinfo.ini; without one, the last frame
 * present in gt or results (with a warning). An empty results file scores as
 * a tracker that output nothing (TrackEval's behaviour), with a warning.
 * @throws InputError for missing or malformed files (with file:line), frames
 *   beyond seqLength, ids repeated in a frame; ConfigError for bad options
 * @example
 * ```ts
 * const ev = evaluateMotChallenge({ gt: 'fixtures/motmetrics/TUD-Campus/gt.txt', results: 'fixtures/motmetrics/TUD-Campus/test.txt', benchmark: 'none' });
 * ev.combined.summary.MOTA; // 0.52646...
 * ```
 */
export function evaluateMotChallenge(options: MotChallengeOptions): MotChallengeEvaluation {
  const requested = options.benchmark ?? 'auto';
  if (requested !== 'auto' && !BENCHMARKS.includes(requested)) {
    throw new ConfigError(`evaluateMotChallenge: benchmark must be auto or one of ${BENCHMARKS.join(', ')}, got ${String(requested)}`);
  }
  const warnings: string[] = [];
  const paths = findSequences(options.gt, options.results);
  const total = paths.length;
  const loaded = paths.map((p, k) => {
    const gt = readMotFile(p.gtFile, 'gt');
    const results = readMotFile(p.resultsFile, 'result', { allowEmpty: true });
    if (results.length === 0) warnings.push(`${p.resultsFile}: no rows; scored as a tracker that output nothing`);
    let numFrames: number;
    let name = p.name;
    if (p.seqInfoFile !== undefined) {
      const info = readSeqInfo(p.seqInfoFile);
      numFrames = info.seqLength;
      if (p.gtFile === options.gt) name = info.name;
    } else {
      numFrames = Math.max(lastFrame(gt), lastFrame(results));
      warnings.push(`${p.gtFile}: no seqinfo.ini beside it; sequence length taken as the last frame present (${numFrames})`);
    }
    options.onProgress?.({ phase: 'read', name, done: k + 1, total });
    return { name, gt, results, numFrames };
  });

  const benchmark: Benchmark =
    requested !== 'auto' ? requested : loaded.some(({ gt }) => hasClasses(gt)) ? 'MOT17' : 'MOT15';
  const sequences = loaded.map(({ name, gt, results, numFrames }, k) => {
    const metrics = evaluateSequence(preprocessSequence(gt, results, { numFrames, benchmark, name, solver: options.solver }), {
      threshold: options.threshold,
      clearRules: options.clearRules,
      solver: options.solver,
    });
    options.onProgress?.({ phase: 'scored', name, done: k + 1, total });
    return metrics;
  });
  return { benchmark, sequences, combined: combineSequences(sequences), warnings };
}

function lastFrame(rows: MotRows): number {
  let m = 0;
  for (let r = 0; r < rows.length; r++) if (rows.frame[r] > m) m = rows.frame[r];
  return m;
}

function hasClasses(rows: MotRows): boolean {
  for (let r = 0; r < rows.length; r++) if (rows.classId[r] !== -1) return true;
  return false;
}
