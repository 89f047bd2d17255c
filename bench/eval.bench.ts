/**
 * `mot eval` speed on the five MOT15 train sequences that have gt.txt
 * (ADL-Rundle-6, ETH-Bahnhof, KITTI-13, PETS09-S2L1, TUD-Campus; 2185 frames),
 * both reference trackers (SORT and DeepSORT outputs in fixtures/mot15).
 *
 * Timed: (1) evaluateMotChallenge in-process (read files, preprocess, HOTA +
 * CLEAR + Identity, combine), median of 7 runs after a warm-up; (2) the whole
 * `mot eval` CLI process, spawned (Node start-up and tsx compile included);
 * (3) the peer in the same process: the same evaluation with munkres-js as the
 * assignment solver (`solver: 'munkres'`), a textbook Kuhn-Munkres, reported
 * as a ratio. TrackEval's time is quoted, not measured here: the issue says it
 * takes "several seconds" on these sequences.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateMotChallenge, type MotChallengeOptions } from '@mot/metrics';
import type { SolverName } from '@mot/hungarian';

const root = fileURLToPath(new URL('..', import.meta.url));
const SEQS = ['ADL-Rundle-6', 'ETH-Bahnhof', 'KITTI-13', 'PETS09-S2L1', 'TUD-Campus'];
const TRACKERS = ['sort_reference', 'deepsort_reference'];

const tmp = mkdtempSync(join(tmpdir(), 'mot-eval-bench-'));
const dirs = TRACKERS.map((t) => {
  const dir = join(tmp, t);
  mkdirSync(dir);
  for (const s of SEQS) copyFileSync(join(root, 'fixtures/mot15', s, `${t}.txt`), join(dir, `${s}.txt`));
  return dir;
});

function evaluateBoth(solver: SolverName): number[] {
  return dirs.map((results) => {
    const options: MotChallengeOptions = { gt: join(root, 'fixtures/mot15'), results, benchmark: 'MOT15', solver };
    return evaluateMotChallenge(options).combined.summary.HOTA;
  });
}

function medianMs(fn: () => unknown, runs: number): number {
  fn(); // warm-up
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[runs >> 1];
}

// Same figures from both solvers, else the comparison would be meaningless.
const [sap, mun] = [evaluateBoth('sap'), evaluateBoth('munkres')];
if (sap.some((h, i) => Math.abs(h - mun[i]) > 1e-9)) throw new Error(`solvers disagree: ${sap} vs ${mun}`);

const tSap = medianMs(() => evaluateBoth('sap'), 7);
const tMunkres = medianMs(() => evaluateBoth('munkres'), 3);

const cli: number[] = [];
for (let r = 0; r < 3; r++) {
  const t0 = performance.now();
  const run = spawnSync(process.execPath, [join(root, 'examples/cli/bin/mot.js'), 'eval', '--gt', join(root, 'fixtures/mot15'), '--results', dirs[0]], {
    encoding: 'utf8',
  });
  cli.push(performance.now() - t0);
  if (run.status !== 0) throw new Error(`mot eval failed: ${run.stderr}`);
}
cli.sort((a, b) => a - b);
rmSync(tmp, { recursive: true, force: true });

console.log(`sequences: ${SEQS.length} (MOT15 train with gt), trackers: SORT + DeepSORT reference outputs`);
console.log(`combined HOTA: SORT ${sap[0].toFixed(4)}, DeepSORT ${sap[1].toFixed(4)} (TrackEval: 0.3786, 0.4530)`);
console.log(`in-process, both trackers, solver sap:      ${tSap.toFixed(0)} ms (${(tSap / 2).toFixed(0)} ms per tracker)`);
console.log(`in-process, both trackers, solver munkres:  ${tMunkres.toFixed(0)} ms (peer)`);
console.log(`ratio munkres / sap: ${(tMunkres / tSap).toFixed(1)}x`);
console.log(`mot eval CLI process, one tracker (median of 3, incl. Node + tsx start-up): ${cli[1].toFixed(0)} ms`);
console.log('TrackEval on these sequences: "several seconds" (quoted from the issue, not measured here)');
