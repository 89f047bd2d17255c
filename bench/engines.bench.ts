// NanoDet-g network on every engine in the room, all in this run, on the 5
// real frames of bench/detector.bench.ts (TUD-Campus #0, #35, #70; MOT17-09
// and MOT17-05 frame 1), letterboxed by our preprocessing once, outside the
// timing:
//   - our core (@mot/runtime on @mot/cnn), 1 thread, in both builds of its
//     kernels: relaxed SIMD (fused multiply-add; what `mot` runs: it turns
//     the V8 flag on, as ./relaxed-simd-flag.ts does here) and plain SIMD
//     (the library's default on Node 20 without the flag);
//   - onnxruntime-node, 1 and 2 intra-op threads;
//   - onnxruntime-web's WebAssembly backend (SIMD), 1 thread and 2 threads
//     (its .wasm is read from node_modules, nothing is downloaded);
//   - tfjs-backend-wasm (SIMD, 1 thread).
// Then our core on 1 and 2 cores as a whole detector (letterbox, network,
// decode, NMS) through PooledDetector: single-frame latency (one frame in
// flight) and throughput (as many frames in flight as threads), plus what
// copying a frame to a worker costs.
//
// Every engine first runs WARMUP frames (V8 tiers our kernels and the
// executor's JavaScript up over the first ~10 runs; the peers get the same),
// then prints median ms/frame and ratios to our 1-thread network time. The machine is shared and its speed drifts, so the
// in-process engines run in interleaved rounds and each ratio is the median
// of the per-round ratios (with their range).
//
//   node --import tsx bench/engines.bench.ts
//   node --import tsx bench/engines.bench.ts --rounds 7     (default 7)
//   node --import tsx bench/engines.bench.ts --pool-only   (only the 1- and 2-core detector part)
//   MOT_RELAXED_SIMD=0 node --import tsx bench/engines.bench.ts   (plain SIMD only, as the library runs on Node 20 without the flag)
import './relaxed-simd-flag.js';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Tensor, WasmKernels, relaxedSimdSupported } from '@mot/cnn';
import type { Frame } from '@mot/core';
import {
  DEFAULT_NANODET_MODEL,
  DEFAULT_NANODET_ONNX,
  NanoDetDetector,
  PooledDetector,
  createCnnEngine,
  createOrtEngine,
  letterbox,
} from '@mot/detector';
import { readFrames, readImage } from '@mot/video';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import * as ortWeb from 'onnxruntime-web';
import { loadTfjsGraphModelFromFile, median } from './bench-utils.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixture = (p: string) => join(root, 'fixtures', p);

const frames: Frame[] = [];
for await (const f of readFrames(fixture('video/TUD-Campus.mp4'))) {
  if (f.index === 0 || f.index === 35 || f.index === 70) frames.push(f);
}
for (const seq of ['MOT17-09-FRCNN', 'MOT17-05-FRCNN']) frames.push(await readImage(fixture(`mot17-frames/${seq}/img1/000001.jpg`)));
const inputs: Tensor[] = frames.map((f) => letterbox(f).input);

/** Warm-up on the first input, then each input once; median ms. */
async function timeInputs(run: (x: Tensor) => Promise<unknown>): Promise<number> {
  await run(inputs[0]);
  const ms: number[] = [];
  for (const x of inputs) {
    const t0 = performance.now();
    await run(x);
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

// onnxruntime-web, WebAssembly backend. numThreads is read when the first
// session is created and fixed for the process after that, so the 2-thread
// session runs in a child process of its own.
async function ortWebMs(threads: number): Promise<number> {
  ortWeb.env.wasm.numThreads = threads;
  const session = await ortWeb.InferenceSession.create(readFileSync(DEFAULT_NANODET_ONNX), { executionProviders: ['wasm'] });
  const ms = await timeInputs(async (x) => {
    const outs = await session.run({ [session.inputNames[0]]: new ortWeb.Tensor('float32', x.data as Float32Array, [...x.shape]) });
    for (const o of Object.values(outs)) o.dispose();
  });
  await session.release();
  return ms;
}
if (process.argv[2] === '--ort-web-child') {
  console.log(JSON.stringify({ ms: await ortWebMs(Number(process.argv[3])) }));
  process.exit(0);
}

// `--pool-only` skips the network table (the slow part on a loaded machine).
const POOL_ONLY = process.argv.includes('--pool-only');
// The machine is shared and its speed drifts within seconds, so the in-process
// engines run in interleaved rounds (each round: every engine on the 5 frames,
// back to back) and each ratio is the median of its per-round ratios: drift
// then hits both sides of a ratio alike.
const roundsArg = process.argv.indexOf('--rounds');
const ROUNDS = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 7;

// Our core, network only: the default kernels (relaxed SIMD when this
// process has it), and a plain-SIMD instance.
const ours = await NanoDetDetector.create({ classes: 'all' });
const RELAXED = relaxedSimdSupported();
const oursPlain = RELAXED ? await createCnnEngine(DEFAULT_NANODET_MODEL, { kernels: WasmKernels.create('simd') }) : undefined;
const WARMUP = 12;

if (!POOL_ONLY) {
  const engines: Array<{ engine: string; run: (x: Tensor) => Promise<unknown>; release: () => Promise<void> }> = [];
  engines.push({ engine: `ours, ${RELAXED ? 'relaxed SIMD (FMA)' : 'plain SIMD'}, 1 thread`, run: (x) => ours.engine.run(x), release: async () => undefined });
  if (oursPlain !== undefined) engines.push({ engine: 'ours, plain SIMD, 1 thread', run: (x) => oursPlain.run(x), release: async () => undefined });
  for (const threads of [1, 2]) {
    const ort = await createOrtEngine(DEFAULT_NANODET_ONNX, { threads });
    engines.push({ engine: `onnxruntime-node 1.30, ${threads} thread${threads > 1 ? 's' : ''}`, run: (x) => ort.run(x), release: () => ort.release() });
  }
  ortWeb.env.wasm.numThreads = 1;
  const web = await ortWeb.InferenceSession.create(readFileSync(DEFAULT_NANODET_ONNX), { executionProviders: ['wasm'] });
  engines.push({
    engine: 'onnxruntime-web 1.30 wasm SIMD, 1 thread',
    run: async (x) => {
      const outs = await web.run({ [web.inputNames[0]]: new ortWeb.Tensor('float32', x.data as Float32Array, [...x.shape]) });
      for (const o of Object.values(outs)) o.dispose();
    },
    release: () => web.release(),
  });
  await tf.setBackend('wasm');
  const tfModel = await loadTfjsGraphModelFromFile(DEFAULT_NANODET_MODEL);
  engines.push({
    engine: 'tfjs-backend-wasm 4.22 SIMD, 1 thread',
    run: async (x) => {
      const t = tf.tensor(x.data, [...x.shape]);
      const outs = tfModel.execute(t, tfModel.outputNodes) as tf.Tensor[];
      for (const o of outs) await o.data();
      tf.dispose([t, ...outs]);
    },
    release: async () => tfModel.dispose(),
  });

  for (const eng of engines) for (let i = 0; i < WARMUP; i++) await eng.run(inputs[i % inputs.length]);
  // perRound[e][r]: engine e's median ms/frame in round r (timeInputs warms up on frame 0 each time).
  const perRound = engines.map(() => [] as number[]);
  for (let r = 0; r < ROUNDS; r++) for (const [e, eng] of engines.entries()) perRound[e].push(await timeInputs(eng.run));
  for (const eng of engines) await eng.release();
  const ratio = (e: number, r: number) => perRound[e][r] / perRound[0][r];

  // onnxruntime-web's numThreads is fixed for the process at its first
  // session, so 2 threads run once, in a child process of their own.
  const { spawnSync } = await import('node:child_process');
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--ort-web-child', '2'], { encoding: 'utf8', timeout: 600_000 });
  const last = child.stdout?.trim().split('\n').at(-1) ?? '';
  const web2 = child.status === 0 && last.startsWith('{') ? (JSON.parse(last) as { ms: number }).ms : `failed: ${(child.stderr ?? String(child.error)).trim().split('\n')[0]}`;

  console.log(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} on ${availableParallelism()} cores (figures are wall time: on a loaded machine they include waiting for a core)`);
  console.log(`NanoDet-g network only, ${inputs.length} real frames letterboxed to 416x416, ${WARMUP} warm-up frames per engine, ${ROUNDS} interleaved rounds; ms/frame: median over rounds of each round's median`);
  console.log('time / ours: median over rounds of that round\'s ratio (its range in brackets)');
  console.log('engine                                        ms/frame   time / ours   (min - max)      ours / time');
  for (const [e, eng] of engines.entries()) {
    const ratios = perRound[e].map((_, r) => ratio(e, r));
    const m = median(ratios);
    console.log(
      `${eng.engine.padEnd(44)} ${median(perRound[e]).toFixed(1).padStart(9)} ${m.toFixed(3).padStart(12)}   (${Math.min(...ratios).toFixed(2)} - ${Math.max(...ratios).toFixed(2)})  ${(1 / m).toFixed(2).padStart(12)}`,
    );
  }
  const base = median(perRound[0]);
  if (typeof web2 === 'string') console.log(`${'onnxruntime-web 1.30 wasm SIMD, 2 threads'.padEnd(44)} ${web2}`);
  else console.log(`${'onnxruntime-web 1.30 wasm SIMD, 2 threads'.padEnd(44)} ${web2.toFixed(1).padStart(9)} ${(web2 / base).toFixed(3).padStart(12)}   (one run, in a child process; ratio to ours' median)`);
}

// Whole detector on 1 and 2 cores.
const PASSES = 4;
/**
 * Wall ms per frame with `inFlight` frames in flight, over PASSES passes of the
 * frames in order, and this process's CPU ms per frame (all threads, workers
 * included) over the same window: CPU / wall is the parallelism reached. A
 * new frame goes out as soon as any detection comes back, as @mot/pipeline's
 * detect stage (orderedMap) sends them; waiting for the oldest instead left a
 * worker idle whenever the younger frame finished first.
 */
async function throughputMs(detect: (f: Frame) => Promise<unknown>, inFlight: number): Promise<{ ms: number; cpuMs: number }> {
  await Promise.all(frames.slice(0, inFlight).map(detect));
  const all = Array.from({ length: PASSES }, () => frames).flat();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let next = 0;
  const sender = async (): Promise<void> => {
    while (next < all.length) await detect(all[next++]);
  };
  await Promise.all(Array.from({ length: inFlight }, sender));
  const c = process.cpuUsage(c0);
  return { ms: (performance.now() - t0) / all.length, cpuMs: (c.user + c.system) / 1000 / all.length };
}
async function latencyMs(detect: (f: Frame) => Promise<unknown>): Promise<number> {
  await detect(frames[0]);
  const ms: number[] = [];
  for (const f of frames) {
    const t0 = performance.now();
    await detect(f);
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

// Both pools live at once (an idle worker takes no CPU), each warmed up on
// WARMUP frames per thread; then POOL_ROUNDS rounds, each timing 1 thread then
// 2 threads over PASSES passes of the frames: the speed-up is the median of
// the per-round ratios, so the machine's drift between the two cancels.
const POOL_ROUNDS = 5;
const mainLatency = await latencyMs((f) => ours.detect(f));
const pools = [await PooledDetector.create({ threads: 1, detector: { classes: 'all' } }), await PooledDetector.create({ threads: 2, detector: { classes: 'all' } })];
for (const [k, pool] of pools.entries()) {
  const all = Array.from({ length: WARMUP * (k + 1) }, (_, i) => frames[i % frames.length]);
  for (let i = 0; i < all.length; i += k + 1) await Promise.all(all.slice(i, i + k + 1).map((f) => pool.detect(f)));
}
const latencies = [await latencyMs((f) => pools[0].detect(f)), await latencyMs((f) => pools[1].detect(f))];
const rounds: Array<Array<{ ms: number; cpuMs: number }>> = [[], []];
for (let r = 0; r < POOL_ROUNDS; r++) for (const [k, pool] of pools.entries()) rounds[k].push(await throughputMs((f) => pool.detect(f), k + 1));
for (const pool of pools) await pool.close();
const speedups = rounds[0].map((one, r) => one.ms / rounds[1][r].ms);
console.log(
  `\nour core (${RELAXED ? 'relaxed SIMD' : 'plain SIMD'}), whole detector (letterbox + network + decode + NMS), ${frames.length} frames; ${WARMUP} warm-up frames per thread, then ${POOL_ROUNDS} interleaved rounds of throughput over ${PASSES} passes with one frame in flight per thread (medians over rounds)`,
);
console.log('                                   latency ms   throughput ms/frame   speed / 1 thread   (min - max)   CPU ms/frame   CPU / wall');
console.log(`${'main thread (NanoDetDetector)'.padEnd(34)} ${mainLatency.toFixed(1).padStart(10)}`);
for (const k of [0, 1]) {
  const ms = median(rounds[k].map((t) => t.ms));
  const cpu = median(rounds[k].map((t) => t.cpuMs));
  const speed = k === 0 ? '1.00'.padStart(18) + '               ' : `${median(speedups).toFixed(2).padStart(18)}   (${Math.min(...speedups).toFixed(2)} - ${Math.max(...speedups).toFixed(2)})`;
  console.log(`${`PooledDetector, ${k + 1} thread${k > 0 ? 's' : ''}`.padEnd(34)} ${latencies[k].toFixed(1).padStart(10)} ${ms.toFixed(1).padStart(21)} ${speed} ${cpu.toFixed(1).padStart(14)} ${(cpu / ms).toFixed(2).padStart(12)}`);
}
console.log(`load average now ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);

// What a frame costs to send: PooledDetector copies its bytes once (slice)
// and transfers the copy.
{
  const ms: number[] = [];
  for (let r = 0; r < 21; r++) {
    const t0 = performance.now();
    frames[0].data.slice();
    ms.push(performance.now() - t0);
  }
  console.log(`copying one ${frames[0].width}x${frames[0].height} RGB frame (as PooledDetector does before sending it): ${median(ms).toFixed(2)} ms`);
}
