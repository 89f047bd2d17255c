// NanoDet-g (416x416, packages/detector/models/nanodet) per frame on our graph runtime
// (@mot/detector over @mot/cnn kernels), loaded from model.json and from
// .onnx, against tfjs-backend-wasm (tfjs-converter's GraphModel) and
// onnxruntime-node (1 thread and its default), all in this process on the
// same seeded input. Reported: median ms/frame after one warm-up run, ratios
// to our runtime, and where our time goes per op type (one profiled run).
//
//   node --import tsx bench/runtime.bench.ts [reps]
//   node --experimental-wasm-relaxed-simd --import tsx bench/runtime.bench.ts [reps]   (our FMA kernels on Node 20)
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { relaxedSimdSupported, tensor } from '@mot/cnn';
import { createSession, graphSummary, loadOnnxModel, loadTfjsGraphModel } from '@mot/runtime';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { loadTfjsGraphModelFromFile, median } from './bench-utils.js';

const require = createRequire(import.meta.url);
const ort = require('onnxruntime-node') as typeof import('onnxruntime-node');

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const JSON_PATH = join(root, 'packages/detector/models/nanodet/nanodet.json');
const ONNX_PATH = join(root, 'packages/detector/models/nanodet/nanodet.onnx');
// packages/detector/models/nanodet/README.md: 2,090,083,840 multiply-accumulates = 4.18 GFLOP per frame.
const GFLOP_PER_FRAME = 4.18016768;
const REPS = Number(process.argv[2] ?? 5);
const loadBefore = os.loadavg().map((v) => v.toFixed(2)).join(' ');

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * One untimed warm-up run, then `reps` timed runs; median wall ms and median
 * process CPU ms. On a shared machine the CPU time is the steadier figure for
 * single-threaded engines (waiting for the core is not counted); for a
 * multi-threaded engine it sums its threads.
 */
async function time(reps: number, fn: () => unknown): Promise<{ ms: number; cpu: number }> {
  await fn();
  const ms: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < reps; i++) {
    const c0 = cpuMs();
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
    cpu.push(cpuMs() - c0);
  }
  return { ms: median(ms), cpu: median(cpu) };
}

const r = random(42);
const input = tensor([1, 3, 416, 416], Float32Array.from({ length: 3 * 416 * 416 }, () => 4 * r() - 2));
const rows: Array<{ engine: string; ms: number; cpu: number }> = [];

// Our runtime, both loaders.
const tfjsGraph = await loadTfjsGraphModel(JSON_PATH);
const onnxGraph = await loadOnnxModel(ONNX_PATH);
const oursTfjs = createSession(tfjsGraph);
const oursOnnx = createSession(onnxGraph);
console.log(`optimised graph: ${JSON.stringify(graphSummary(oursTfjs.graph).ops)}`);
rows.push({ engine: 'ours (model.json)', ...(await time(REPS, () => oursTfjs.run({ input_1: input }))) });
rows.push({ engine: 'ours (.onnx)', ...(await time(REPS, () => oursOnnx.run({ input_1: input }))) });
const profiled = oursOnnx.run({ input_1: input }, { profile: true, clock: 'cpu' }).profile;

// tfjs-backend-wasm (XNNPACK): the model files read with fs, handed over as an IOHandler.
await tf.setBackend('wasm');
const tfModel = await loadTfjsGraphModelFromFile(JSON_PATH);
const tfInput = tf.tensor(input.data, [1, 3, 416, 416]);
rows.push({
  engine: 'tfjs-backend-wasm',
  ...(await time(REPS, async () => {
    const outs = tfModel.execute(tfInput, tfModel.outputNodes) as tf.Tensor[];
    await Promise.all(outs.map((o) => o.data()));
    tf.dispose(outs);
  })),
});

// onnxruntime-node, CPU provider.
for (const threads of [1, 0]) {
  const session = await ort.InferenceSession.create(ONNX_PATH, threads === 0 ? {} : { intraOpNumThreads: threads });
  const feeds = { input_1: new ort.Tensor('float32', input.data, [1, 3, 416, 416]) };
  rows.push({ engine: `onnxruntime-node (${threads === 0 ? 'default threads' : '1 thread'})`, ...(await time(Math.max(REPS, 10), () => session.run(feeds))) });
  await session.release();
}

const ours = rows[0];
console.log(`\nNanoDet-g 416x416, median of ${REPS} runs after a warm-up (seeded random input); our kernels: wasm ${relaxedSimdSupported() ? 'relaxed SIMD (FMA)' : 'SIMD'}`);
console.log(`load average before the runs: ${loadBefore}; after: ${os.loadavg().map((v) => v.toFixed(2)).join(' ')}`);
console.log('engine                              ms/frame   GFLOP/s   time / ours   CPU ms/frame   CPU / ours');
for (const row of rows) {
  console.log(
    `${row.engine.padEnd(34)} ${row.ms.toFixed(1).padStart(9)} ${(GFLOP_PER_FRAME / (row.ms / 1000)).toFixed(1).padStart(9)} ${(row.ms / ours.ms).toFixed(3).padStart(12)} ${row.cpu.toFixed(1).padStart(14)} ${(row.cpu / ours.cpu).toFixed(3).padStart(12)}`,
  );
}
console.log(`\nwhere our time goes (one profiled run, .onnx graph, CPU time; ${profiled.totalMs.toFixed(1)} ms in nodes, peak live tensors ${(profiled.peakLiveBytes / 1e6).toFixed(1)} MB)`);
console.log('op               calls        ms   share');
for (const row of profiled.byOp) {
  console.log(`${row.op.padEnd(15)} ${String(row.calls).padStart(6)} ${row.ms.toFixed(1).padStart(9)} ${(100 * row.share).toFixed(1).padStart(6)}%`);
}
const slowest = [...profiled.nodes].sort((a, b) => b.ms - a.ms).slice(0, 5);
console.log('\nslowest nodes: ' + slowest.map((n) => `${n.name} ${n.ms.toFixed(1)} ms`).join('; '));
