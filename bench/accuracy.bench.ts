/**
 * Accuracy table: every tracker in the registry (@mot/deepsort TRACKERS) on
 * TUD-Campus and PETS09-S2L1 with their public MOT15 det files; trackers that
 * need appearance run once per feature set: OSNet x0_25 and x0_5, the HSV
 * histogram and ROI-Align of NanoDet's feature maps (each embedded from the
 * videos in fixtures/video, as `mot embed` does), plus deep_sort's own
 * released mars-small128 features (fixtures/mot15/<SEQ>/deepsort_detections.npy)
 * as the reference. Scored as `mot eval` scores (evaluateMotChallenge, MOT15
 * protocol): HOTA / MOTA / IDF1 / IDSW per sequence.
 *
 * Then DeepSORT's maxCosineDistance is tuned for OSNet on these two sequences
 * (grid printed; the choice maximises the mean HOTA of the two).
 *
 * Backends: OSNet and NanoDet run on onnxruntime-node here (features equal our
 * runtime's within 1e-4 cosine, osnet-extractor.test.ts); NanoDet is needed
 * only for its feature maps. Set MOT_BENCH_CACHE=<dir> to keep the embedded
 * .npy files between runs.
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Detection } from '@mot/core';
import { TRACKERS, type TrackerDefinition } from '@mot/deepsort';
import { createAppearanceExtractor, embedDetections } from '@mot/detector';
import { evaluateMotChallenge, type MetricsSummary } from '@mot/metrics';
import { type DeepSortDetections, type ResultRow, readDeepSortDetections, readMotFile, rowsByFrame, writeDeepSortDetections, writeMotResults } from '@mot/motchallenge';
import { readFrames } from '@mot/video';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const SEQUENCES = [
  { name: 'TUD-Campus', video: 'video/TUD-Campus.mp4' },
  { name: 'PETS09-S2L1', video: 'video/PETS09-S2L1.avi' },
];
const EXTRACTORS = ['osnet', 'osnet_x0_5', 'hsv', 'roi-align'] as const;
const REFERENCE_FEATURES = 'mars-small128';
const COSINE_GRID = [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5];

const cache = process.env.MOT_BENCH_CACHE;
if (cache !== undefined) mkdirSync(cache, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'mot-accuracy-'));

/** The sequence's detections embedded with `name` (cached as .npy when MOT_BENCH_CACHE is set). */
async function features(seq: (typeof SEQUENCES)[number], name: string): Promise<DeepSortDetections> {
  if (name === REFERENCE_FEATURES) return readDeepSortDetections(`${FIXTURES}mot15/${seq.name}/deepsort_detections.npy`);
  const cached = cache === undefined ? undefined : join(cache, `${seq.name}-${name}.npy`);
  if (cached !== undefined && existsSync(cached)) return readDeepSortDetections(cached);
  const t0 = performance.now();
  const extractor = await createAppearanceExtractor(name, { backend: 'ort', threads: 1 });
  const dets = await embedDetections(readFrames(`${FIXTURES}${seq.video}`), readMotFile(`${FIXTURES}mot15/${seq.name}/det.txt`, 'det'), extractor);
  await extractor.release();
  console.error(`  embedded ${seq.name} with ${name}: ${dets.rows.length} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  if (cached !== undefined) writeDeepSortDetections(cached, dets);
  return dets;
}

/** Tracks like `mot track`: frames 1 .. last frame with a detection. */
function track(def: TrackerDefinition<never>, options: Record<string, number>, dets: DeepSortDetections): ResultRow[] {
  const { rows, features: f, featureDim: d } = dets;
  const byFrame = rowsByFrame(rows);
  const last = Math.max(...byFrame.keys());
  const tracker = def.create(options as never);
  const out: ResultRow[] = [];
  for (let frame = 1; frame <= last; frame++) {
    const frameDets: Detection[] = (byFrame.get(frame) ?? []).map((i) => ({
      box: [rows.x[i], rows.y[i], rows.w[i], rows.h[i]],
      score: rows.score[i],
      classId: rows.classId[i],
      feature: d > 0 ? f.subarray(i * d, (i + 1) * d) : undefined,
    }));
    for (const t of tracker.update(frameDets)) out.push({ frame, id: t.id, box: t.box });
  }
  return out;
}

let runs = 0;
/** Tracks and scores one sequence as `mot eval` does (seqinfo.ini beside gt.txt gives the length). */
function score(seq: string, def: TrackerDefinition<never>, options: Record<string, number>, dets: DeepSortDetections): MetricsSummary {
  const results = join(work, `run${runs++}.txt`);
  writeMotResults(results, track(def, options, dets));
  return evaluateMotChallenge({ gt: `${FIXTURES}mot15/${seq}/gt.txt`, results, benchmark: 'MOT15' }).combined.summary;
}

const pct = (v: number) => (100 * v).toFixed(1).padStart(5);
const line = (label: string, s: MetricsSummary) => `  ${label.padEnd(34)} ${pct(s.HOTA)} ${pct(s.MOTA)} ${pct(s.IDF1)} ${String(s.IDSW).padStart(5)}`;

const featureSets: Record<string, Record<string, DeepSortDetections>> = {};
for (const seq of SEQUENCES) {
  featureSets[seq.name] = {};
  for (const name of [...EXTRACTORS, REFERENCE_FEATURES]) featureSets[seq.name][name] = await features(seq, name);
}

console.log('Accuracy on MOT15 public detections, scored as mot eval (MOT15 protocol), ratios in %');
console.log(`Trackers from the registry: ${Object.keys(TRACKERS).join(', ')}; default options unless stated.`);
console.log(`Features: ${EXTRACTORS.join(', ')} embedded from fixtures/video (OSNet and NanoDet on onnxruntime-node); ${REFERENCE_FEATURES} = deep_sort's released file.`);
for (const seq of SEQUENCES) {
  console.log(`\n${seq.name}${' '.repeat(36 - seq.name.length)} HOTA  MOTA  IDF1  IDSW`);
  for (const def of Object.values(TRACKERS)) {
    if (!def.needsFeatures) {
      console.log(line(def.id, score(seq.name, def, {}, featureSets[seq.name].hsv)));
      continue;
    }
    for (const name of [...EXTRACTORS, REFERENCE_FEATURES]) console.log(line(`${def.id} + ${name}`, score(seq.name, def, {}, featureSets[seq.name][name])));
  }
}

// Tuning: every tracker with a maxCosineDistance option, on the OSNet features.
for (const def of Object.values(TRACKERS).filter((d) => d.params.some((p) => p.name === 'maxCosineDistance'))) {
  const fallback = def.params.find((p) => p.name === 'maxCosineDistance')?.default;
  for (const name of ['osnet', 'osnet_x0_5']) {
    console.log(`\n${def.id} + ${name}: maxCosineDistance grid (default ${fallback}); HOTA / IDF1 / IDSW per sequence, mean HOTA`);
    let best = { value: Number.NaN, hota: -1 };
    for (const value of COSINE_GRID) {
      const per = SEQUENCES.map((seq) => score(seq.name, def, { maxCosineDistance: value }, featureSets[seq.name][name]));
      const meanHota = per.reduce((s, m) => s + m.HOTA, 0) / per.length;
      if (meanHota > best.hota + 1e-9) best = { value, hota: meanHota };
      console.log(`  ${value.toFixed(2)}  ${per.map((m, k) => `${SEQUENCES[k].name} ${pct(m.HOTA)} ${pct(m.IDF1)} ${String(m.IDSW).padStart(3)}`).join('   ')}   mean HOTA ${pct(meanHota)}`);
    }
    console.log(`  chosen: maxCosineDistance ${best.value} (mean HOTA ${pct(best.hota)}; tuned on these two sequences only)`);
  }
}
