import { seededRandom } from '@mot/core';
// Convolution speed of @mot/cnn, all in this process:
// (1) for every distinct convolution of the shipped NanoDet-g (packages/detector/models/nanodet;
//     the layer list is derived from nanodet.json by the graph runtime and
//     model analysis): GFLOP/s of each path (TypeScript conv2d, wasm SIMD
//     GEMM, relaxed-SIMD GEMM, Winograd F(2x2,3x3) and F(4x4,3x3) in both builds, the path
//     prepareConv2d picks);
//     the sum over the 34 convs is the per-frame conv estimate.
// (2) a 3x3 128->128 SAME conv on 52x52 (NanoDet's largest, the stride-8 head):
//     our conv2d and prepared conv against tfjs-backend-wasm and tfjs-backend-cpu 4.22.
// Reported: (1) median process CPU time (the machine is shared: waiting for a
// core is not counted), (2) median wall time, and ratios.
//
//   node --experimental-wasm-relaxed-simd --import tsx bench/cnn-conv.bench.ts   (Node 20: the relaxed columns need the flag)
//   node --import tsx bench/cnn-conv.bench.ts           (about a minute)
//   node --import tsx bench/cnn-conv.bench.ts --quick   (fewer repetitions)
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { type ConvPadding, type ConvPath, type Tensor, type WasmVariant, WasmKernels, analyzeModel, conv2d, prepareConv2d, relaxedSimdSupported, tensor } from '@mot/cnn';
import { graphToLayerSpecs, loadTfjsGraphModel, optimizeGraph } from '@mot/runtime';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { median } from './bench-utils.js';

const QUICK = process.argv.includes('--quick');
const REPS = QUICK ? 3 : 7;
const MODEL = fileURLToPath(new URL('../packages/detector/models/nanodet/', import.meta.url));

/** One untimed warm-up run, then `reps` timed runs: median and fastest, ms. */
function timeBoth(reps: number, fn: () => void): { median: number; best: number } {
  fn();
  const ms: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  return { median: median(ms), best: Math.min(...ms) };
}
const time = (reps: number, fn: () => void): number => timeBoth(reps, fn).median;

/** One untimed warm-up run, then the median process CPU time of `reps` runs, ms. */
function cpuTime(reps: number, fn: () => void): number {
  const cpu = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  fn();
  const ms: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = cpu();
    fn();
    ms.push(cpu() - t0);
  }
  return median(ms);
}

const r = seededRandom(1);
const randArray = (n: number) => Float32Array.from({ length: n }, () => 2 * r() - 1);

interface ConvLayer {
  cin: number;
  h: number;
  w: number;
  cout: number;
  kh: number;
  kw: number;
  stride: number;
  /** [top, bottom, left, right] px, as the runtime folded it from the graph's Pad nodes. */
  pad: [number, number, number, number];
  ho: number;
  wo: number;
}

// The layer list comes from the model file through the same loader the
// detector runs (optimised: pads folded into the convs, layout transposes gone).
const { graph } = optimizeGraph(await loadTfjsGraphModel(`${MODEL}nanodet.json`));
const { layers: specs, inputShape } = graphToLayerSpecs(graph);
const analysis = analyzeModel(specs, inputShape);
const outShape = new Map<string, number[]>([['input', inputShape], ...analysis.layers.map((l): [string, number[]] => [l.name, l.outputShape])]);
const pair = (p: number | readonly [number, number] | undefined, d: number): [number, number] => (p === undefined ? [d, d] : typeof p === 'number' ? [p, p] : [p[0], p[1]]);
const layers: ConvLayer[] = [];
specs.forEach((spec, i) => {
  if (spec.type !== 'conv') return;
  const [cin, h, w] = outShape.get(spec.inputs?.[0] ?? (i === 0 ? 'input' : specs[i - 1].name)) as number[];
  const [, ho, wo] = outShape.get(spec.name) as number[];
  const [kh, kw] = pair(spec.kernel, 1);
  const [sh, sw] = pair(spec.stride, 1);
  const p = spec.padding ?? 0;
  if (typeof p === 'string' || sh !== sw || (spec.groups ?? 1) !== 1 || pair(spec.dilation, 1).some((d) => d !== 1)) {
    throw new Error(`bench: ${spec.name} is not a plain explicit-padding conv; extend the bench`);
  }
  const pad: [number, number, number, number] = typeof p === 'number' ? [p, p, p, p] : [p[0], p[1], p[2], p[3]];
  layers.push({ cin, h, w, cout: spec.outChannels, kh, kw, stride: sh, pad, ho, wo });
});
const distinct = new Map<string, { layer: ConvLayer; count: number }>();
for (const l of layers) {
  const key = JSON.stringify(l);
  const e = distinct.get(key);
  if (e) e.count++;
  else distinct.set(key, { layer: l, count: 1 });
}
let totalMacs = 0;
for (const l of layers) totalMacs += l.cout * l.cin * l.kh * l.kw * l.ho * l.wo;

console.log(`NanoDet-g: ${layers.length} convolutions, ${distinct.size} distinct shapes, ${(totalMacs / 1e6).toFixed(1)} M MACs per 416x416 frame`);
console.log(`load average: ${os.loadavg().map((v) => v.toFixed(2)).join(' ')} (2 cores; timings are process CPU time, median, so that waiting for a shared core is not counted)`);
console.log('(1) per distinct conv: GFLOP/s (direct-conv FLOPs / time, also for Winograd) of each path; x = occurrences');
// tfjs-backend-wasm per shape is left out: its eager tf.conv2d measured 0.1-5 GFLOP/s
// (CPU time) in this loop, far below the same conv in (2) and inside its GraphModel,
// for a reason not found; (2) and bench/runtime.bench.ts compare against it.
console.log('    js = conv2d (im2col + TypeScript GEMM); gemm = im2col + wasm SIMD GEMM; fma = the same with relaxed SIMD; wino / wino-fma = Winograd F(2x2,3x3), w4 / w4-fma = F(4x4,3x3); auto = what prepareConv2d picks');
const PATHS: Array<{ label: string; path: ConvPath; variant: WasmVariant }> = [
  { label: 'gemm', path: 'gemm', variant: 'simd' },
  { label: 'fma', path: 'gemm', variant: 'relaxed' },
  { label: 'wino', path: 'winograd', variant: 'simd' },
  { label: 'wino-fma', path: 'winograd', variant: 'relaxed' },
  { label: 'w4', path: 'winograd4', variant: 'simd' },
  { label: 'w4-fma', path: 'winograd4', variant: 'relaxed' },
];
const kernelsOf: Record<WasmVariant, WasmKernels | undefined> = {
  simd: WasmKernels.create('simd'),
  relaxed: relaxedSimdSupported() ? WasmKernels.create('relaxed') : undefined,
};
const header = `${'conv (Cin HxW -> Cout, k, s, pad)'.padEnd(36)}${'x'.padStart(3)}${'js'.padStart(7)}${PATHS.map((p) => p.label.padStart(9)).join('')}  auto       auto ms`;
console.log(header);
const frame: Record<string, number> = { js: 0, auto: 0 };
for (const { layer: l, count } of distinct.values()) {
  const flop = 2 * l.cout * l.cin * l.kh * l.kw * l.ho * l.wo;
  const reps = Math.max(3, Math.min(REPS * 3, Math.round(1e9 / flop)));
  const x = tensor([1, l.cin, l.h, l.w], randArray(l.cin * l.h * l.w));
  const wt = tensor([l.cout, l.cin, l.kh, l.kw], randArray(l.cout * l.cin * l.kh * l.kw));
  const options = { stride: l.stride, padding: l.pad as ConvPadding };
  const cells: string[] = [];
  const jsMs = cpuTime(Math.max(1, Math.round(reps / 4)), () => conv2d(x, wt, options));
  frame.js += count * jsMs;
  for (const p of PATHS) {
    const kernels = kernelsOf[p.variant];
    const applies = p.path === 'gemm' || (l.kh === 3 && l.kw === 3 && l.stride === 1);
    if (kernels === undefined || !applies) {
      cells.push('-'.padStart(9));
      continue;
    }
    const conv = prepareConv2d(wt, { ...options, path: p.path, kernels });
    cells.push((flop / cpuTime(reps, () => conv.run(x)) / 1e6).toFixed(1).padStart(9));
  }
  const auto = prepareConv2d(wt, options);
  const autoMs = cpuTime(reps, () => auto.run(x));
  frame.auto += count * autoMs;
  const name = `${l.cin} ${l.h}x${l.w} -> ${l.cout}, ${l.kh}x${l.kw}, s${l.stride}, [${l.pad.join(',')}]`;
  console.log(
    `${name.padEnd(36)}${String(count).padStart(3)}${(flop / jsMs / 1e6).toFixed(1).padStart(7)}${cells.join('')}  ${auto.path.padEnd(10)} ${autoMs.toFixed(2).padStart(7)}`,
  );
}
console.log(
  `NanoDet convs per frame (sum over the ${layers.length}, CPU ms): js ${frame.js.toFixed(1)}, auto (${kernelsOf.relaxed ? 'relaxed SIMD' : 'SIMD'}) ${frame.auto.toFixed(1)} ` +
    `= ${((2 * totalMacs) / frame.auto / 1e6).toFixed(1)} GFLOP/s; js / auto = ${(frame.js / frame.auto).toFixed(1)}`,
);
if (QUICK) process.exit(0);

// ---- (2) 3x3 128 -> 128 on 52x52, SAME: ours vs tfjs wasm vs tfjs cpu ----

const C = 128, H = 52;
const xData = randArray(C * H * H);
const wData = randArray(C * C * 9);
const x = tensor([1, C, H, H], xData);
const wt = tensor([C, C, 3, 3], wData);
const flop = 2 * C * C * 9 * H * H;
const ours = time(REPS, () => conv2d(x, wt, { padding: 'same' }));
const oursAuto = prepareConv2d(wt, { padding: 'same' });
const oursAutoMs = time(REPS, () => oursAuto.run(x));

// tfjs is NHWC with filter [kh, kw, Cin, Cout]; layouts are converted outside the timing.
const xNhwc = new Float32Array(xData.length);
for (let c = 0; c < C; c++) for (let i = 0; i < H * H; i++) xNhwc[i * C + c] = xData[c * H * H + i];
const fHwio = new Float32Array(wData.length);
for (let o = 0; o < C; o++) for (let c = 0; c < C; c++) for (let t = 0; t < 9; t++) fHwio[(t * C + c) * C + o] = wData[(o * C + c) * 9 + t];

async function tfTime(backend: string, reps: number): Promise<{ ms: number; out: Float32Array }> {
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend ${backend} did not initialise`);
  const xt = tf.tensor4d(xNhwc, [1, H, H, C]);
  const ft = tf.tensor4d(fHwio, [3, 3, C, C]);
  let out: Float32Array = new Float32Array(0);
  // dataSync waits for the result, so the time includes the whole kernel
  const ms = time(reps, () => tf.tidy(() => {
    out = tf.conv2d(xt, ft, 1, 'same').dataSync() as Float32Array;
  }));
  tf.dispose([xt, ft]);
  return { ms, out };
}

await import('@tensorflow/tfjs-backend-wasm');
const wasm = await tfTime('wasm', REPS);
const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
const wasmThreads = getThreadsCount();
const cpu = await tfTime('cpu', QUICK ? 1 : 3);

// Same numbers? (ours NCHW vs tfjs NHWC)
const check = conv2d(x, wt, { padding: 'same' }).data;
let err = 0, scale = 1;
for (let c = 0; c < C; c++)
  for (let i = 0; i < H * H; i++) {
    err = Math.max(err, Math.abs(check[c * H * H + i] - wasm.out[i * C + c]));
    scale = Math.max(scale, Math.abs(wasm.out[i * C + c]));
  }

const line = (name: string, ms: number) =>
  `${name.padEnd(44)}${ms.toFixed(1).padStart(9)} ms${(flop / ms / 1e6).toFixed(2).padStart(8)} GFLOP/s   ours / this = ${(ours / ms).toFixed(2)}`;
console.log(`\n(2) conv 3x3 128->128 on 52x52, SAME, N=1 (${(flop / 1e9).toFixed(3)} GFLOP), median of ${REPS} (cpu: ${QUICK ? 1 : 3})`);
console.log(line('@mot/cnn conv2d (im2col + JS GEMM, 1 thread)', ours));
console.log(line(`@mot/cnn prepareConv2d (${oursAuto.path}, wasm ${relaxedSimdSupported() ? 'relaxed SIMD' : 'SIMD'})`, oursAutoMs));
console.log(line(`tfjs-backend-wasm (XNNPACK, SIMD ${simd}, ${wasmThreads} thread${wasmThreads === 1 ? '' : 's'}${threads ? '' : ', no threads in Node'})`, wasm.ms));
console.log(line('tfjs-backend-cpu', cpu.ms));
console.log(`max |ours - wasm| = ${err.toExponential(2)} (output scale ${scale.toFixed(1)})`);
