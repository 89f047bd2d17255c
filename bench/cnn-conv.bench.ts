import { seededRandom } from '@mot/core';
// Convolution speed of @mot/cnn, all in this process:
// (1) GEMM GFLOP/s for every distinct convolution of the shipped NanoDet-g
//     (models/nanodet): the layer list is derived by walking the tfjs graph in
//     nanodet.json from its 1x3x416x416 input (shapes of Transpose / Pad /
//     Conv2D / MaxPool / ResizeBilinear / ConcatV2 / SplitV ... with the int32
//     constants read from nanodet.bin), then each conv's GEMM
//     (M = Cout, K = Cin*kh*kw, N = Ho*Wo) and whole conv2d (im2col + GEMM)
//     are timed; the sum over the 34 convs is the per-frame conv estimate.
// (2) a 3x3 128->128 SAME conv on 52x52 (NanoDet's largest, the stride-8 head):
//     our conv2d against tfjs-backend-wasm and tfjs-backend-cpu 4.22.
// Reported: median wall time (ms) over several repetitions, and ratios.
//
//   node --import tsx bench/cnn-conv.bench.ts           (about a minute)
//   node --import tsx bench/cnn-conv.bench.ts --quick   (fewer repetitions)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ConvPadding, type Tensor, conv2d, gemm, tensor } from '@mot/cnn';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { median } from './bench-utils.js';

const QUICK = process.argv.includes('--quick');
const REPS = QUICK ? 3 : 7;
const MODEL = fileURLToPath(new URL('../models/nanodet/', import.meta.url));

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

// ---- (1) NanoDet's convolutions, derived from the graph ----

interface GraphNode {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, { s?: string; i?: string; b?: boolean; list?: { i?: string[] }; shape?: { dim: { size: string }[] } }>;
}
interface ManifestWeight {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { dtype: string };
}
const model = JSON.parse(readFileSync(`${MODEL}nanodet.json`, 'utf8')) as {
  modelTopology: { node: GraphNode[] };
  weightsManifest: { weights: ManifestWeight[] }[];
};
const bin = readFileSync(`${MODEL}nanodet.bin`);
const nodes = new Map(model.modelTopology.node.map((n) => [n.name, n]));

// Constants lie in the .bin in manifest order; float weights are stored as
// float16 (2 bytes), int32 ones as 4. Only the int32 values (permutations,
// paddings, sizes, axes) are needed here, plus every constant's shape.
const constShape = new Map<string, number[]>();
const constInt = new Map<string, Int32Array>();
let byteOffset = 0;
for (const w of model.weightsManifest.flatMap((m) => m.weights)) {
  const count = w.shape.reduce((a, b) => a * b, 1);
  const bytes = w.quantization?.dtype === 'float16' ? 2 : 4;
  constShape.set(w.name, w.shape);
  if (w.dtype === 'int32') constInt.set(w.name, new Int32Array(bin.buffer.slice(bin.byteOffset + byteOffset, bin.byteOffset + byteOffset + 4 * count)));
  byteOffset += bytes * count;
}
if (byteOffset !== bin.length) throw new Error(`nanodet.bin: manifest covers ${byteOffset} bytes, file has ${bin.length}`);

const ints = (ref: string): number[] => {
  const v = constInt.get(ref);
  if (v === undefined) throw new Error(`constant ${ref} is not an int32 weight`);
  return [...v];
};
const listAttr = (n: GraphNode, key: string): number[] => (n.attr?.[key]?.list?.i ?? []).map(Number);
const strAttr = (n: GraphNode, key: string): string => Buffer.from(n.attr?.[key]?.s ?? '', 'base64').toString();

/** Broadcast of two shapes (numpy rules). */
function broadcast(a: number[], b: number[]): number[] {
  const n = Math.max(a.length, b.length);
  return Array.from({ length: n }, (_, i) => {
    const x = a[a.length - n + i] ?? 1, y = b[b.length - n + i] ?? 1;
    return x === 1 ? y : x;
  });
}

const shapes = new Map<string, number[]>();
/** Output shape of a node reference (`name` or `name:k`), computed on demand from its inputs. */
function shapeOf(ref: string): number[] {
  const known = shapes.get(ref);
  if (known) return known;
  const [name, idx] = ref.split(':');
  const n = nodes.get(name);
  if (n === undefined) throw new Error(`graph: no node ${name}`);
  const ins = n.input ?? [];
  let out: number[];
  switch (n.op) {
    case 'Const':
      out = constShape.get(name) ?? [];
      break;
    case 'Placeholder':
      out = (n.attr?.shape?.shape?.dim ?? []).map((d) => Number(d.size));
      break;
    case 'Transpose': {
      const s = shapeOf(ins[0]);
      out = ints(ins[1]).map((p) => s[p]);
      break;
    }
    case 'Pad':
    case 'PadV2': {
      const p = ints(ins[1]);
      out = shapeOf(ins[0]).map((d, i) => d + p[2 * i] + p[2 * i + 1]);
      break;
    }
    case 'Conv2D':
    case 'MaxPool': {
      // NHWC (checked below for Conv2D); VALID padding (the graph pads explicitly)
      const [nb, h, w, c] = shapeOf(ins[0]);
      const [kh, kw, , co] = n.op === 'Conv2D' ? shapeOf(ins[1]) : [listAttr(n, 'ksize')[1], listAttr(n, 'ksize')[2], c, c];
      const [, sh, sw] = listAttr(n, 'strides');
      const [, dh, dw] = n.op === 'Conv2D' ? listAttr(n, 'dilations') : [1, 1, 1];
      if (strAttr(n, 'padding') !== 'VALID' || (n.op === 'Conv2D' && strAttr(n, 'data_format') !== 'NHWC')) {
        throw new Error(`graph: ${name} is not a VALID NHWC ${n.op}`);
      }
      out = [nb, Math.floor((h - (kh - 1) * dh - 1) / sh) + 1, Math.floor((w - (kw - 1) * dw - 1) / sw) + 1, co];
      break;
    }
    case 'ResizeBilinear': {
      const [nb, , , c] = shapeOf(ins[0]);
      const [h, w] = ints(ins[1]);
      out = [nb, h, w, c];
      break;
    }
    case 'ConcatV2': {
      const parts = ins.slice(0, -1).map(shapeOf);
      const rank = parts[0].length;
      const axis = (ints(ins[ins.length - 1])[0] + rank) % rank;
      out = parts[0].map((d, i) => (i === axis ? parts.reduce((s, p) => s + p[i], 0) : d));
      break;
    }
    case 'SplitV': {
      const s = shapeOf(ins[0]);
      const axis = (ints(ins[2])[0] + s.length) % s.length;
      out = s.map((d, i) => (i === axis ? ints(ins[1])[Number(idx ?? 0)] : d));
      break;
    }
    case 'Add':
    case 'AddV2':
      out = broadcast(shapeOf(ins[0]), shapeOf(ins[1]));
      break;
    case 'LeakyRelu':
    case 'Sigmoid':
    case 'Identity':
      out = shapeOf(ins[0]);
      break;
    default:
      throw new Error(`graph: shape rule for ${n.op} (${name}) not implemented`);
  }
  shapes.set(ref, out);
  return out;
}

interface ConvLayer {
  cin: number;
  h: number;
  w: number;
  cout: number;
  kh: number;
  kw: number;
  stride: number;
  /** [top, bottom, left, right] px, taken from the Pad that feeds the conv (through its layout Transpose). */
  pad: [number, number, number, number];
  ho: number;
  wo: number;
}

function convLayer(n: GraphNode): ConvLayer {
  const ins = n.input ?? [];
  const [, ho, wo, cout] = shapeOf(n.name);
  const [kh, kw, cin] = shapeOf(ins[1]);
  const [, sh] = listAttr(n, 'strides');
  let pad: [number, number, number, number] = [0, 0, 0, 0];
  let [, h, w] = shapeOf(ins[0]);
  // The ONNX export pads NCHW then transposes to NHWC: find that Pad and undo it.
  const tr = nodes.get(ins[0]);
  const padNode = tr?.op === 'Transpose' ? nodes.get(tr.input?.[0] ?? '') : undefined;
  if (tr !== undefined && padNode?.op === 'Pad') {
    const perm = ints(tr.input?.[1] ?? '');
    const p = ints(padNode.input?.[1] ?? '');
    const axisH = perm[1], axisW = perm[2];
    pad = [p[2 * axisH], p[2 * axisH + 1], p[2 * axisW], p[2 * axisW + 1]];
    h -= pad[0] + pad[1];
    w -= pad[2] + pad[3];
  }
  return { cin, h, w, cout, kh, kw, stride: sh, pad, ho, wo };
}

const convNodes = [...nodes.values()].filter((n) => n.op === 'Conv2D');
const layers = convNodes.map(convLayer);
const distinct = new Map<string, { layer: ConvLayer; count: number }>();
for (const l of layers) {
  const key = JSON.stringify(l);
  const e = distinct.get(key);
  if (e) e.count++;
  else distinct.set(key, { layer: l, count: 1 });
}
let totalMacs = 0;
for (const l of layers) totalMacs += l.cout * l.cin * l.kh * l.kw * l.ho * l.wo;

console.log(`NanoDet-g: ${convNodes.length} Conv2D nodes, ${distinct.size} distinct shapes, ${(totalMacs / 1e6).toFixed(1)} M MACs per 416x416 frame`);
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
