// NanoDet person detection and tracking on the TUD-Campus video (71 frames,
// 640x480; ground truth fixtures/mot15/TUD-Campus/gt.txt, MOTChallenge):
//
// 1. detection precision / recall against gt (IoU >= 0.5; greedy matching by
//    descending score, one gt per detection, as the VOC/COCO protocol) at score
//    thresholds 0.20 .. 0.50; the public det.txt (MOT15's DPM detections) for scale;
// 2. trackers on NanoDet detections (score >= --track-score, default 0.3):
//    DeepSORT with ROI-Align embeddings (the detector's own feature maps), DeepSORT
//    with HSV colour histograms, and two IoU-only baselines: SORT (reference
//    defaults) and DeepSORT with one constant feature for every detection (the
//    cosine cost is then 0 for every pair, so the cascade matches on the Kalman
//    gate alone, then IoU); HOTA, MOTA, IDF1 from @mot/metrics (MOT15 protocol).
//    SORT on the public det.txt is printed for scale.
//
//   node --import tsx bench/detector-tracking.bench.ts [--backend cnn|ort] [--track-score 0.3]
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Detection, type Frame, type Track, type Tlwh, iou } from '@mot/core';
import { DeepSortTracker, SortTracker, type Tracker } from '@mot/deepsort';
import { HsvHistogramExtractor, NanoDetDetector, PrecomputedDetector, RoiAlignExtractor } from '@mot/detector';
import { evaluateSequence, motRowsFromArrays, preprocessSequence } from '@mot/metrics';
import { readMotFile } from '@mot/motchallenge';
import { readFrames } from '@mot/video';

const root = fileURLToPath(new URL('..', import.meta.url));
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const backend = arg('backend', 'cnn') as 'cnn' | 'ort';
const trackScore = Number(arg('track-score', '0.3'));
const VIDEO = join(root, 'fixtures/video/TUD-Campus.mp4');
const SEQ = join(root, 'fixtures/mot15/TUD-Campus');
const NUM_FRAMES = 71;

// Ground truth by frame (MOT15 TUD-Campus has no flag-0 rows; they would be dropped).
const gtRows = readMotFile(join(SEQ, 'gt.txt'), 'gt');
const gtByFrame = new Map<number, Tlwh[]>();
for (let i = 0; i < gtRows.length; i++) {
  if (gtRows.score[i] === 0) continue;
  const list = gtByFrame.get(gtRows.frame[i]) ?? [];
  list.push([gtRows.x[i], gtRows.y[i], gtRows.w[i], gtRows.h[i]]);
  gtByFrame.set(gtRows.frame[i], list);
}

// Detect every frame once (lowest threshold of the sweep), with both embeddings.
const detector = await NanoDetDetector.create({ backend, scoreThreshold: 0.2, featureMaps: true });
const roi = new RoiAlignExtractor(detector);
const hsv = new HsvHistogramExtractor();
interface FrameDets {
  dets: Detection[];
  roi: Float32Array[];
  hsv: Float32Array[];
}
const perFrame: FrameDets[] = [];
let detMs = 0;
for await (const frame of readFrames(VIDEO)) {
  const t0 = performance.now();
  const dets = await detector.detect(frame);
  detMs += performance.now() - t0;
  const boxes = dets.map((d) => d.box);
  perFrame.push({ dets, roi: await roi.extract(frame, boxes), hsv: await hsv.extract(frame as Frame, boxes) });
}
await detector.release();
if (perFrame.length !== NUM_FRAMES) throw new Error(`expected ${NUM_FRAMES} frames, decoded ${perFrame.length}`);
console.log(`NanoDet-g on ${backend === 'cnn' ? 'our core (@mot/cnn)' : 'onnxruntime-node'}: ${perFrame.length} frames, ${(detMs / perFrame.length).toFixed(0)} ms/frame (detect only)`);

/** Greedy matching by descending score: TP when a detection overlaps a still-unmatched gt box with IoU >= 0.5. */
function precisionRecall(byFrame: Map<number, Detection[]>): { tp: number; fp: number; fn: number; p: number; r: number } {
  let tp = 0;
  let fp = 0;
  let nGt = 0;
  for (let f = 1; f <= NUM_FRAMES; f++) {
    const gt = gtByFrame.get(f) ?? [];
    nGt += gt.length;
    const used = new Uint8Array(gt.length);
    const dets = [...(byFrame.get(f) ?? [])].sort((a, b) => b.score - a.score);
    for (const d of dets) {
      let best = -1;
      let bestIou = 0.5;
      gt.forEach((g, j) => {
        const v = iou(d.box, g);
        if (!used[j] && v >= bestIou) [best, bestIou] = [j, v];
      });
      if (best >= 0) {
        used[best] = 1;
        tp++;
      } else fp++;
    }
  }
  return { tp, fp, fn: nGt - tp, p: tp / Math.max(tp + fp, 1), r: tp / nGt };
}

// TUD-Campus gt annotates only the people walking in front (every gt box is >= 129 px
// tall); NanoDet also finds the people behind the glass front of the building, which
// count as false positives. The second sweep keeps boxes >= MIN_HEIGHT px tall.
const MIN_HEIGHT = 100;
for (const minH of [0, MIN_HEIGHT]) {
  console.log(`\nperson detection vs gt.txt (IoU 0.5)${minH > 0 ? `, boxes >= ${minH} px tall` : ''}`);
  console.log('score >=   dets     TP     FP     FN   precision   recall');
  for (let t = 0.2; t <= 0.5 + 1e-9; t += 0.05) {
    const byFrame = new Map(perFrame.map((p, k) => [k + 1, p.dets.filter((d) => d.score >= t && d.box[3] >= minH)]));
    const m = precisionRecall(byFrame);
    console.log(`${t.toFixed(2).padStart(8)} ${String(m.tp + m.fp).padStart(6)} ${String(m.tp).padStart(6)} ${String(m.fp).padStart(6)} ${String(m.fn).padStart(6)} ${m.p.toFixed(4).padStart(11)} ${m.r.toFixed(4).padStart(8)}`);
  }
}
const publicDet = PrecomputedDetector.fromMotFile(join(SEQ, 'det.txt'));
const publicByFrame = new Map<number, Detection[]>();
for (let f = 1; f <= NUM_FRAMES; f++) publicByFrame.set(f, await publicDet.detect({ index: f - 1, timeMs: 0, width: 640, height: 480, data: new Uint8Array(0) }));
const pub = precisionRecall(publicByFrame);
console.log(`public det.txt (all rows) ${String(pub.tp + pub.fp).padStart(4)} ${String(pub.tp).padStart(6)} ${String(pub.fp).padStart(6)} ${String(pub.fn).padStart(6)} ${pub.p.toFixed(4).padStart(11)} ${pub.r.toFixed(4).padStart(8)}`);

/** Runs a tracker over frames 1..71 and scores it. */
function track(tracker: Tracker, detsOf: (f: number) => Detection[]) {
  const rows: number[][] = [];
  for (let f = 1; f <= NUM_FRAMES; f++) {
    const tracks: Track[] = tracker.update(detsOf(f));
    for (const t of tracks) rows.push([f, t.id, ...t.box]);
  }
  const data = preprocessSequence(gtRows, motRowsFromArrays(rows, 'tracker'), { numFrames: NUM_FRAMES, benchmark: 'MOT15', name: 'TUD-Campus' });
  return evaluateSequence(data).summary;
}
const withFeature = (f: number, which: 'roi' | 'hsv' | 'const', minH: number): Detection[] => {
  const p = perFrame[f - 1];
  const out: Detection[] = [];
  p.dets.forEach((d, i) => {
    if (d.score < trackScore || d.box[3] < minH) return;
    out.push({ ...d, feature: which === 'const' ? Float32Array.of(1) : p[which][i] });
  });
  return out;
};

for (const minH of [0, MIN_HEIGHT]) {
  const ds = () => new DeepSortTracker({ minConfidence: trackScore });
  const results: Array<[string, ReturnType<typeof track>]> = [
    ['DeepSORT + ROI-Align embeddings', track(ds(), (f) => withFeature(f, 'roi', minH))],
    ['DeepSORT + HSV colour histograms', track(ds(), (f) => withFeature(f, 'hsv', minH))],
    ['IoU only: DeepSORT, constant feature', track(ds(), (f) => withFeature(f, 'const', minH))],
    ['IoU only: SORT (max_age 1, min_hits 3)', track(new SortTracker(), (f) => withFeature(f, 'const', minH))],
  ];
  if (minH === 0) results.push(['scale: SORT on public det.txt', track(new SortTracker(), (f) => publicByFrame.get(f) ?? [])]);
  console.log(`\ntracking TUD-Campus (NanoDet persons, score >= ${trackScore}${minH > 0 ? `, >= ${minH} px tall` : ''}; MOT15 protocol)`);
  console.log('tracker                                    HOTA     MOTA     IDF1   IDSW    FP    FN  Recall  Precision');
  for (const [name, s] of results) {
    console.log(
      `${name.padEnd(40)} ${s.HOTA.toFixed(4).padStart(7)} ${s.MOTA.toFixed(4).padStart(8)} ${s.IDF1.toFixed(4).padStart(8)} ${String(s.IDSW).padStart(6)} ${String(s.FP).padStart(5)} ${String(s.FN).padStart(5)} ${s.Recall.toFixed(4).padStart(7)} ${s.Precision.toFixed(4).padStart(10)}`,
    );
  }
}
