// Speed of `mot track` on PETS09-S2L1 (768x576, 795 frames, MOT15) with the
// default detector (NanoDet-g, persons) and SORT, for --backend cnn (our own
// CNN core) and --backend ort (onnxruntime-node), both run here in this
// process, with the share of wall time per stage: decode (waiting on ffmpeg
// for the next frame), detect, embed (only with --tracker deepsort: ROI Align
// on NanoDet's maps), track, annotate (drawing into the frame) and encode
// (until ffmpeg took the frame), i.e. `mot track ... -o ... --annotated ...`.
// Also printed: the machine's CPU over the run by kind (user, system, idle,
// steal; Linux /proc/stat), to tell a run slowed by the shared machine from a
// slow run (this VM's speed drifts by about 20 % between phases).
//
//   node --import tsx bench/pipeline-speed.bench.ts [--frames 795] [--backends cnn,ort] [--tracker sort] [--threads 2] [--annotated no]
//
// --annotated no: tracks only, no drawing and no video encode (`mot track
// video -o tracks.txt`). Our kernels run their relaxed-SIMD build, as under
// `mot` (./relaxed-simd-flag.ts; MOT_RELAXED_SIMD=0 for plain SIMD).
//
// --frames limits the run (default 40: NanoDet on our core takes about a
// second a frame before the WebAssembly kernels; both backends run the same
// frames, so their ratio is fair at any length).
import './relaxed-simd-flag.js';
import { fileURLToPath } from 'node:url';
import type { Detection, Frame } from '@mot/core';
import { getTracker, type Tracker } from '@mot/deepsort';
import { type AppearanceExtractor, type NanoDetBackend, NanoDetDetector, PooledDetector, RoiAlignExtractor } from '@mot/detector';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { annotate, track, writeResultVideo } from '@mot/pipeline';
import { relaxedSimdSupported } from '@mot/cnn';
import { readFrames } from '@mot/video';
import { lastValueFrom, type MonoTypeOperatorFunction, pipe, tap } from 'rxjs';

const VIDEO = fileURLToPath(new URL('../fixtures/video/PETS09-S2L1.avi', import.meta.url));
const flag = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const FRAMES = Number(flag('frames', '40'));
const BACKENDS = flag('backends', 'cnn,ort').split(',') as NanoDetBackend[];
const THREADS = Number(flag('threads', '1'));
const TRACKER = flag('tracker', 'sort');
const ANNOTATED = flag('annotated', 'yes') !== 'no';
const work = mkdtempSync(join(tmpdir(), 'mot-speed-bench-'));

type Stage = 'decode' | 'detect' | 'embed' | 'track' | 'annotate' | 'encode';
const STAGES: readonly Stage[] = ['decode', 'detect', 'embed', 'track', 'annotate', 'encode'];

/** Times the operators between two taps: the stage's own work per frame (one frame in flight, so no overlap). */
function timed<T>(ms: Record<Stage, number>, stage: Stage, op: MonoTypeOperatorFunction<T>): MonoTypeOperatorFunction<T> {
  let started = 0;
  return pipe(
    tap(() => (started = performance.now())),
    op,
    tap(() => (ms[stage] += performance.now() - started)),
  );
}

/**
 * The machine's CPU time by kind so far (Linux /proc/stat, in clock ticks), or
 * undefined elsewhere: the run's share of steal (time the VM's host gave to
 * others) and idle tells a slow phase of the machine from a slow run.
 */
function cpuTicks(): number[] | undefined {
  if (!existsSync('/proc/stat')) return undefined;
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  return line.trim().split(/\s+/).slice(1, 9).map(Number);
}

function cpuShares(before: number[] | undefined, after: number[] | undefined): string {
  if (before === undefined || after === undefined) return 'machine CPU shares: /proc/stat not available';
  const d = after.map((v, i) => v - before[i]);
  const total = d.reduce((a, v) => a + v, 0);
  const pct = (i: number) => `${((100 * d[i]) / total).toFixed(1)}%`;
  return `machine CPU over the run (/proc/stat, both cores): user ${pct(0)}, system ${pct(2)}, idle ${pct(3)}, steal ${pct(7)}`;
}

async function run(backend: NanoDetBackend): Promise<{ frames: number; wallMs: number; loadMs: number; ms: Record<Stage, number>; shares: string }> {
  const ms: Record<Stage, number> = { decode: 0, detect: 0, embed: 0, track: 0, annotate: 0, encode: 0 };
  const def = getTracker(TRACKER);
  const t0 = performance.now();
  const nanodet = await NanoDetDetector.create({ backend, featureMaps: def.needsFeatures });
  // --threads N (our core, trackers without ROI-Align): N worker threads, N frames in flight,
  // as `mot track --threads`; the detect share is then the time frames wait for detections.
  const pool = THREADS > 1 && backend === 'cnn' && !def.needsFeatures ? await PooledDetector.create({ threads: THREADS, detector: { backend } }) : undefined;
  const loadMs = performance.now() - t0;
  const detector = {
    concurrency: pool?.concurrency ?? 1,
    async detect(frame: Frame): Promise<Detection[]> {
      const s = performance.now();
      const d = await (pool ?? nanodet).detect(frame);
      ms.detect += performance.now() - s;
      return d;
    },
  };
  const roi = def.needsFeatures ? new RoiAlignExtractor(nanodet) : undefined;
  const appearance: AppearanceExtractor | undefined =
    roi === undefined
      ? undefined
      : {
          async extract(frame, boxes) {
            const s = performance.now();
            const f = await roi.extract(frame, boxes);
            ms.embed += performance.now() - s;
            return f;
          },
        };
  const inner = def.create();
  const tracker: Tracker = {
    update(dets) {
      const s = performance.now();
      const t = inner.update(dets);
      ms.track += performance.now() - s;
      return t;
    },
    reset: () => inner.reset(),
  };
  const frames = readFrames(VIDEO, { maxFrames: FRAMES });
  const timedFrames: AsyncIterable<Frame> = {
    [Symbol.asyncIterator]: () => ({
      async next() {
        const s = performance.now();
        const r = await frames.next();
        ms.decode += performance.now() - s;
        return r;
      },
      return: () => frames.return(undefined),
    }),
  };
  let n = 0;
  const ticks0 = cpuTicks();
  const w0 = performance.now();
  const stages = ANNOTATED ? pipe(timed(ms, 'annotate', annotate()), timed(ms, 'encode', writeResultVideo(join(work, `${backend}.mp4`)))) : undefined;
  await lastValueFrom(track(timedFrames, { detector, tracker, appearance, stages }).pipe(tap(() => n++)));
  const wallMs = performance.now() - w0;
  const shares = cpuShares(ticks0, cpuTicks());
  await pool?.close();
  await nanodet.release();
  return { frames: n, wallMs, loadMs, ms, shares };
}

console.log(
  `PETS09-S2L1 (768x576), first ${FRAMES} frames, NanoDet-g persons + ${TRACKER}, ${ANNOTATED ? 'annotated video encoded' : 'tracks only (no annotated video)'}, --threads ${THREADS}, our kernels ${relaxedSimdSupported() ? 'relaxed SIMD' : 'plain SIMD'}; measured here, ${new Date().toISOString()}`,
);
const fps: Partial<Record<NanoDetBackend, number>> = {};
for (const backend of BACKENDS) {
  const r = await run(backend);
  fps[backend] = r.frames / (r.wallMs / 1000);
  const shares = STAGES.map((s) => `${s} ${((100 * r.ms[s]) / r.wallMs).toFixed(1)}% (${(r.ms[s] / r.frames).toFixed(1)} ms/frame)`);
  const other = r.wallMs - STAGES.reduce((a, s) => a + r.ms[s], 0);
  console.log(`--backend ${backend}: ${fps[backend]?.toFixed(2)} frames/s (${(r.wallMs / r.frames).toFixed(0)} ms/frame; model load ${r.loadMs.toFixed(0)} ms)`);
  // With N frames in flight the detect times of different frames overlap, so
  // the shares add up to more than the wall time and there is no "other".
  const overlapping = THREADS > 1 && backend === 'cnn';
  console.log(
    overlapping
      ? `  time per stage (${THREADS} frames in the detector at once, one more decoded ahead: detect overlaps itself, shares of wall time add up past 100%): ${shares.join(', ')}`
      : `  time per stage: ${shares.join(', ')}, other ${((100 * other) / r.wallMs).toFixed(1)}%`,
  );
  console.log(`  ${r.shares}`);
}
rmSync(work, { recursive: true, force: true });
if (fps.cnn !== undefined && fps.ort !== undefined) console.log(`ort / cnn: ${(fps.ort / fps.cnn).toFixed(1)}x frames/s`);
