// Memory of a long run: 20,000 synthetic frames (320x240, three coloured boxes
// on known trajectories, drawn in JS) through track() with a colour detector
// and SORT, annotate() and writeVideo (an h264/mpeg4 file in a temp folder)
// inside track's window, every result formatted to MOT rows and JSON lines. Prints resident
// memory (RSS) at the start, after the first 1,000 frames (JIT and pools warm)
// and at the end; the growth from frame 1,000 to the end must stay under
// 50 MB, i.e. nothing buffers frames or results as the video gets longer.
//
//   node --import tsx --expose-gc bench/pipeline-memory.bench.ts [--frames 20000]
import type { Frame } from '@mot/core';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { annotate, formatJsonLine, formatMotRows, track, writeResultVideo } from '@mot/pipeline';
import { lastValueFrom, pipe, tap } from 'rxjs';
import { colourDetector, renderFrame, type Scene } from '../packages/pipeline/src/test-support.js';

const arg = process.argv.indexOf('--frames');
const FRAMES = arg > 0 ? Number(process.argv[arg + 1]) : 20_000;
const LIMIT_MB = 50;
const WARM = 1_000;

/** Boxes that bounce inside 320x240 forever: positions wrap with a period of 200 frames. */
const SCENE: Scene = {
  width: 320,
  height: 240,
  fps: 25,
  frames: 200,
  boxes: [
    { rgb: [255, 0, 0], x0: 0, y0: 60, vx: 1, vy: 0, w: 30, h: 60 },
    { rgb: [0, 255, 0], x0: 260, y0: 40, vx: -1, vy: 0, w: 20, h: 90 },
    { rgb: [0, 0, 255], x0: 20, y0: 180, vx: 1, vy: 0, w: 24, h: 24 },
  ],
};

async function* frames(): AsyncGenerator<Frame> {
  for (let i = 0; i < FRAMES; i++) {
    const f = renderFrame(SCENE, i % SCENE.frames);
    yield { ...f, index: i, timeMs: (i * 1000) / SCENE.fps };
  }
}

const mb = (b: number): string => (b / 2 ** 20).toFixed(1);
const gc = (globalThis as { gc?: () => void }).gc;
const rss = (): number => {
  gc?.();
  return process.memoryUsage().rss;
};

const work = mkdtempSync(join(tmpdir(), 'mot-memory-bench-'));
const VIDEO_OUT = join(work, 'annotated.mp4');
const start = rss();
let warm = 0;
let bytes = 0;
let n = 0;
const t0 = performance.now();
await lastValueFrom(
  track(frames(), {
    detector: colourDetector(SCENE.boxes.map((b) => b.rgb)),
    tracker: 'sort',
    stages: pipe(annotate(), writeResultVideo(VIDEO_OUT, { fps: SCENE.fps })),
  }).pipe(
    tap((r) => {
      bytes += formatMotRows(r).length + formatJsonLine(r).length;
      n++;
      if (n === WARM) warm = rss();
    }),
  ),
);
const seconds = (performance.now() - t0) / 1000;
const end = rss();
const growth = end - warm;
console.log(`frames: ${n} (${SCENE.width}x${SCENE.height}), ${(n / seconds).toFixed(0)} frames/s, ${mb(bytes)} MB of rows/JSON formatted`);
console.log(`annotated video: ${mb(statSync(VIDEO_OUT).size)} MB`);
rmSync(work, { recursive: true, force: true });
console.log(`RSS start: ${mb(start)} MB, after ${WARM} frames: ${mb(warm)} MB, end: ${mb(end)} MB`);
console.log(`RSS growth from frame ${WARM} to ${n}: ${mb(growth)} MB (limit ${LIMIT_MB} MB): ${growth < LIMIT_MB * 2 ** 20 ? 'PASS' : 'FAIL'}`);
if (growth >= LIMIT_MB * 2 ** 20) process.exitCode = 1;
