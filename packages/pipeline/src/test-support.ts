/**
 * Helpers for the @mot/pipeline tests and benches (not exported from the
 * package): a synthetic scene of coloured boxes on known trajectories, its
 * video made by ffmpeg's lavfi sources, a detector that finds the boxes by
 * colour, and a look at our ffmpeg children through Linux's /proc; frames,
 * tracks and results built by hand (annotation tests).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Detection, Frame, Tlwh, Track } from '@mot/core';
import { resolveFfmpeg } from '@mot/video';
import type { FrameResult } from './types.js';

/** One box of the scene: a solid colour moving at constant velocity (px per frame). */
export interface MovingBox {
  /** RGB, each 0 or 255 so that the colour survives any lossless path exactly. */
  readonly rgb: readonly [number, number, number];
  readonly x0: number;
  readonly y0: number;
  readonly vx: number;
  readonly vy: number;
  readonly w: number;
  readonly h: number;
}

/** A scene: background black, boxes drawn in order (later ones on top). */
export interface Scene {
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly frames: number;
  readonly boxes: readonly MovingBox[];
}

/**
 * Red moves right, green moves left in front of it (drawn later, taller, so it
 * hides a vertical band of red while they cross, frames 17 to 20), blue
 * drifts along the bottom on its own. All positions are whole px.
 */
export const CROSSING_SCENE: Scene = {
  width: 192,
  height: 128,
  fps: 25,
  frames: 36,
  boxes: [
    { rgb: [255, 0, 0], x0: 8, y0: 40, vx: 4, vy: 0, w: 24, h: 48 },
    { rgb: [0, 255, 0], x0: 160, y0: 28, vx: -4, vy: 0, w: 12, h: 72 },
    { rgb: [0, 0, 255], x0: 4, y0: 104, vx: 2, vy: 0, w: 20, h: 16 },
  ],
};

/** Where box `b` is on frame `n`: tlwh px, before clipping to the frame. */
export function boxAt(b: MovingBox, n: number): Tlwh {
  return [b.x0 + b.vx * n, b.y0 + b.vy * n, b.w, b.h];
}

/** The scene's frame `n` drawn in JS: RGB24, the same pixels ffmpeg's overlay chain makes. */
export function renderFrame(scene: Scene, n: number, data = new Uint8Array(scene.width * scene.height * 3)): Frame {
  data.fill(0);
  for (const b of scene.boxes) {
    const [x, y, w, h] = boxAt(b, n);
    for (let r = Math.max(0, y); r < Math.min(scene.height, y + h); r++) {
      for (let c = Math.max(0, x); c < Math.min(scene.width, x + w); c++) {
        const i = 3 * (r * scene.width + c);
        data[i] = b.rgb[0];
        data[i + 1] = b.rgb[1];
        data[i + 2] = b.rgb[2];
      }
    }
  }
  return { index: n, timeMs: (n * 1000) / scene.fps, width: scene.width, height: scene.height, data };
}

/**
 * What a perfect colour detector sees of box `k` on frame `n`, from geometry
 * alone: the bounding box of its pixels inside the frame that no later box
 * covers; undefined when none is visible. Detections come in box order.
 */
export function expectedDetections(scene: Scene, n: number): Detection[] {
  const out: Detection[] = [];
  scene.boxes.forEach((b, k) => {
    const [x, y, w, h] = boxAt(b, n);
    const above = scene.boxes.slice(k + 1).map((o) => boxAt(o, n));
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let r = Math.max(0, y); r < Math.min(scene.height, y + h); r++) {
      for (let c = Math.max(0, x); c < Math.min(scene.width, x + w); c++) {
        if (above.some(([ox, oy, ow, oh]) => c >= ox && c < ox + ow && r >= oy && r < oy + oh)) continue;
        minX = Math.min(minX, c);
        maxX = Math.max(maxX, c);
        minY = Math.min(minY, r);
        maxY = Math.max(maxY, r);
      }
    }
    if (minX !== Infinity) out.push({ box: [minX, minY, maxX - minX + 1, maxY - minY + 1], score: 1, classId: k });
  });
  return out;
}

/**
 * ffmpeg's lavfi filter graph of the scene: a black `color` source, one
 * `color` source per box overlaid at `x0 + vx*n, y0 + vy*n` (evaluated per
 * frame), in RGB throughout so no chroma subsampling moves an edge. The frame
 * number is taken from the timestamp, `n = round(t * fps)`: overlay's own `n`
 * counts from its secondary input and runs one frame ahead here.
 */
export function lavfiGraph(scene: Scene): string {
  const dur = scene.frames / scene.fps;
  const parts = [`color=c=black:s=${scene.width}x${scene.height}:r=${scene.fps}:d=${dur},format=rgb24[bg0]`];
  scene.boxes.forEach((b, k) => {
    const hex = b.rgb.map((v) => v.toString(16).padStart(2, '0')).join('');
    parts.push(`color=c=0x${hex}:s=${b.w}x${b.h}:r=${scene.fps},format=rgb24[box${k}]`);
    const last = k === scene.boxes.length - 1;
    parts.push(`[bg${k}][box${k}]overlay=x='${b.x0}+${b.vx}*round(t*${scene.fps})':y='${b.y0}+${b.vy}*round(t*${scene.fps})':eval=frame:format=rgb:shortest=1${last ? '' : `[bg${k + 1}]`}`);
  });
  return parts.join(';');
}

/** Runs ffmpeg with `args` (quiet); throws with its stderr on failure. */
export function ffmpegCli(args: readonly string[]): void {
  const run = spawnSync(resolveFfmpeg().ffmpeg, ['-hide_banner', '-nostdin', '-v', 'error', '-y', ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`ffmpeg ${args.join(' ')} failed: ${run.stderr}`);
}

/** Writes the scene as a lossless video (FFV1, RGB) made by lavfi sources. */
export function writeSceneVideo(scene: Scene, path: string): string {
  ffmpegCli(['-f', 'lavfi', '-i', lavfiGraph(scene), '-frames:v', String(scene.frames), '-c:v', 'ffv1', '-pix_fmt', 'bgr0', path]);
  return path;
}

/** Writes the scene as numbered PNGs `000001.png ...` in `dir` (a MOTChallenge-style img1 folder). */
export function writeSceneImages(scene: Scene, dir: string): string {
  ffmpegCli(['-f', 'lavfi', '-i', lavfiGraph(scene), '-frames:v', String(scene.frames), '-start_number', '1', join(dir, '%06d.png')]);
  return dir;
}

/**
 * A detector that finds each of `colours` by its exact RGB value: the
 * bounding box of the matching pixels, score 1, classId = the colour's index.
 * A real scan over the pixels, nothing looked up.
 */
export function colourDetector(colours: readonly (readonly [number, number, number])[]): (frame: Frame) => Detection[] {
  return (frame) => {
    const n = colours.length;
    const minX = new Array<number>(n).fill(Infinity);
    const minY = new Array<number>(n).fill(Infinity);
    const maxX = new Array<number>(n).fill(-Infinity);
    const maxY = new Array<number>(n).fill(-Infinity);
    const d = frame.data;
    for (let r = 0; r < frame.height; r++) {
      for (let c = 0; c < frame.width; c++) {
        const i = 3 * (r * frame.width + c);
        // Background (black) is most of the frame: skip it before the colour loop.
        if ((d[i] | d[i + 1] | d[i + 2]) === 0) continue;
        for (let k = 0; k < n; k++) {
          const [cr, cg, cb] = colours[k];
          if (d[i] === cr && d[i + 1] === cg && d[i + 2] === cb) {
            if (c < minX[k]) minX[k] = c;
            if (c > maxX[k]) maxX[k] = c;
            if (r < minY[k]) minY[k] = r;
            if (r > maxY[k]) maxY[k] = r;
          }
        }
      }
    }
    const out: Detection[] = [];
    for (let k = 0; k < n; k++) {
      if (minX[k] !== Infinity) out.push({ box: [minX[k], minY[k], maxX[k] - minX[k] + 1, maxY[k] - minY[k] + 1], score: 1, classId: k });
    }
    return out;
  };
}

const made: string[] = [];
process.once('exit', () => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** A fresh temporary directory, removed when the process exits. */
export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'mot-pipeline-test-'));
  made.push(d);
  return d;
}

// Children of this process that are ffmpeg: @mot/video's own test helper.
export { HAS_PROC, ffmpegChildren } from '@mot/video/testing';

/** Polls until `pids` are all gone from /proc or `ms` passed; returns the ones still there. */
export async function waitGone(pids: readonly number[], ms = 5000): Promise<number[]> {
  const until = Date.now() + ms;
  let left = pids.filter((p) => existsSync(`/proc/${p}`));
  while (left.length > 0 && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 20));
    left = left.filter((p) => existsSync(`/proc/${p}`));
  }
  return left;
}

// --- Built by hand (annotation tests) ---

/** A black RGB24 frame; `timeMs` = 40 ms per index (25 fps). */
export function blackFrame(width: number, height: number, index = 0): Frame {
  return { index, timeMs: index * 40, width, height, data: new Uint8Array(width * height * 3) };
}

/** A confirmed track matched on this frame. */
export function track(id: number, box: Tlwh, classId = 0): Track {
  return { id, box, score: 0.9, classId, state: 'confirmed', age: 1, hits: 1, timeSinceUpdate: 0 };
}

/** A result with no detections. */
export function result(frame: Frame, tracks: readonly Track[]): FrameResult {
  return { frame, detections: [], tracks };
}

/** The RGB of pixel (x, y). */
export function pixel(frame: { width: number; data: Uint8Array }, x: number, y: number): number[] {
  const i = (y * frame.width + x) * 3;
  return [frame.data[i], frame.data[i + 1], frame.data[i + 2]];
}
