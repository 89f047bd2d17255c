// Decoding the TUD-Campus sample (71 frames, 640x480, mpeg4) to RGB24 frames:
// @mot/video's readFrames / videoFrames against the same ffmpeg binary run
// alone, writing the same rawvideo to /dev/null (no pipe, no JavaScript), all
// in this process, plus the same decode into a pipe that Node drains without
// cutting frames (the floor for any pipe reader). Reported: median wall time (ms) over several runs, frames/s,
// and the ratio to the bare ffmpeg run (the cost of the pipe, the frame
// assembly in JS and, for readFrames, the ffprobe call before decoding).
//
//   node --import tsx bench/video.bench.ts
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { probeVideo, readFrames, resolveFfmpeg, videoFrames } from '@mot/video';
import { median } from './bench-utils.js';

const VIDEO = fileURLToPath(new URL('../fixtures/video/TUD-Campus.mp4', import.meta.url));
const REPS = 7;

async function time(fn: () => Promise<number>): Promise<{ ms: number; frames: number }> {
  let frames = await fn(); // warm-up: page cache, JIT
  const ms: number[] = [];
  for (let r = 0; r < REPS; r++) {
    const t0 = performance.now();
    frames = await fn();
    ms.push(performance.now() - t0);
  }
  return { ms: median(ms), frames };
}

/** The bare decode: same binary and output options, output to /dev/null. */
function bareFfmpeg(): Promise<number> {
  const { ffmpeg } = resolveFfmpeg();
  const args = ['-hide_banner', '-nostdin', '-v', 'error', '-xerror', '-i', VIDEO, '-map', '0:v:0', '-vsync', 'passthrough'];
  args.push('-f', 'rawvideo', '-pix_fmt', 'rgb24', '-y', '/dev/null');
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, args, { stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(71) : reject(new Error(`ffmpeg exit ${code}`))));
  });
}

/** The floor for any pipe reader: the same decode into a pipe, drained in flowing mode, bytes counted. */
function bareFfmpegPipe(): Promise<number> {
  const { ffmpeg } = resolveFfmpeg();
  const args = ['-hide_banner', '-nostdin', '-v', 'error', '-xerror', '-i', VIDEO, '-map', '0:v:0', '-vsync', 'passthrough'];
  args.push('-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1');
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let bytes = 0;
    child.stdout.on('data', (c: Buffer) => (bytes += c.length));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(bytes / (640 * 480 * 3)) : reject(new Error(`ffmpeg exit ${code}`))));
  });
}

async function viaReadFrames(): Promise<number> {
  let n = 0;
  for await (const f of readFrames(VIDEO)) n += f.data.length > 0 ? 1 : 0;
  return n;
}

// rxjs is @mot/video's dependency, not the workspace root's: subscribe by hand.
const viaVideoFrames = (): Promise<number> =>
  new Promise((resolve, reject) => {
    let n = 0;
    videoFrames(VIDEO).subscribe({ next: () => n++, error: reject, complete: () => resolve(n) });
  });

async function probeOnly(): Promise<number> {
  await probeVideo(VIDEO);
  return 0;
}

const tools = resolveFfmpeg();
console.log(`ffmpeg: ${tools.ffmpeg} (${tools.source}); ${REPS} runs each, median`);
const bare = await time(bareFfmpeg);
const probe = await time(probeOnly);
const rows: [string, { ms: number; frames: number }][] = [
  ['ffmpeg alone -> /dev/null', bare],
  ['ffmpeg -> pipe, drained raw', await time(bareFfmpegPipe)],
  ['readFrames (probe + decode)', await time(viaReadFrames)],
  ['videoFrames (Observable)', await time(viaVideoFrames)],
];
console.log('what'.padEnd(30) + 'frames'.padStart(8) + 'ms'.padStart(9) + 'frames/s'.padStart(10) + 'x ffmpeg'.padStart(10));
for (const [name, r] of rows) {
  const fps = (r.frames / r.ms) * 1000;
  console.log(name.padEnd(30) + String(r.frames).padStart(8) + r.ms.toFixed(1).padStart(9) + fps.toFixed(0).padStart(10) + (r.ms / bare.ms).toFixed(2).padStart(10));
}
console.log(`probeVideo alone: ${probe.ms.toFixed(1)} ms (part of readFrames' time)`);
