/**
 * Tracker throughput on the MOT15 fixtures: SORT over all 11 train sequences
 * (5500 frames) and DeepSORT over the 5 that have deep_sort detection files.
 * Timed: tracker.update() only; files are read and detections built before.
 *
 * Peers: the reference Python SORT's speed here is quoted from
 * fixtures/README.md (1295 frames/s median, update() only); in this process the
 * closed-form box filter is run against the generic ml-matrix KalmanFilter on
 * the same predict/update steps, the choice that makes the trackers fast.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Detection, Tlwh } from '@mot/core';
import { DeepSortTracker, SortTracker, type Tracker } from '@mot/deepsort';
import { KalmanFilter, SORT_INITIAL_VARIANCE, SORT_MEASUREMENT_NOISE, SORT_PROCESS_NOISE, SortBoxModel, sortModelMatrices } from '@mot/kalman';
import { readDeepSortDetections, readMotFile, rowsByFrame, type MotRows } from '@mot/motchallenge';
import { median } from './bench-utils.js';

const MOT15 = fileURLToPath(new URL('../fixtures/mot15/', import.meta.url));
// Quoted, not measured here, so never divided into a ratio: fixtures/README.md
// (reference sort.py update() only, the project's 2-core VM, recorded 2026-11-23).
const QUOTED_PYTHON_SORT_FPS = 1295;

function frames(rows: MotRows, features?: Float32Array, dim = 0): Detection[][] {
  const byFrame = rowsByFrame(rows);
  const last = Math.max(...byFrame.keys());
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
const sortInput = names.map((n) => frames(readMotFile(join(MOT15, n, 'det.txt'), 'det')));
const deepNames = names.filter((n) => readdirSync(join(MOT15, n)).includes('deepsort_detections.npy'));
const deepInput = deepNames.map((n) => {
  const d = readDeepSortDetections(join(MOT15, n, 'deepsort_detections.npy'));
  return frames(d.rows, d.features, d.featureDim);
});

const sort = timeTracker(() => new SortTracker(), sortInput, 7);
const deep = timeTracker(() => new DeepSortTracker(), deepInput, 5);
const sortFps = (sort.frames / sort.ms) * 1000;
const deepFps = (deep.frames / deep.ms) * 1000;
console.log(`SORT      ${names.length} sequences, ${sort.frames} frames: ${sort.ms.toFixed(1)} ms, ${Math.round(sortFps)} frames/s`);
console.log(`          reference Python SORT: ${QUOTED_PYTHON_SORT_FPS} frames/s quoted (fixtures/README.md, 2-core VM, 2026-11-23; not run here, so no ratio)`);
console.log(`DeepSORT  ${deepNames.length} sequences, ${deep.frames} frames: ${deep.ms.toFixed(1)} ms, ${Math.round(deepFps)} frames/s (128-d features, nn_budget 100)`);

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
