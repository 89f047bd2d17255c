// Soak: a long run. 100,000 synthetic frames (320x240, three coloured boxes
// on known trajectories, drawn in JS) through track() with a colour detector
// and SORT, annotate() and writeVideo (an mpeg4 file in a temp folder)
// inside track's window, every result formatted to MOT rows and JSON lines.
// The boxes jump back to their start every 200 frames, so tracks keep dying
// and new ones keep being born (about 1,500 identities in all).
//
// Prints and checks:
// - resident memory (RSS) at the start, after the first 1,000 frames (JIT and
//   pools warm) and at the end; growth from frame 1,000 to the end < 50 MB,
//   i.e. nothing buffers frames, results or dead tracks as the video gets longer;
// - the most tracks the tracker held at once (live, reported or not) < 20,
//   for a scene that never shows more than three objects;
// - identities: each new id is larger than every id before it, and an id
//   never comes back once its track has been deleted (absent more than
//   maxAge + 1 frames);
// - frames/s.
//
//   node --import tsx --expose-gc bench/pipeline-memory.bench.ts [--frames 100000]
import type { Frame } from '@mot/core';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SortTracker } from '@mot/deepsort';
import { annotate, formatJsonLine, formatMotRows, track, writeResultVideo } from '@mot/pipeline';
import { lastValueFrom, pipe, tap } from 'rxjs';
import { colourDetector, renderFrame, type Scene } from '../packages/pipeline/src/test-support.js';

const arg = process.argv.indexOf('--frames');
const FRAMES = arg > 0 ? Number(process.argv[arg + 1]) : 100_000;
const MAX_HELD = 20;
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
const sort = new SortTracker(); // maxAge 1
const GONE_AFTER = sort.options.maxAge + 1; // frames absent after which SORT has deleted a track
let maxHeld = 0;
let maxId = 0;
let births = 0;
const idErrors: string[] = [];
const lastSeen = new Map<number, number>(); // ids of live tracks only: pruned as they die
const t0 = performance.now();
await lastValueFrom(
  track(frames(), {
    detector: colourDetector(SCENE.boxes.map((b) => b.rgb)),
    tracker: sort,
    stages: pipe(annotate(), writeResultVideo(VIDEO_OUT, { fps: SCENE.fps })),
  }).pipe(
    tap((r) => {
      bytes += formatMotRows(r).length + formatJsonLine(r).length;
      maxHeld = Math.max(maxHeld, sort.trackCount);
      // Ids first shown in this frame must all be newer than every id shown before it.
      const before = maxId;
      for (const t of r.tracks) {
        if (lastSeen.has(t.id)) {
          lastSeen.set(t.id, n);
          continue;
        }
        if (t.id > before) {
          births++;
          maxId = Math.max(maxId, t.id);
        } else if (idErrors.length < 5) {
          idErrors.push(`frame ${n}: id ${t.id} shown again after its track was deleted, or born out of order (newest id before this frame ${before})`);
        }
        lastSeen.set(t.id, n);
      }
      for (const [id, at] of lastSeen) if (n - at > GONE_AFTER) lastSeen.delete(id);
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
console.log(`tracks held at most: ${maxHeld} (limit ${MAX_HELD}): ${maxHeld < MAX_HELD ? 'PASS' : 'FAIL'}`);
console.log(`identities: ${births} born, newest ${maxId}, each larger than all before; reused after deletion: ${idErrors.length === 0 ? 'never: PASS' : `FAIL: ${idErrors.join('; ')}`}`);
if (growth >= LIMIT_MB * 2 ** 20 || maxHeld >= MAX_HELD || idErrors.length > 0 || births < FRAMES / 200) process.exitCode = 1;
