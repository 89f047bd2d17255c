import { seededRandom } from '@mot/core';
// Convolution speed of @mot/cnn, all in this process:
// (1) GEMM GFLOP/s for every distinct convolution of the shipped NanoDet-g
//     (packages/detector/models/nanodet): the layer list is derived from nanodet.json by the
//     detector's graph runtime and model analysis, then each conv's GEMM
//     (M = Cout, K = Cin*kh*kw, N = Ho*Wo) and whole conv2d (im2col + GEMM)
//     are timed; the sum over the 34 convs is the per-frame conv estimate.
// (2) a 3x3 128->128 SAME conv on 52x52 (NanoDet's largest, the stride-8 head):
//     our conv2d against tfjs-backend-wasm and tfjs-backend-cpu 4.22.
// Reported: median wall time (ms) over several repetitions, and ratios.
//
//   node --import tsx bench/cnn-conv.bench.ts           (about a minute)
//   node --import tsx bench/cnn-conv.bench.ts --quick   (fewer repetitions)
import { fileURLToPath } from 'node:url';
import { type ConvPadding, type Tensor, analyzeModel, conv2d, gemm, tensor } from '@mot/cnn';
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
console.log('(1) GEMM (M = Cout, K = Cin*kh*kw, N = Ho*Wo) and whole conv2d (im2col + GEMM) per distinct conv;');
console.log('    median ms and GFLOP/s, "best" = GFLOP/s of the fastest run (the machine is shared: medians are noisy); x = occurrences');
console.log(
  `${'conv (Cin HxW -> Cout, k, s, pad)'.padEnd(36)}${'x'.padStart(3)}${'M'.padStart(5)}${'K'.padStart(6)}${'N'.padStart(7)}` +
    `${'gemm ms'.padStart(9)}${'GFLOP/s'.padStart(9)}${'best'.padStart(6)}${'conv ms'.padStart(9)}${'GFLOP/s'.padStart(9)}`,
);
let frameGemm = 0;
let frameConv = 0;
for (const { layer: l, count } of distinct.values()) {
  const m = l.cout, k = l.cin * l.kh * l.kw, n = l.ho * l.wo;
  const flop = 2 * m * k * n;
  const a = randArray(m * k), b = randArray(k * n), c = new Float32Array(m * n);
  const reps = Math.max(3, Math.min(REPS * 3, Math.round(2e9 / flop)));
  const g = timeBoth(reps, () => gemm(m, n, k, a, b, c));
  const gemmMs = g.median;
  const x = tensor([1, l.cin, l.h, l.w], randArray(l.cin * l.h * l.w));
  const wt = tensor([l.cout, l.cin, l.kh, l.kw], a);
  const padding: ConvPadding = l.pad;
  let y: Tensor | undefined;
  const convMs = time(reps, () => (y = conv2d(x, wt, { stride: l.stride, padding })));
  if (y?.shape[2] !== l.ho || y?.shape[3] !== l.wo) throw new Error(`conv2d output ${y?.shape} differs from the graph's ${l.ho}x${l.wo}`);
  frameGemm += count * gemmMs;
  frameConv += count * convMs;
  const name = `${l.cin} ${l.h}x${l.w} -> ${l.cout}, ${l.kh}x${l.kw}, s${l.stride}, [${l.pad.join(',')}]`;
  console.log(
    `${name.padEnd(36)}${String(count).padStart(3)}${String(m).padStart(5)}${String(k).padStart(6)}${String(n).padStart(7)}` +
      `${gemmMs.toFixed(2).padStart(9)}${(flop / gemmMs / 1e6).toFixed(2).padStart(9)}${(flop / g.best / 1e6).toFixed(2).padStart(6)}` +
      `${convMs.toFixed(2).padStart(9)}${(flop / convMs / 1e6).toFixed(2).padStart(9)}`,
  );
}
console.log(
  `NanoDet conv estimate (sum over the ${layers.length} convs): GEMM ${frameGemm.toFixed(0)} ms/frame, ` +
    `conv2d ${frameConv.toFixed(0)} ms/frame = ${((2 * totalMacs) / frameConv / 1e6).toFixed(2)} GFLOP/s overall`,
);

// ---- (2) 3x3 128 -> 128 on 52x52, SAME: ours vs tfjs wasm vs tfjs cpu ----

const C = 128, H = 52;
const xData = randArray(C * H * H);
const wData = randArray(C * C * 9);
const x = tensor([1, C, H, H], xData);
const wt = tensor([C, C, 3, 3], wData);
const flop = 2 * C * C * 9 * H * H;
const ours = time(REPS, () => conv2d(x, wt, { padding: 'same' }));

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
console.log(line(`tfjs-backend-wasm (XNNPACK, SIMD ${simd}, ${wasmThreads} thread${wasmThreads === 1 ? '' : 's'}${threads ? '' : ', no threads in Node'})`, wasm.ms));
console.log(line('tfjs-backend-cpu', cpu.ms));
console.log(`max |ours - wasm| = ${err.toExponential(2)} (output scale ${scale.toFixed(1)})`);
