/**
 * Helpers for the @mot/video tests (not exported from the package): fixture
 * paths, an independent ffmpeg decode, and a look at our ffmpeg children
 * through Linux's /proc.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveFfmpeg } from './resolve-ffmpeg.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** MOT15 TUD-Campus as video: 71 frames, 640x480, 25 fps, mpeg4 (fixtures/video/README.md). */
export const TUD_CAMPUS = join(ROOT, 'fixtures/video/TUD-Campus.mp4');
/** 500x333 JPEG from RangiLyu/nanodet demo_mnn/imgs (fixtures/detector/README.md). */
export const IMAGE_252 = join(ROOT, 'fixtures/detector/000252.jpg');
export const IMAGE_258 = join(ROOT, 'fixtures/detector/000258.jpg');
/** A text file, to be "not a video". */
export const TEXT_FILE = join(ROOT, 'fixtures/video/README.md');

const made: string[] = [];
process.once('exit', () => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** A fresh temporary directory, removed when the process exits. */
export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'mot-video-test-'));
  made.push(d);
  return d;
}

let derivedDir: string | undefined;
/** Builds (once per process) a derived file in a shared temp dir. */
function derived(name: string, make: (out: string) => void): string {
  derivedDir ??= tempDir();
  const out = join(derivedDir, name);
  if (!existsSync(out)) make(out);
  return out;
}

/** The sample's first 400,000 of 936,979 bytes: its moov atom (the index, at the end) is gone. */
export function truncatedVideo(): string {
  return derived('truncated.mp4', (out) => writeFileSync(out, readFileSync(TUD_CAMPUS).subarray(0, 400_000)));
}

/**
 * The sample remuxed with its index first (`-movflags +faststart`, no
 * re-encoding), cut to 500,000 bytes: it opens and declares 71 frames, but the
 * data of the later ones is missing, so decoding fails part-way.
 */
export function cutVideo(): string {
  return derived('cut.mp4', (out) => {
    const full = join(derivedDir!, 'faststart.mp4');
    ffmpegCli(['-i', TUD_CAMPUS, '-c', 'copy', '-movflags', '+faststart', '-y', full]);
    writeFileSync(out, readFileSync(full).subarray(0, 500_000));
  });
}

/** The sample's first 3 frames, stream-copied, tagged with a 90 degree display rotation. */
export function rotatedVideo(): string {
  return derived('rotated.mp4', (out) => {
    ffmpegCli(['-i', TUD_CAMPUS, '-frames:v', '3', '-c', 'copy', '-metadata:s:v:0', 'rotate=90', '-y', out]);
  });
}

/** The first 30,000 of 75,488 bytes of 000252.jpg: header intact, most of the scan missing. */
export function truncatedImage(): string {
  return derived('half.jpg', (out) => writeFileSync(out, readFileSync(IMAGE_252).subarray(0, 30_000)));
}

/** 000252.jpg as a lossless RGB24 PNG, written by ffmpeg. */
export function pngOf252(): string {
  return derived('000252.png', (out) => ffmpegCli(['-i', IMAGE_252, '-pix_fmt', 'rgb24', '-y', out]));
}

/** 0.2 s of a 440 Hz sine as WAV: a media file with no video stream. */
export function audioOnly(): string {
  return derived('sine.wav', (out) => ffmpegCli(['-f', 'lavfi', '-i', 'sine=frequency=440:duration=0.2', '-y', out]));
}

/** Runs the resolved ffmpeg CLI synchronously; throws with its stderr on failure. */
export function ffmpegCli(args: string[]): Buffer {
  const run = spawnSync(resolveFfmpeg().ffmpeg, ['-hide_banner', '-nostdin', '-v', 'error', ...args], {
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`ffmpeg ${args.join(' ')} failed: ${run.stderr?.toString()}`);
  return run.stdout;
}

/** Parses a binary PPM (P6, maxval 255): header, then packed RGB. */
export function parsePpm(buf: Buffer): { width: number; height: number; data: Uint8Array } {
  const m = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(buf.subarray(0, 64).toString('latin1'));
  if (m === null) throw new Error('not a P6 PPM with maxval 255');
  const width = Number(m[1]);
  const height = Number(m[2]);
  const data = new Uint8Array(buf.subarray(m[0].length, m[0].length + width * height * 3));
  return { width, height, data };
}

/**
 * Frame `n` of a video decoded by a separate ffmpeg run on another path:
 * the `select` filter picks the frame by its decode count (no seeking) and the
 * PPM encoder + image2pipe muxer write it, instead of rawvideo.
 */
export function decodeFrameIndependently(path: string, n: number): { width: number; height: number; data: Uint8Array } {
  return parsePpm(
    ffmpegCli(['-i', path, '-vf', `select=eq(n\\,${n})`, '-vsync', '0', '-frames:v', '1', '-c:v', 'ppm', '-f', 'image2pipe', 'pipe:1']),
  );
}

/** True when /proc is there to inspect child processes (Linux). */
export const HAS_PROC = existsSync('/proc/self/stat');

/** pids of this process's live (or zombie) children whose command is ffmpeg. */
export function ffmpegChildren(): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // exited while we looked
    }
    // "pid (comm) state ppid ...": comm may hold spaces, so split after ')'.
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const ppid = Number(stat.slice(close + 2).split(' ')[1]);
    if (comm === 'ffmpeg' && ppid === process.pid) pids.push(Number(name));
  }
  return pids;
}

/** Process state letter from /proc (R, S, Z for zombie, ...), or undefined once the process is gone. */
export function processState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  } catch {
    return undefined;
  }
}

/** Polls until the process is gone from /proc (exited and reaped) or `ms` passed; returns whether it is gone. */
export async function waitGone(pid: number, ms = 5000): Promise<boolean> {
  const until = Date.now() + ms;
  while (processState(pid) !== undefined) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

/** Bytes the process has passed to write() so far (`wchar` of /proc/<pid>/io). */
export function bytesWritten(pid: number): number {
  const m = /wchar:\s*(\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'));
  if (m === null) throw new Error(`no wchar in /proc/${pid}/io`);
  return Number(m[1]);
}

/** Sleeps `ms` (ms) without blocking the event loop. */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Mounts a tmpfs of `kib` KiB on the existing folder `dir` (a full disk for
 * ENOSPC tests; root only). Returns false, after a line saying the case is
 * skipped, where mounting is not allowed. Unmount with `umount -l dir`.
 */
export function mountTinyDisk(dir: string, kib: number, what: string): boolean {
  const m = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${kib}k`, 'tmpfs', dir], { encoding: 'utf8' });
  if (m.status === 0) return true;
  console.log(`  (${what} case skipped: cannot mount a tmpfs here: ${m.stderr?.trim() || m.error?.message})`);
  return false;
}
