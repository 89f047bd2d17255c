// Linear assignment on square uniform [0, 1) cost matrices (fixed seed):
// @mot/hungarian's 'sap' solver against SciPy's linear_sum_assignment (run
// live through python3 on the identical matrices, written to a temp file as
// float64; timed inside Python, file reading excluded), munkres-js and the npm
// package linear-sum-assignment (mljs, also Jonker-Volgenant / Crouse), all in
// this run; munkres-js at 1000 x 1000 in a child process (see
// MUNKRES_LIMIT_MS), not at all at 2000. Each library gets its own input
// format, built outside the timing.
// Reported: median wall time (ms) over several repetitions, and ratios.
//
//   node --import tsx bench/hungarian.bench.ts           (several minutes: munkres-js at 1000)
//   node --import tsx bench/hungarian.bench.ts --quick   (skips munkres-js at 1000)
//   --rounds N: interleaved sap/SciPy rounds (default 5)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createMatrix, type Matrix, seededRandom } from '@mot/core';
import { linearSumAssignment } from '@mot/hungarian';
import { linearSumAssignment as mljsLinearSumAssignment } from 'linear-sum-assignment';
import { median } from './bench-utils.js';

// munkres-js is CommonJS without type declarations.
const munkres = createRequire(import.meta.url)('munkres-js') as (cost: number[][]) => Array<[number, number]>;

// A munkres-js run at 1000 x 1000 (one repetition, 88-102 s in trials on
// this machine) is given this long, in a child process that is killed after.
const MUNKRES_LIMIT_MS = 90_000;
const QUICK = process.argv.includes('--quick');


/**
 * Runs `fn` once untimed (JIT warm-up, skipped when reps is 1), then `reps`
 * timed runs: median wall ms, and median CPU ms of this process (the fairer
 * figure on a shared machine, where wall time includes waiting for a core).
 */
function time<T>(reps: number, fn: () => T): { ms: number; cpuMs: number; out: T } {
  let out = reps > 1 ? fn() : (undefined as T);
  const ms: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < reps; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    out = fn();
    ms.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { ms: median(ms), cpuMs: median(cpu), out };
}

const totalOfPairs = (m: Matrix, pairs: Iterable<readonly [number, number]>) => {
  let t = 0;
  for (const [i, j] of pairs) t += m.data[i * m.cols + j];
  return t;
};

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1)).padStart(9);
const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));

const matrices = new Map<number, Matrix>();
/** The n x n benchmark matrix, uniform [0, 1), from a seed of its own (made once per size). */
function costMatrix(n: number): Matrix {
  const made = matrices.get(n);
  if (made !== undefined) return made;
  const rnd = seededRandom(20240611 + n);
  const m = createMatrix(n, n);
  for (let k = 0; k < n * n; k++) m.data[k] = rnd();
  matrices.set(n, m);
  return m;
}

const toNested = (m: Matrix) => Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));

// Child mode: one munkres-js run, result as JSON on stdout.
if (process.argv[2] === '--munkres-child') {
  const m = costMatrix(Number(process.argv[3]));
  const nested = toNested(m);
  const t0 = performance.now();
  const pairs = munkres(nested);
  console.log(JSON.stringify({ ms: performance.now() - t0, total: totalOfPairs(m, pairs) }));
  process.exit(0);
}

const sizes: Array<{ n: number; reps: number; munkresReps: number }> = [
  { n: 50, reps: 501, munkresReps: 11 },
  { n: 200, reps: 51, munkresReps: 3 },
  { n: 1000, reps: 5, munkresReps: 1 },
  { n: 2000, reps: 3, munkresReps: 0 },
];

// SciPy on the same matrices: each written as raw float64 (row-major) to a
// temp folder; Python reads them, times linear_sum_assignment `reps` times
// (after one untimed run) and prints median ms and the column of each row.
const SCIPY_SCRIPT = `
import json, sys, time
import numpy as np
from scipy.optimize import linear_sum_assignment
import scipy
out = {'version': scipy.__version__, 'sizes': []}
for spec in sys.argv[2:]:
    n, reps = map(int, spec.split(':'))
    m = np.fromfile(f'{sys.argv[1]}/{n}.f64', dtype=np.float64).reshape(n, n)
    linear_sum_assignment(m)
    ts, cpu = [], []
    for _ in range(reps):
        c0 = time.process_time()
        t0 = time.perf_counter()
        r, c = linear_sum_assignment(m)
        ts.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    out['sizes'].append({'n': n, 'ms': float(np.median(ts)), 'cpuMs': float(np.median(cpu)), 'cols': c.tolist()})
print(json.dumps(out))
`;

interface ScipyRun {
  version: string;
  sizes: Array<{ n: number; ms: number; cpuMs: number; cols: number[] }>;
}

/** SciPy's times and assignments, or the reason there are none. */
function runScipy(): ScipyRun | string {
  const dir = mkdtempSync(join(tmpdir(), 'mot-lsa-'));
  try {
    for (const { n } of sizes) {
      const m = costMatrix(n);
      writeFileSync(join(dir, `${n}.f64`), new Uint8Array(m.data.buffer, m.data.byteOffset, m.data.byteLength));
    }
    const py = spawnSync('python3', ['-c', SCIPY_SCRIPT, dir, ...sizes.map(({ n, reps }) => `${n}:${reps}`)], { encoding: 'utf8' });
    if (py.error !== undefined) return `python3 not runnable (${py.error.message})`;
    if (py.status !== 0) return py.stderr.includes('No module named') ? `python3 has no numpy/scipy (${py.stderr.trim().split('\n').at(-1)})` : `python3 failed: ${py.stderr.trim().split('\n').at(-1)}`;
    return JSON.parse(py.stdout) as ScipyRun;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} on ${availableParallelism()} cores`);
// The machine's speed drifts within seconds, and SciPy runs in another
// process at another moment: so sap and SciPy run in interleaved rounds (each
// round: SciPy on every size, then sap on every size), and sap/SciPy is the
// median of the per-round ratios, printed with its range.
const roundsArg = process.argv.indexOf('--rounds');
const ROUNDS = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 5;
const rounds = new Map(sizes.map(({ n }) => [n, { sap: [] as number[], sapCpu: [] as number[], sp: [] as number[], spCpu: [] as number[] }]));
let scipy: ScipyRun | string = 'not run';
for (let r = 0; r < ROUNDS; r++) {
  const run = runScipy();
  if (r === 0) scipy = run;
  for (const { n, reps } of sizes) {
    const m = costMatrix(n);
    const t = time(reps, () => linearSumAssignment(m));
    const into = rounds.get(n)!;
    into.sap.push(t.ms);
    into.sapCpu.push(t.cpuMs);
    const sp = typeof run === 'string' ? undefined : run.sizes.find((x) => x.n === n);
    if (sp !== undefined) {
      into.sp.push(sp.ms);
      into.spCpu.push(sp.cpuMs);
    }
  }
}
if (typeof scipy === 'string') console.log(`SciPy column skipped: ${scipy}`);
else console.log(`SciPy ${scipy.version} linear_sum_assignment, timed in python3 on the same matrices; ${ROUNDS} interleaved rounds, medians`);
/** Median over rounds of a / b per round, and its range. */
function roundRatio(a: readonly number[], b: readonly number[]): { median: number; min: number; max: number } {
  const q = a.map((x, k) => x / b[k]);
  return { median: median(q), min: Math.min(...q), max: Math.max(...q) };
}

console.log('median ms (repetitions)          sap      SciPy   munkres-js  linear-sum-assignment   sap/SciPy   munkres/sap  lsa/sap');
for (const { n, reps, munkresReps } of sizes) {
  const m = costMatrix(n);
  const typedRows: Float64Array[] = [];
  for (let i = 0; i < n; i++) typedRows.push(m.data.slice(i * n, (i + 1) * n));

  const measured = rounds.get(n)!;
  const sapOut = linearSumAssignment(m);
  const sap = { ms: median(measured.sap), cpuMs: median(measured.sapCpu), out: sapOut };
  const sapTotal = totalOfPairs(
    m,
    Array.from(sap.out.rows, (i, k) => [i, sap.out.cols[k]] as const),
  );
  const spFirst = typeof scipy === 'string' ? undefined : scipy.sizes.find((x) => x.n === n);
  const sp = spFirst === undefined ? undefined : { ...spFirst, ms: median(measured.sp), cpuMs: median(measured.spCpu) };
  const wallRatio = sp === undefined ? undefined : roundRatio(measured.sap, measured.sp);
  const cpuRatio = sp === undefined ? undefined : roundRatio(measured.sapCpu, measured.spCpu);
  const samePairs = sp === undefined || sp.cols.every((j, i) => sap.out.rows[i] === i && sap.out.cols[i] === j);

  const lsaReps = n >= 2000 ? 1 : reps;
  const lsa = time(lsaReps, () => mljsLinearSumAssignment(typedRows, { maximaze: false }));
  const lsaTotal = totalOfPairs(
    m,
    Array.from(lsa.out.rowAssignments, (j, i) => [i, j] as const),
  );

  // munkres-js at 1000 runs once, in a child process so that it can be
  // stopped at MUNKRES_LIMIT_MS; below that, in this process.
  let munkresMs = NaN;
  let munkresNote = '';
  let munkresTotal = NaN;
  if (munkresReps === 0) {
    munkresNote = 'not run (hours)';
  } else if (n === 1000 && QUICK) {
    munkresNote = 'skipped: --quick';
  } else if (n === 1000) {
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--munkres-child', String(n)], {
      encoding: 'utf8',
      timeout: MUNKRES_LIMIT_MS,
    });
    if (child.status === 0) {
      ({ ms: munkresMs, total: munkresTotal } = JSON.parse(child.stdout) as { ms: number; total: number });
      munkresNote = 'one run, in a child process';
    } else {
      munkresNote = child.error !== undefined || child.signal !== null ? `skipped: still running after ${MUNKRES_LIMIT_MS / 1000} s, stopped` : `failed: ${child.stderr.trim()}`;
    }
  } else {
    const nested = toNested(m);
    const mk = time(munkresReps, () => munkres(nested));
    munkresMs = mk.ms;
    munkresTotal = totalOfPairs(m, mk.out);
  }

  const label = `${n} x ${n} (${reps}, munkres ${Number.isNaN(munkresMs) ? 0 : munkresReps})`.padEnd(28);
  const ratio = (x: number) => (Number.isNaN(x) ? '      -' : (x / sap.ms).toFixed(2).padStart(7));
  const spMs = sp?.ms ?? NaN;
  console.log(
    `${label}${fmt(sap.ms)}${Number.isNaN(spMs) ? '        -' : fmt(spMs)}   ${Number.isNaN(munkresMs) ? '        -' : fmt(munkresMs)}${fmt(lsa.ms).padStart(23)}   ${wallRatio === undefined ? '        -' : wallRatio.median.toFixed(2).padStart(9)}   ${ratio(munkresMs).padStart(11)}  ${ratio(lsa.ms)}`,
  );
  if (sp !== undefined) {
    console.log(
      `  SciPy's pairs: ${samePairs ? 'identical to sap' : 'DIFFER from sap'}; sap/SciPy per round ${wallRatio!.min.toFixed(2)} - ${wallRatio!.max.toFixed(2)}; CPU ms: sap ${sap.cpuMs.toFixed(3)}, SciPy ${sp.cpuMs.toFixed(3)}, sap/SciPy ${cpuRatio!.median.toFixed(2)} (${cpuRatio!.min.toFixed(2)} - ${cpuRatio!.max.toFixed(2)})`,
    );
  }
  if (!samePairs) process.exitCode = 1;
  if (munkresNote) console.log(`  munkres-js at ${n}: ${munkresNote}`);
  // The three must agree on the optimum, or the timings compare different work.
  const agree = same(sapTotal, lsaTotal) && (Number.isNaN(munkresTotal) || same(sapTotal, munkresTotal));
  console.log(`  optimal total: sap ${sapTotal.toFixed(9)}, lsa ${lsaTotal.toFixed(9)}, munkres ${Number.isNaN(munkresTotal) ? '-' : munkresTotal.toFixed(9)}${agree ? '' : '  MISMATCH'}`);
  if (!agree) process.exitCode = 1;
}
