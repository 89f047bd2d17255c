// Annotation cost per 640x480 frame: @mot/pipeline's annotate() (5x7 bitmap
// font and primitives drawn straight into the RGB24 buffer) against the same
// scene drawn with @napi-rs/canvas (Skia; text in 11px DejaVu Sans from the
// system fonts). Scene: 15 tracks with 2 px boxes, labels "12 person" on a
// filled box, 30-point trails, one count line with arrow and label, one
// 4-vertex zone with label. Both run live in this process, same scene.
//
// The canvas peer is timed twice: drawing only (on a canvas that already holds
// the frame), and end to end as a frame pipeline needs it: RGB24 -> RGBA into
// ImageData, putImageData, draw, getImageData, RGBA -> RGB24.
// Also printed: install size on disk (du -sk of the packages).
//
//   node --import tsx bench/annotate.bench.ts
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Frame, Track } from '@mot/core';
import { annotate, type FrameResult, type LineCount, type ZoneCount } from '@mot/pipeline';
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { Subject } from 'rxjs';
import { median } from './bench-utils.js';

const W = 640;
const H = 480;
const TRACKS = 15;
const TRAIL = 30;
const FRAMES = 200;
const REPS = 5;

const line = { name: 'door', a: [40, 400] as const, b: [600, 380] as const };
const zone = { name: 'queue', polygon: [[380, 60], [620, 60], [620, 260], [380, 260]] as [number, number][] };
const lineCount: LineCount = { name: 'door', in: { 0: 12 }, out: { 0: 7 }, crossed: [] };
const zoneCount: ZoneCount = { name: 'queue', count: { 0: 3 }, inside: [] };

/** Track k on frame f: moving boxes spread over the frame. */
function tracksAt(f: number): Track[] {
  return Array.from({ length: TRACKS }, (_, k) => {
    const x = 20 + ((k * 41 + f * 2) % 560);
    const y = 40 + ((k * 67 + f) % 360);
    return { id: k + 1, box: [x, y, 40, 80], score: 0.9, classId: 0, state: 'confirmed', age: f, hits: f, timeSinceUpdate: 0 } as Track;
  });
}

// A mid-grey frame with some texture; redrawn from this template before each frame (outside the timing).
const template = new Uint8Array(W * H * 3);
for (let i = 0; i < template.length; i++) template[i] = 96 + ((i * 7) % 64);
const scenes = Array.from({ length: FRAMES + TRAIL }, (_, f) => tracksAt(f));

/** ms per frame of annotate() over FRAMES frames, after TRAIL warm-up frames that fill the trails. */
function timeBitmap(): number {
  const input = new Subject<FrameResult>();
  const data = new Uint8Array(W * H * 3);
  let t0 = 0;
  let elapsed = 0;
  input.pipe(annotate({ lines: [line], zones: [zone], trailLength: TRAIL })).subscribe(() => {
    elapsed += performance.now() - t0;
  });
  for (let f = 0; f < FRAMES + TRAIL; f++) {
    data.set(template);
    const frame: Frame = { index: f, timeMs: f * 40, width: W, height: H, data };
    if (f === TRAIL) elapsed = 0;
    t0 = performance.now();
    input.next({ frame, detections: [], tracks: scenes[f], lines: [lineCount], zones: [zoneCount] });
  }
  input.complete();
  return elapsed / FRAMES;
}

/** The golden-ratio hue colour annotate() uses, as a CSS string. */
function css(id: number): string {
  const h = ((id * 0.6180339887498949) % 1) * 360;
  return `hsl(${h.toFixed(1)} 85% 55%)`;
}

function drawCanvasScene(g: SKRSContext2D, tracks: Track[], trails: Map<number, [number, number][]>): void {
  g.lineWidth = 2;
  g.font = '11px DejaVu Sans';
  g.textBaseline = 'top';
  g.strokeStyle = 'rgb(0,200,255)';
  g.beginPath();
  zone.polygon.forEach(([x, y], i) => (i === 0 ? g.moveTo(x, y) : g.lineTo(x, y)));
  g.closePath();
  g.stroke();
  g.fillStyle = 'rgb(0,200,255)';
  g.fillRect(380, 60, 60, 15);
  g.fillStyle = '#000';
  g.fillText('queue 3', 382, 62);
  g.strokeStyle = 'rgb(255,215,0)';
  g.beginPath();
  g.moveTo(line.a[0], line.a[1]);
  g.lineTo(line.b[0], line.b[1]);
  g.moveTo(320, 390);
  g.lineTo(320, 404);
  g.stroke();
  g.fillStyle = 'rgb(255,215,0)';
  g.fillRect(40, 360, 110, 15);
  g.fillStyle = '#000';
  g.fillText('door in 12 out 7', 42, 362);
  for (const t of tracks) {
    const trail = trails.get(t.id)!;
    g.strokeStyle = css(t.id);
    g.beginPath();
    trail.forEach(([x, y], i) => (i === 0 ? g.moveTo(x, y) : g.lineTo(x, y)));
    g.stroke();
  }
  for (const t of tracks) {
    g.strokeStyle = css(t.id);
    g.strokeRect(t.box[0] + 1, t.box[1] + 1, t.box[2] - 2, t.box[3] - 2);
  }
  for (const t of tracks) {
    const text = `${t.id} person`;
    g.fillStyle = css(t.id);
    g.fillRect(t.box[0], t.box[1] - 15, g.measureText(text).width + 4, 15);
    g.fillStyle = '#fff';
    g.fillText(text, t.box[0] + 2, t.box[1] - 13);
  }
}

/** ms per frame with @napi-rs/canvas: [draw only, with RGB24 <-> RGBA transfer]. */
function timeCanvas(): [number, number] {
  const canvas = createCanvas(W, H);
  const g = canvas.getContext('2d');
  const rgb = new Uint8Array(W * H * 3);
  const trails = new Map<number, [number, number][]>();
  // One ImageData reused for every frame (the cheapest way in).
  const img = g.createImageData(W, H);
  const rgba = img.data;
  let drawOnly = 0;
  let total = 0;
  for (let f = 0; f < FRAMES + TRAIL; f++) {
    if (f === TRAIL) drawOnly = total = 0;
    rgb.set(template);
    for (const t of scenes[f]) {
      const tr = trails.get(t.id) ?? [];
      tr.push([t.box[0] + t.box[2] / 2, t.box[1] + t.box[3]]);
      if (tr.length > TRAIL) tr.shift();
      trails.set(t.id, tr);
    }
    const t0 = performance.now();
    for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) {
      rgba[j] = rgb[i];
      rgba[j + 1] = rgb[i + 1];
      rgba[j + 2] = rgb[i + 2];
      rgba[j + 3] = 255;
    }
    g.putImageData(img, 0, 0);
    const t1 = performance.now();
    drawCanvasScene(g, scenes[f], trails);
    const t2 = performance.now();
    const back = g.getImageData(0, 0, W, H).data;
    for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) {
      rgb[i] = back[j];
      rgb[i + 1] = back[j + 1];
      rgb[i + 2] = back[j + 2];
    }
    const t3 = performance.now();
    drawOnly += t2 - t1;
    total += t3 - t0;
  }
  return [drawOnly / FRAMES, total / FRAMES];
}

const root = fileURLToPath(new URL('..', import.meta.url));
const duKiB = (path: string): number => Number(execFileSync('du', ['-skL', path], { encoding: 'utf8' }).split('\t')[0]);
function canvasPackages(): string[] {
  const require = createRequire(import.meta.url);
  const main = dirname(require.resolve('@napi-rs/canvas/package.json'));
  const scope = dirname(main); // .../node_modules/@napi-rs
  return [main, ...readdirSync(scope).filter((n) => n.startsWith('canvas-')).map((n) => join(scope, n))];
}
function ourDrawingBytes(): number {
  const dir = join(root, 'packages/pipeline/src/draw');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .reduce((s, f) => s + statSync(join(dir, f)).size, 0);
}

const bitmap: number[] = [];
const canvasDraw: number[] = [];
const canvasTotal: number[] = [];
timeBitmap(); // warm-up
timeCanvas();
for (let r = 0; r < REPS; r++) {
  bitmap.push(timeBitmap());
  const [d, t] = timeCanvas();
  canvasDraw.push(d);
  canvasTotal.push(t);
}
const b = median(bitmap);
const cd = median(canvasDraw);
const ct = median(canvasTotal);
console.log(`scene: ${W}x${H}, ${TRACKS} tracks with ${TRAIL}-point trails, 1 count line, 1 zone; median of ${REPS} runs of ${FRAMES} frames`);
console.log(`bitmap font (annotate): ${b.toFixed(3)} ms/frame`);
console.log(`@napi-rs/canvas draw only: ${cd.toFixed(3)} ms/frame (${(cd / b).toFixed(2)}x bitmap)`);
console.log(`@napi-rs/canvas with RGB24<->RGBA transfer: ${ct.toFixed(3)} ms/frame (${(ct / b).toFixed(2)}x bitmap)`);
const pkgs = canvasPackages();
const canvasKiB = pkgs.reduce((s, p) => s + duKiB(p), 0);
console.log(`install size: @napi-rs/canvas ${canvasKiB} KiB (${pkgs.map((p) => `${p.slice(p.lastIndexOf('node_modules/') + 13)} ${duKiB(p)}`).join(', ')}); bitmap font + primitives ${(ourDrawingBytes() / 1024).toFixed(1)} KiB of TypeScript source, no dependency`);
