// NanoDet-g end to end (letterbox -> network -> GFL decode + NMS -> frame px)
// on 5 real frames (TUD-Campus #0, #35, #70; MOT17-09 and MOT17-05 frame 1),
// with the network on our core (@mot/detector graph runtime on @mot/cnn),
// tfjs-backend-wasm (tfjs-converter GraphModel) and onnxruntime-node (1
// thread and its default), all in this process. Prints ms/frame (median over
// the frames after a warm-up), ratios to our core, our split into
// preprocess / network / decode, where the network time goes per op type, and
// the largest raw-output difference between the engines on these frames.
//
//   node --import tsx bench/detector.bench.ts
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Tensor } from '@mot/cnn';
import type { Frame } from '@mot/core';
import {
  DEFAULT_NANODET_MODEL,
  DEFAULT_NANODET_ONNX,
  NanoDetDetector,
  type RawOutput,
  decodeNanoDet,
  inputBoxesToImage,
  letterbox,
  nanodetLevels,
} from '@mot/detector';
import type { RunProfile } from '@mot/runtime';
import { readFrames, readImage } from '@mot/video';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { loadTfjsGraphModelFromFile, median } from './bench-utils.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixture = (p: string) => join(root, 'fixtures', p);

const frames: Array<{ name: string; frame: Frame }> = [];
for await (const f of readFrames(fixture('video/TUD-Campus.mp4'))) {
  if (f.index === 0 || f.index === 35 || f.index === 70) frames.push({ name: `TUD-Campus #${f.index}`, frame: f });
}
for (const seq of ['MOT17-09-FRCNN', 'MOT17-05-FRCNN']) frames.push({ name: `${seq} #1`, frame: await readImage(fixture(`mot17-frames/${seq}/img1/000001.jpg`)) });

interface Row {
  engine: string;
  ms: number;
}
const rows: Row[] = [];
const raw: Record<string, Array<Record<string, RawOutput>>> = {};

/** Warm-up on the first frame, then each frame once; median ms. */
async function timeFrames(fn: (f: Frame, k: number) => Promise<unknown>): Promise<number> {
  await fn(frames[0].frame, -1);
  const ms: number[] = [];
  for (let k = 0; k < frames.length; k++) {
    const t0 = performance.now();
    await fn(frames[k].frame, k);
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

// Our core: whole detector, plus a split of one frame and a profile.
const ours = await NanoDetDetector.create({ classes: 'all' });
raw.ours = [];
rows.push({ engine: 'ours (@mot/cnn, model.json)', ms: await timeFrames(async (f, k) => k >= 0 && (raw.ours[k] = (await ours.infer(f)).outputs)) });
const split = { pre: [] as number[], net: [] as number[], post: [] as number[] };
let profile: RunProfile | undefined;
for (const { frame } of frames) {
  const t0 = performance.now();
  const { input, transform } = letterbox(frame);
  const t1 = performance.now();
  const run = await ours.engine.run(input, profile === undefined);
  profile ??= run.profile;
  const t2 = performance.now();
  const d = decodeNanoDet(nanodetLevels(run.outputs, 80, 416), { classes: 'all' });
  inputBoxesToImage(d.boxes, transform);
  const t3 = performance.now();
  split.pre.push(t1 - t0);
  split.net.push(t2 - t1);
  split.post.push(t3 - t2);
}

// tfjs-backend-wasm for the network, our preprocessing and decode around it.
await tf.setBackend('wasm');
const tfModel = await loadTfjsGraphModelFromFile(DEFAULT_NANODET_MODEL);
async function tfjsRun(input: Tensor): Promise<Record<string, RawOutput>> {
  const x = tf.tensor(input.data, [...input.shape]);
  const outs = tfModel.execute(x, tfModel.outputNodes) as tf.Tensor[];
  const res: Record<string, RawOutput> = {};
  for (let i = 0; i < outs.length; i++) res[tfModel.outputNodes[i]] = { shape: outs[i].shape, data: (await outs[i].data()) as Float32Array };
  tf.dispose([x, ...outs]);
  return res;
}
raw.tfjs = [];
rows.push({
  engine: 'tfjs-backend-wasm 4.22 (1 thread)',
  ms: await timeFrames(async (f, k) => {
    const { input, transform } = letterbox(f);
    const out = await tfjsRun(input);
    if (k >= 0) raw.tfjs[k] = out;
    inputBoxesToImage(decodeNanoDet(nanodetLevels(out, 80, 416), { classes: 'all' }).boxes, transform);
  }),
});

// onnxruntime-node, whole detector.
for (const threads of [1, undefined]) {
  const det = await NanoDetDetector.create({ classes: 'all', backend: 'ort', threads });
  const key = `ort${threads ?? ''}`;
  raw[key] = [];
  rows.push({
    engine: `onnxruntime-node 1.30 (${threads === undefined ? 'default threads' : '1 thread'})`,
    ms: await timeFrames(async (f, k) => k >= 0 && (raw[key][k] = (await det.infer(f)).outputs)),
  });
  await det.release();
}

const base = rows[0].ms;
console.log(`NanoDet-g detector end to end on ${frames.length} real frames (${frames.map((f) => f.name).join(', ')}); median ms/frame after a warm-up`);
console.log('engine                                   ms/frame   time / ours   ours / time');
for (const r of rows) console.log(`${r.engine.padEnd(40)} ${r.ms.toFixed(1).padStart(9)} ${(r.ms / base).toFixed(4).padStart(12)} ${(base / r.ms).toFixed(1).padStart(12)}`);
console.log(`\nour split (median): preprocess ${median(split.pre).toFixed(1)} ms, network ${median(split.net).toFixed(1)} ms, decode + NMS ${median(split.post).toFixed(2)} ms`);
if (profile !== undefined) {
  console.log(`\nwhere our network time goes (one profiled run: ${profile.totalMs.toFixed(0)} ms in nodes, peak live tensors ${(profile.peakLiveBytes / 1e6).toFixed(1)} MB)`);
  console.log('op               calls        ms   share');
  for (const r of profile.byOp) console.log(`${r.op.padEnd(15)} ${String(r.calls).padStart(6)} ${r.ms.toFixed(1).padStart(9)} ${(100 * r.share).toFixed(1).padStart(6)}%`);
}
// Acceptance check of issue 5: all six raw outputs within 1e-3 of tfjs and onnxruntime.
for (const other of ['tfjs', 'ort1', 'ort']) {
  let worst = 0;
  for (let k = 0; k < frames.length; k++) {
    for (const [name, o] of Object.entries(raw.ours[k])) {
      const b = raw[other][k][name].data;
      for (let i = 0; i < o.data.length; i++) worst = Math.max(worst, Math.abs(o.data[i] - b[i]));
    }
  }
  console.log(`max |ours - ${other}| over the 6 outputs x ${frames.length} frames: ${worst.toExponential(2)} (${worst <= 1e-3 ? 'within' : 'OVER'} 1e-3)`);
}
