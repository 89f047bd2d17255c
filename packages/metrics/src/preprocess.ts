/**
 * MOTChallenge preprocessing as TrackEval's `MotChallenge2DBox` does it
 * (JonathonLuiten/TrackEval, trackeval/datasets/mot_challenge_2d_box.py,
 * `get_preprocessed_seq_data`), then grouping by frame and relabelling ids.
 *
 * - MOT15: gt rows whose column 7 ("consider" flag, cast to int) is 0 are dropped.
 * - MOT16/17/20: every tracker box is first matched (IoU >= 0.5, maximum total
 *   IoU) against all gt boxes of its frame whatever their class; tracker boxes
 *   matched to a distractor (person on vehicle, static person, distractor,
 *   reflection; MOT20 also non-MOT vehicle) are removed, so that a tracker is
 *   not punished for following them. Then only pedestrian gt rows (class 1)
 *   with a non-zero flag are kept.
 * - `none`: every row is kept (py-motmetrics' default, used by its tests).
 */
import { createMatrix, iouTlwh, InputError, ConfigError } from '@mot/core';
import { linearSumAssignment, type SolverName } from '@mot/hungarian';
import { FLOAT_EPS, type FrameData, type MotRowsLike, type SequenceData } from './sequence-data.js';

/** Which protocol {@link preprocessSequence} applies. */
export type Benchmark = 'MOT15' | 'MOT16' | 'MOT17' | 'MOT20' | 'none';

/** Every accepted {@link Benchmark}. */
export const BENCHMARKS: readonly Benchmark[] = ['MOT15', 'MOT16', 'MOT17', 'MOT20', 'none'];

/** MOT16/17 class ids (MOT16 paper, table 5); TrackEval's `class_name_to_class_id`. */
const PEDESTRIAN = 1;
const MAX_CLASS_ID = 13;
/** person_on_vehicle 2, static_person 7, distractor 8, reflection 12 (+ non_mot_vehicle 6 for MOT20). */
const DISTRACTORS = new Set([2, 7, 8, 12]);
const DISTRACTORS_MOT20 = new Set([2, 6, 7, 8, 12]);
/** IoU at which a tracker box counts as following a distractor (TrackEval: 0.5). */
const DISTRACTOR_IOU = 0.5;

/** Options of {@link preprocessSequence}. */
export interface PreprocessOptions {
  /** Sequence length in frames (`seqLength` of seqinfo.ini); rows must have 1 <= frame <= numFrames. */
  readonly numFrames: number;
  /** Protocol; default `MOT17`, as TrackEval's. */
  readonly benchmark?: Benchmark;
  /** Sequence name for the result and error messages; default `''`. */
  readonly name?: string;
  /** Assignment solver of @mot/hungarian; default `sap` (SciPy's algorithm and tie-breaking). */
  readonly solver?: SolverName;
}

/** Row indices of one file grouped by frame: rows of frame f are `order[start[f-1] .. start[f])`. */
interface Grouped {
  readonly start: Int32Array;
  readonly order: Int32Array;
}

/**
 * Checks frames and ids of one file and groups its rows by frame, keeping file
 * order within a frame (the order decides ties in the matchings, as in TrackEval).
 * @throws InputError naming file:line for a frame outside 1..numFrames, a
 *   non-integer id or an id given twice in one frame
 */
function groupByFrame(rows: MotRowsLike, numFrames: number, what: string): Grouped {
  const n = rows.length;
  const where = (r: number) => ({ source: rows.source, line: rows.line?.[r] });
  const count = new Int32Array(numFrames + 1);
  for (let r = 0; r < n; r++) {
    const f = rows.frame[r];
    if (!Number.isInteger(f) || f < 1 || f > numFrames) {
      throw new InputError(`preprocessSequence: ${what} frame must be an integer in 1..${numFrames} (seqLength), got ${f}`, where(r));
    }
    const id = rows.id[r];
    if (!Number.isInteger(id)) throw new InputError(`preprocessSequence: ${what} id must be an integer, got ${id}`, where(r));
    count[f]++;
  }
  const start = new Int32Array(numFrames + 1);
  for (let f = 1; f <= numFrames; f++) start[f] = start[f - 1] + count[f];
  const fill = start.slice(0, numFrames);
  const order = new Int32Array(n);
  for (let r = 0; r < n; r++) order[fill[rows.frame[r] - 1]++] = r;

  // An id twice in one frame makes every metric ill-defined; TrackEval refuses it too.
  const lastFrame = new Map<number, number>();
  for (let k = 0; k < n; k++) {
    const r = order[k];
    const id = rows.id[r];
    if (lastFrame.get(id) === rows.frame[r]) {
      throw new InputError(
        `preprocessSequence: ${what} id must appear at most once per frame, got id ${id} twice in frame ${rows.frame[r]}`,
        where(r),
      );
    }
    lastFrame.set(id, rows.frame[r]);
  }
  return { start, order };
}

/**
 * Applies a benchmark's preprocessing to one sequence and builds the
 * {@link SequenceData} the metrics read: boxes grouped by frame, IoU of every
 * gt/tracker pair per frame, ids relabelled to 0..n-1 in ascending order of
 * the original ids.
 * @param gt ground-truth rows (tlwh px; column 7 = consider flag, 8 = class)
 * @param results tracker rows (tlwh px)
 * @returns the preprocessed sequence
 * @throws ConfigError for a bad option; InputError (with file:line) for a frame
 *   outside 1..numFrames, a non-integer id, an id twice in one frame, and for
 *   MOT16/17/20 a gt class outside 1..13 or a tracker class above 1
 * @example
 * ```ts
 * const data = preprocessSequence(readMotFile('gt.txt', 'gt'), readMotFile('res.txt', 'result'), { numFrames: 71, benchmark: 'MOT15' });
 * ```
 */
export function preprocessSequence(gt: MotRowsLike, results: MotRowsLike, options: PreprocessOptions): SequenceData {
  const { numFrames, benchmark = 'MOT17', name = '', solver } = options;
  if (!Number.isInteger(numFrames) || numFrames < 0) {
    throw new ConfigError(`preprocessSequence: numFrames must be a non-negative integer, got ${numFrames}`);
  }
  if (!BENCHMARKS.includes(benchmark)) {
    throw new ConfigError(`preprocessSequence: benchmark must be one of ${BENCHMARKS.join(', ')}, got ${String(benchmark)}`);
  }
  const mot17Like = benchmark === 'MOT16' || benchmark === 'MOT17' || benchmark === 'MOT20';
  if (mot17Like) {
    for (let r = 0; r < gt.length; r++) {
      const c = gt.classId[r];
      if (!(c >= 1 && c <= MAX_CLASS_ID)) {
        throw new InputError(
          `preprocessSequence: gt class must be in 1..${MAX_CLASS_ID} for ${benchmark} (use benchmark MOT15 for gt without classes), got ${c}`,
          { source: gt.source, line: gt.line?.[r] },
        );
      }
    }
    for (let r = 0; r < results.length; r++) {
      if (results.classId[r] > PEDESTRIAN) {
        throw new InputError(
          `preprocessSequence: result class must be -1 or 1 (pedestrian only) for ${benchmark}, got ${results.classId[r]}`,
          { source: results.source, line: results.line?.[r] },
        );
      }
    }
  }
  const distractors = benchmark === 'MOT20' ? DISTRACTORS_MOT20 : DISTRACTORS;
  const g = groupByFrame(gt, numFrames, 'gt');
  const t = groupByFrame(results, numFrames, 'result');

  const raw: { gtRows: Int32Array; trRows: Int32Array; sim: Float64Array }[] = new Array(numFrames);
  const gtIdSet = new Set<number>();
  const trIdSet = new Set<number>();
  let numGtDets = 0;
  let numTrackerDets = 0;
  for (let f = 0; f < numFrames; f++) {
    const gAll = g.order.subarray(g.start[f], g.start[f + 1]);
    let tRows = t.order.subarray(t.start[f], t.start[f + 1]);
    const nG = gAll.length;
    let nT = tRows.length;
    let sim = new Float64Array(nG * nT);
    for (let i = 0; i < nG; i++) {
      const a = gAll[i];
      for (let j = 0; j < nT; j++) {
        const b = tRows[j];
        sim[i * nT + j] = iouTlwh(gt.x[a], gt.y[a], gt.w[a], gt.h[a], results.x[b], results.y[b], results.w[b], results.h[b]);
      }
    }

    if (mot17Like && nG > 0 && nT > 0) {
      // Maximum total IoU over pairs with IoU >= 0.5: scipy on the negated,
      // thresholded matrix, as TrackEval does (zeros are neutral, not forbidden).
      const cost = createMatrix(nG, nT);
      for (let k = 0; k < sim.length; k++) cost.data[k] = sim[k] < DISTRACTOR_IOU - FLOAT_EPS ? 0 : -sim[k];
      const m = linearSumAssignment(cost, { solver });
      const remove = new Uint8Array(nT);
      let removed = 0;
      for (let k = 0; k < m.rows.length; k++) {
        const i = m.rows[k];
        const j = m.cols[k];
        if (-cost.data[i * nT + j] > FLOAT_EPS && distractors.has(gt.classId[gAll[i]])) {
          remove[j] = 1;
          removed++;
        }
      }
      if (removed > 0) {
        const keptT = new Int32Array(nT - removed);
        const keptSim = new Float64Array(nG * keptT.length);
        let jj = 0;
        for (let j = 0; j < nT; j++) {
          if (remove[j]) continue;
          keptT[jj] = tRows[j];
          for (let i = 0; i < nG; i++) keptSim[i * keptT.length + jj] = sim[i * nT + j];
          jj++;
        }
        tRows = keptT;
        sim = keptSim;
        nT = keptT.length;
      }
    }

    // Which gt rows are scored: `int(flag) != 0`, and pedestrians only for MOT16/17/20.
    let keep = 0;
    const keepMask = new Uint8Array(nG);
    for (let i = 0; i < nG; i++) {
      const r = gAll[i];
      const ok = benchmark === 'none' || (Math.trunc(gt.score[r]) !== 0 && (!mot17Like || gt.classId[r] === PEDESTRIAN));
      if (ok) {
        keepMask[i] = 1;
        keep++;
      }
    }
    let gRows: Int32Array = gAll;
    if (keep < nG) {
      gRows = new Int32Array(keep);
      const keptSim = new Float64Array(keep * nT);
      let ii = 0;
      for (let i = 0; i < nG; i++) {
        if (!keepMask[i]) continue;
        gRows[ii] = gAll[i];
        keptSim.set(sim.subarray(i * nT, (i + 1) * nT), ii * nT);
        ii++;
      }
      sim = keptSim;
    }
    for (let i = 0; i < gRows.length; i++) gtIdSet.add(gt.id[gRows[i]]);
    for (let j = 0; j < nT; j++) trIdSet.add(results.id[tRows[j]]);
    numGtDets += gRows.length;
    numTrackerDets += nT;
    raw[f] = { gtRows: gRows, trRows: tRows, sim };
  }

  const gtIdLabels = Int32Array.from(gtIdSet).sort();
  const trackerIdLabels = Int32Array.from(trIdSet).sort();
  const gtIndex = new Map<number, number>();
  gtIdLabels.forEach((id, k) => gtIndex.set(id, k));
  const trIndex = new Map<number, number>();
  trackerIdLabels.forEach((id, k) => trIndex.set(id, k));

  const frames: FrameData[] = new Array(numFrames);
  for (let f = 0; f < numFrames; f++) {
    const { gtRows, trRows, sim } = raw[f];
    const gtIds = new Int32Array(gtRows.length);
    const gtBoxes = new Float64Array(gtRows.length * 4);
    for (let i = 0; i < gtRows.length; i++) {
      const r = gtRows[i];
      gtIds[i] = gtIndex.get(gt.id[r])!;
      gtBoxes[i * 4] = gt.x[r];
      gtBoxes[i * 4 + 1] = gt.y[r];
      gtBoxes[i * 4 + 2] = gt.w[r];
      gtBoxes[i * 4 + 3] = gt.h[r];
    }
    const trackerIds = new Int32Array(trRows.length);
    const trackerBoxes = new Float64Array(trRows.length * 4);
    for (let j = 0; j < trRows.length; j++) {
      const r = trRows[j];
      trackerIds[j] = trIndex.get(results.id[r])!;
      trackerBoxes[j * 4] = results.x[r];
      trackerBoxes[j * 4 + 1] = results.y[r];
      trackerBoxes[j * 4 + 2] = results.w[r];
      trackerBoxes[j * 4 + 3] = results.h[r];
    }
    frames[f] = { gtIds, trackerIds, gtBoxes, trackerBoxes, similarity: sim };
  }

  return {
    name,
    numFrames,
    numGtIds: gtIdLabels.length,
    numTrackerIds: trackerIdLabels.length,
    numGtDets,
    numTrackerDets,
    gtIdLabels,
    trackerIdLabels,
    frames,
  };
}
