/**
 * Tracker throughput on the MOT15 fixtures: SORT, ByteTrack and OC-SORT over
 * all 11 train sequences (5500 frames), DeepSORT over the 5 that have deep_sort
 * detection files (features exist only there). Timed: tracker.update() only,
 * every frame 1..seqLength; files are read and detections built before.
 *
 * Peers: in this process the closed-form box filter is run against the
 * generic ml-matrix KalmanFilter on the same predict/update steps, the choice
 * that makes the trackers fast. The reference Python trackers' speeds are
 * printed as quoted figures from fixtures/README.md only; they were not run
 * here, so no ratio is formed with them.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Detection, Tlwh } from '@mot/core';
import { ByteTrackTracker, DeepSortTracker, OcSortTracker, SortTracker, type Tracker } from '@mot/deepsort';
import { KalmanFilter, SORT_INITIAL_VARIANCE, SORT_MEASUREMENT_NOISE, SORT_PROCESS_NOISE, SortBoxModel, sortModelMatrices } from '@mot/kalman';
import { readDeepSortDetections, readMotFile, readSeqInfo, rowsByFrame, type MotRows } from '@mot/motchallenge';
import { median } from './bench-utils.js';

const MOT15 = fileURLToPath(new URL('../fixtures/mot15/', import.meta.url));
/**
 * Reference Python update() speeds, quoted (not run here) from fixtures/README.md
 * ("Reference update() speed here": single-threaded BLAS, 5500 MOT15 frames, the
 * project's 2-core VM, measured when the references were made).
 */
const QUOTED_PYTHON_FPS = { SORT: 'about 2600', DeepSORT: 'about 1060', ByteTrack: '2718', 'OC-SORT': '1726' } as const;

function frames(rows: MotRows, seqLength: number, features?: Float32Array, dim = 0): Detection[][] {
  const byFrame = rowsByFrame(rows);
  const last = Math.max(seqLength, ...byFrame.keys());
  const out: Detection[][] = [];
  for (let f = 1; f <= last; f++) {
    out.push(
      (byFrame.get(f) ?? []).map((i) => ({
        box: [rows.x[i], rows.y[i], rows.w[i], rows.h[i]] as Tlwh,
        score: rows.score[i],
        classId: rows.classId[i],
        feature: features?.subarray(i * dim, (i + 1) * dim),
      })),
    );
  }
  return out;
}

function timeTracker(make: () => Tracker, sequences: Detection[][][], repeats: number): { ms: number; frames: number } {
  const nFrames = sequences.reduce((n, s) => n + s.length, 0);
  const times: number[] = [];
  for (let r = 0; r < repeats + 1; r++) {
    const t0 = process.hrtime.bigint();
    for (const seq of sequences) {
      const tracker = make();
      for (const dets of seq) tracker.update(dets);
    }
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r > 0) times.push(ms); // the first run warms the JIT
  }
  return { ms: median(times), frames: nFrames };
}

const names = readdirSync(MOT15).sort();
const seqInfos = names.map((n) => readSeqInfo(join(MOT15, n, 'seqinfo.ini')));
const detInput = names.map((n, i) => frames(readMotFile(join(MOT15, n, 'det.txt'), 'det'), seqInfos[i].seqLength));
const deepIndex = names.flatMap((n, i) => (readdirSync(join(MOT15, n)).includes('deepsort_detections.npy') ? [i] : []));
const deepInput = deepIndex.map((i) => {
  const d = readDeepSortDetections(join(MOT15, names[i], 'deepsort_detections.npy'));
  return frames(d.rows, seqInfos[i].seqLength, d.features, d.featureDim);
});

// ByteTrack's lost-track buffer scales with each sequence's frame rate, as in the parity tests.
let byteSeq = 0;
const runs: Array<[keyof typeof QUOTED_PYTHON_FPS, () => Tracker, Detection[][][], number, string]> = [
  ['SORT', () => new SortTracker(), detInput, 7, `${names.length} sequences`],
  ['DeepSORT', () => new DeepSortTracker(), deepInput, 5, `${deepIndex.length} sequences with features (128-d, nn_budget 100)`],
  ['ByteTrack', () => new ByteTrackTracker({ frameRate: seqInfos[byteSeq++ % names.length].frameRate }), detInput, 7, `${names.length} sequences`],
  ['OC-SORT', () => new OcSortTracker(), detInput, 7, `${names.length} sequences`],
];
for (const [name, make, input, repeats, what] of runs) {
  const r = timeTracker(make, input, repeats);
  const fps = (r.frames / r.ms) * 1000;
  console.log(
    `${name.padEnd(9)} ${what}, ${r.frames} frames: ${r.ms.toFixed(1)} ms, ${Math.round(fps)} frames/s` +
      `   [reference Python ${QUOTED_PYTHON_FPS[name]} frames/s: quoted from fixtures/README.md, not run here]`,
  );
}

// Peer in this process: the same filter steps with the generic ml-matrix filter.
const { F, H } = sortModelMatrices();
const diag = (v: readonly number[]) => v.map((x, i) => v.map((_, j) => (i === j ? x : 0)));
const generic = new KalmanFilter({
  transition: F,
  observation: H,
  processNoise: diag(SORT_PROCESS_NOISE),
  measurementNoise: diag(SORT_MEASUREMENT_NOISE),
});
const STEPS = 20000;
const boxes: Tlwh[] = Array.from({ length: STEPS }, (_, i) => [100 + (i % 50), 50 + (i % 30), 40 + (i % 7), 90 + (i % 11)]);
function timeSteps(run: () => void): number {
  const times: number[] = [];
  for (let r = 0; r < 6; r++) {
    const t0 = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(times.slice(1));
}
const fastMs = timeSteps(() => {
  const s = SortBoxModel.initiate(boxes[0]);
  for (const b of boxes) {
    SortBoxModel.predict(s);
    SortBoxModel.update(s, b);
  }
});
const slowMs = timeSteps(() => {
  let s = generic.state(SortBoxModel.initiate(boxes[0]).mean, diag(SORT_INITIAL_VARIANCE));
  for (const b of boxes) {
    s = generic.predict(s);
    s = generic.update(s, [b[0] + b[2] / 2, b[1] + b[3] / 2, b[2] * b[3], b[2] / b[3]]);
  }
});
console.log(
  `Kalman predict+update, ${STEPS} steps: closed-form ${fastMs.toFixed(2)} ms, ml-matrix generic ${slowMs.toFixed(2)} ms (${(slowMs / fastMs).toFixed(1)}x)`,
);
