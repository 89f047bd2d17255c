/**
 * Appearance extractors on ground-truth crops of TUD-Campus and PETS09-S2L1
 * (the videos in fixtures/video, boxes from fixtures/mot15/<SEQ>/gt.txt,
 * rows with flag 1): how well the cosine distance separates same-identity
 * from different-identity pairs (AUC), for OSNet x0_25 and x0_5, the HSV
 * histogram and ROI-Align of NanoDet's feature maps; then OSNet's time per
 * crop on our runtime and on onnxruntime-node (1 thread), same run.
 *
 * AUC = P(distance of a same-identity pair < distance of a different-identity
 * pair), ties counted half (Mann-Whitney U / (n_same * n_diff)). Crops are
 * taken every STRIDE frames and paired only when at least MIN_GAP frames
 * apart, so that a "same" pair is not two nearly identical neighbouring frames.
 *
 * Backends: OSNet features for the AUC come from onnxruntime-node (our
 * runtime's equal them within 1e-4 cosine: osnet-extractor.test.ts; ours is
 * too slow today to embed every crop in a bench), and NanoDet for ROI-Align
 * runs on onnxruntime-node too (only its feature maps are needed). The speed
 * section runs both engines.
 */
import { fileURLToPath } from 'node:url';
import type { Frame, Tlwh } from '@mot/core';
import { type AppearanceExtractor, OsnetExtractor, createAppearanceExtractor } from '@mot/detector';
import { readMotFile } from '@mot/motchallenge';
import { readFrames } from '@mot/video';
import { median } from './bench-utils.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

interface SequenceSpec {
  name: string;
  video: string;
  /** Crop every STRIDE-th frame. */
  stride: number;
  /** Pair crops at least this many frames apart. */
  minGap: number;
}

const SEQUENCES: SequenceSpec[] = [
  { name: 'TUD-Campus', video: 'video/TUD-Campus.mp4', stride: 3, minGap: 10 },
  { name: 'PETS09-S2L1', video: 'video/PETS09-S2L1.avi', stride: 15, minGap: 35 },
];

// Measured by whoever prepared the models (packages/detector/models/osnet/README.md, "quoted"):
// onnxruntime-node 1.30, CPU, 1 thread; HSV 8x4x4 bins.
const QUOTED_AUC: Record<string, Record<string, number>> = {
  'TUD-Campus': { hsv: 0.875, osnet: 0.896, osnet_x0_5: 0.906 },
  'PETS09-S2L1': { hsv: 0.833, osnet: 0.938, osnet_x0_5: 0.962 },
};

interface Crop {
  frame: number;
  id: number;
  box: Tlwh;
}

/** Ground-truth crops (flag 1) of the sampled frames, and those frames, read once. */
async function sampleCrops(spec: SequenceSpec): Promise<{ crops: Crop[]; frames: Map<number, Frame> }> {
  const gt = readMotFile(`${FIXTURES}mot15/${spec.name}/gt.txt`, 'gt');
  const crops: Crop[] = [];
  for (let i = 0; i < gt.length; i++) {
    const f = gt.frame[i];
    if (gt.score[i] !== 1 || (f - 1) % spec.stride !== 0) continue;
    crops.push({ frame: f, id: gt.id[i], box: [gt.x[i], gt.y[i], gt.w[i], gt.h[i]] });
  }
  const wanted = new Set(crops.map((c) => c.frame));
  const frames = new Map<number, Frame>();
  // Only the sampled frames are kept (TUD 24 x 0.9 MB, PETS 53 x 1.3 MB).
  for await (const fr of readFrames(`${FIXTURES}${spec.video}`)) if (wanted.has(fr.index + 1)) frames.set(fr.index + 1, fr);
  return { crops, frames };
}

async function embedAll(extractor: AppearanceExtractor, crops: Crop[], frames: Map<number, Frame>): Promise<Float32Array[]> {
  const out: Float32Array[] = new Array(crops.length);
  for (const [f, frame] of frames) {
    const idx = crops.flatMap((c, i) => (c.frame === f ? [i] : []));
    const emb = await extractor.extract(frame, idx.map((i) => crops[i].box));
    idx.forEach((i, k) => {
      out[i] = emb[k];
    });
  }
  return out;
}

/** Mann-Whitney AUC of `same` below `diff` (ties half), O((n + m) log(n + m)). */
function pairAuc(same: number[], diff: number[]): number {
  const all = [...same.map((d) => [d, 1] as const), ...diff.map((d) => [d, 0] as const)].sort((a, b) => a[0] - b[0]);
  // Count, for each "same" distance, the "diff" distances above it; equal values count half.
  let diffBelow = 0;
  let wins = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    let s = 0;
    let d = 0;
    while (j < all.length && all[j][0] === all[i][0]) {
      if (all[j][1] === 1) s++;
      else d++;
      j++;
    }
    wins += s * (diff.length - diffBelow - d) + 0.5 * s * d;
    diffBelow += d;
    i = j;
  }
  return wins / (same.length * diff.length);
}

function pairs(crops: Crop[], feats: Float32Array[], minGap: number): { same: number[]; diff: number[] } {
  const same: number[] = [];
  const diff: number[] = [];
  for (let i = 0; i < crops.length; i++) {
    for (let j = i + 1; j < crops.length; j++) {
      if (Math.abs(crops[i].frame - crops[j].frame) < minGap) continue;
      let dot = 0;
      const a = feats[i];
      const b = feats[j];
      for (let k = 0; k < a.length; k++) dot += a[k] * b[k];
      (crops[i].id === crops[j].id ? same : diff).push(1 - dot);
    }
  }
  return { same, diff };
}

const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
const EXTRACTORS = ['osnet', 'osnet_x0_5', 'hsv', 'roi-align'] as const;

console.log('AUC of same- vs different-identity cosine distance, ground-truth crops (flag 1)');
console.log('OSNet features and NanoDet (for roi-align) on onnxruntime-node; "quoted" = packages/detector/models/osnet/README.md');
console.log('sequence      ids  crops  same/diff pairs  extractor     AUC    quoted  mean d same / diff');
const speedCrops: { frame: Frame; boxes: Tlwh[] } = { frame: undefined as unknown as Frame, boxes: [] };
for (const spec of SEQUENCES) {
  const { crops, frames } = await sampleCrops(spec);
  if (spec.name === 'TUD-Campus') {
    const [f, frame] = [...frames][0];
    speedCrops.frame = frame;
    speedCrops.boxes = crops.filter((c) => c.frame === f).map((c) => c.box);
  }
  const ids = new Set(crops.map((c) => c.id)).size;
  for (const name of EXTRACTORS) {
    const extractor = await createAppearanceExtractor(name, { backend: 'ort', threads: 1 });
    const feats = await embedAll(extractor, crops, frames);
    await extractor.release();
    const { same, diff } = pairs(crops, feats, spec.minGap);
    const quoted = QUOTED_AUC[spec.name][name];
    console.log(
      `${spec.name.padEnd(12)} ${String(ids).padStart(4)} ${String(crops.length).padStart(6)} ${`${same.length}/${diff.length}`.padStart(16)}  ${name.padEnd(11)} ${pairAuc(same, diff).toFixed(3)}  ${quoted === undefined ? '   -  ' : quoted.toFixed(3).padStart(6)}  ${mean(same).toFixed(3)} / ${mean(diff).toFixed(3)}`,
    );
  }
}

console.log('\nOSNet time per 256x128 crop (real TUD-Campus crops, one batch), our runtime vs onnxruntime-node 1 thread, same run');
console.log('model   crops/batch   ours ms/crop   onnxruntime ms/crop   ours / onnxruntime');
for (const model of ['x0_25', 'x0_5'] as const) {
  const boxes = speedCrops.boxes.slice(0, 4);
  const time = async (backend: 'cnn' | 'ort', repeats: number) => {
    const e = await OsnetExtractor.create({ model, backend, threads: 1 });
    await e.extract(speedCrops.frame, boxes); // warm-up (JIT, onnxruntime's first-run allocations)
    const ms: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const t0 = performance.now();
      await e.extract(speedCrops.frame, boxes);
      ms.push((performance.now() - t0) / boxes.length);
    }
    await e.release();
    return median(ms);
  };
  const ours = await time('cnn', 3);
  const ort = await time('ort', 20);
  console.log(`${model.padEnd(7)} ${String(boxes.length).padStart(11)}   ${ours.toFixed(1).padStart(12)}   ${ort.toFixed(2).padStart(19)}   ${(ours / ort).toFixed(0).padStart(17)}x`);
}
console.log('(quoted, models README: onnxruntime-node 1.30, 1 thread: x0_25 1.15 ms, x0_5 2.63 ms per crop)');
