import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, OutputError, ShapeError, type Frame } from '@mot/core';
import { firstValueFrom, lastValueFrom, of, Subject, take, tap, toArray } from 'rxjs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { VideoWriteError } from './errors.js';
import { probeVideo } from './probe-video.js';
import { pullConcatMap } from './pull-concat-map.js';
import { readFrames } from './read-frames.js';
import { ffmpegChildren, HAS_PROC, mountTinyDisk, sleep, tempDir, TUD_CAMPUS, waitGone } from './test-support.js';
import { videoFrames } from './video-frames.js';
import { VideoWriter } from './video-writer.js';
import { writeVideo } from './write-video.js';

/** A solid-colour RGB24 frame. */
function solid(width: number, height: number, rgb: readonly [number, number, number], index = 0): Frame {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i += 3) data.set(rgb, i);
  return { index, timeMs: index * 40, width, height, data };
}

/** Deterministic noise (hard to encode, so the encoder is slow). */
function noise(width: number, height: number, index: number): Frame {
  const data = new Uint8Array(width * height * 3);
  let s = (index + 1) * 2654435761;
  for (let i = 0; i < data.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    data[i] = s >>> 24;
  }
  return { index, timeMs: index * 40, width, height, data };
}

const COLOURS: [number, number, number][] = [
  [200, 30, 30],
  [30, 200, 30],
  [30, 30, 200],
  [220, 220, 40],
];

async function decodeAll(path: string): Promise<Frame[]> {
  const out: Frame[] = [];
  for await (const f of readFrames(path)) out.push(f);
  return out;
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  return assert.unreachable('expected a rejection');
}

/** pids of our ffmpeg children writing into `dir` (other tests' children may still be exiting). */
function writersInto(dir: string): number[] {
  return ffmpegChildren().filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir);
    } catch {
      return false;
    }
  });
}

/** Polls `cond` every 20 ms for up to `ms` (generous: the test machine is shared). */
async function eventually(cond: () => boolean, ms = 20000): Promise<boolean> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) return false;
    await sleep(20);
  }
  return true;
}

const write = suite('writeVideo');

for (const codec of ['h264', 'mpeg4'] as const) {
  write(`${codec}: 12 frames in, ffprobe and a decode see 12 frames of 64x48 at 10 fps, colours kept`, async () => {
    const dir = tempDir();
    const out = join(dir, 'solid.mp4');
    const frames = Array.from({ length: 12 }, (_, i) => solid(64, 48, COLOURS[i % 4], i));
    const passed = await lastValueFrom(of(...frames).pipe(writeVideo(out, { fps: 10, codec }), toArray()));
    assert.equal(passed, frames); // the same frames, in order
    const info = await probeVideo(out);
    assert.is(info.width, 64);
    assert.is(info.height, 48);
    assert.is(info.frameRate, 10);
    assert.is(info.codec, codec);
    const back = await decodeAll(out);
    assert.is(back.length, 12);
    // yuv420p + lossy coding: a solid colour comes back within a few levels.
    back.forEach((f, i) => {
      const c = COLOURS[i % 4];
      const centre = (24 * 64 + 32) * 3;
      for (let k = 0; k < 3; k++) assert.ok(Math.abs(f.data[centre + k] - c[k]) <= 8, `frame ${i} channel ${k}: ${f.data[centre + k]} vs ${c[k]}`);
    });
    assert.equal(readdirSync(dir), ['solid.mp4']); // no temporary file left
  });
}

write('auto picks libx264 on this ffmpeg (it has it) and the writer reports it', async () => {
  const w = await VideoWriter.open(join(tempDir(), 'a.mp4'));
  assert.is(w.codec, 'h264');
  await w.abort();
});

write('the file appears under its name only after completion; until then only the hidden temporary file exists', async () => {
  const dir = tempDir();
  const out = join(dir, 'later.mp4');
  const input = new Subject<Frame>();
  const emitted: Frame[] = [];
  const done = new Promise<void>((resolve, reject) =>
    input.pipe(writeVideo(out, { codec: 'mpeg4' })).subscribe({ next: (f) => emitted.push(f), complete: resolve, error: reject }),
  );
  try {
    for (let i = 0; i < 5; i++) input.next(solid(32, 32, COLOURS[i % 4], i));
    assert.ok(await eventually(() => emitted.length === 5));
    // ffmpeg creates its output once it has set up the encoder, a moment after taking frames.
    assert.ok(await eventually(() => readdirSync(dir).length > 0));
    assert.not.ok(existsSync(out));
    const names = readdirSync(dir);
    assert.is(names.length, 1);
    assert.match(names[0], /^\.later\.\d+-[0-9a-f]{8}\.partial\.mp4$/);
  } finally {
    input.complete();
  }
  await done;
  assert.equal(readdirSync(dir), ['later.mp4']);
  assert.is((await decodeAll(out)).length, 5);
});

write('a source error mid-stream: no output, no temporary file, the ffmpeg child gone when the error arrives', async () => {
  const dir = tempDir();
  const out = join(dir, 'broken.mp4');
  const input = new Subject<Frame>();
  const failure = firstValueFrom(input.pipe(writeVideo(out, { codec: 'mpeg4' }), toArray()));
  for (let i = 0; i < 3; i++) input.next(solid(32, 32, COLOURS[i], i));
  let pids: number[] = [];
  const started = await eventually(() => (pids = writersInto(dir)).length === 1 || !HAS_PROC);
  input.error(new Error('camera unplugged'));
  assert.ok(started);
  const e = await rejection(failure);
  assert.is((e as Error).message, 'camera unplugged');
  assert.equal(readdirSync(dir), []);
  for (const pid of pids) assert.throws(() => process.kill(pid, 0), /ESRCH/); // exited and reaped
});

write('unsubscribing mid-stream kills ffmpeg and removes the temporary file', async () => {
  const dir = tempDir();
  const out = join(dir, 'cancelled.mp4');
  const input = new Subject<Frame>();
  let n = 0;
  const sub = input.pipe(writeVideo(out)).subscribe(() => n++);
  let pids: number[] = [];
  try {
    for (let i = 0; i < 4; i++) input.next(solid(64, 64, COLOURS[i], i));
    assert.ok(await eventually(() => n === 4));
    pids = writersInto(dir);
    if (HAS_PROC) assert.is(pids.length, 1);
  } finally {
    sub.unsubscribe();
  }
  for (const pid of pids) assert.ok(await waitGone(pid), `ffmpeg ${pid} still there`);
  assert.ok(await eventually(() => readdirSync(dir).length === 0), `left: ${readdirSync(dir).join(', ')}`);
});

write('ffmpeg dying mid-stream: one VideoWriteError with the frame reached, no output, no temporary file', async () => {
  const dir = tempDir();
  const out = join(dir, 'killed.mp4');
  const input = new Subject<Frame>();
  let n = 0;
  const failure = lastValueFrom(input.pipe(writeVideo(out, { codec: 'mpeg4' }), tap(() => n++)));
  failure.catch(() => undefined);
  for (let i = 0; i < 3; i++) input.next(solid(320, 240, COLOURS[i], i));
  let pids: number[] = [];
  assert.ok(await eventually(() => n === 3 && (pids = writersInto(dir)).length === 1));
  process.kill(pids[0], 'SIGKILL');
  assert.ok(await waitGone(pids[0]));
  // Frames after the death hit a closed pipe.
  for (let i = 3; i < 6; i++) input.next(solid(320, 240, COLOURS[i % 4], i));
  const e = await rejection(failure);
  assert.instance(e, VideoWriteError);
  assert.is((e as Error).message, `${out}: frame 3: VideoWriter.write: ffmpeg must take every frame and exit with code 0, but it was killed by SIGKILL`);
  assert.equal(readdirSync(dir), []);
});

write('a full disk (a 256 KiB tmpfs): one VideoWriteError, an OutputError with code ENOSPC that says so; no file, no temporary file, no ffmpeg left', async () => {
  const mnt = tempDir();
  if (!mountTinyDisk(mnt, 256, 'full-disk')) return;
  try {
    const out = join(mnt, 'full.mp4');
    // Noise does not compress: 320x240 frames of it fill 256 KiB within a few dozen frames.
    const frames = Array.from({ length: 200 }, (_, i) => noise(320, 240, i));
    const e = await rejection(lastValueFrom(of(...frames).pipe(writeVideo(out, { codec: 'mpeg4' }))));
    assert.instance(e, VideoWriteError);
    assert.instance(e, OutputError);
    const err = e as VideoWriteError;
    assert.is(err.code, 'ENOSPC');
    assert.is(err.path, out);
    assert.match(err.message, /^[^:]+: frame \d+: cannot write the video: no space left on the device \(free some space or write elsewhere\); VideoWriter\.(write|close): /);
    assert.ok(err.message.startsWith(`${out}: frame `), err.message);
    assert.match(err.message, /ffmpeg said ".*No space left on device"$/);
    assert.ok(err.frameIndex! > 0 && err.frameIndex! < 200, String(err.frameIndex));
    assert.equal(readdirSync(mnt), []);
    assert.equal(writersInto(mnt), []);
  } finally {
    spawnSync('umount', ['-l', mnt]);
  }
});

write('an output folder that does not exist, or is a file: one VideoWriteError naming the folder, nothing written', async () => {
  const dir = tempDir();
  const missing = join(dir, 'no-such-folder', 'out.mp4');
  const e1 = await rejection(lastValueFrom(of(solid(16, 16, COLOURS[0])).pipe(writeVideo(missing))));
  assert.instance(e1, VideoWriteError);
  assert.is(
    (e1 as Error).message,
    `${missing}: VideoWriter.open: the output folder ${join(dir, 'no-such-folder')} must exist and be writable, got ENOENT`,
  );
  const file = join(dir, 'plain-file');
  writeFileSync(file, 'x');
  const e2 = await rejection(lastValueFrom(of(solid(16, 16, COLOURS[0])).pipe(writeVideo(join(file, 'out.mp4')))));
  assert.instance(e2, VideoWriteError);
  assert.match((e2 as Error).message, /must exist and be writable, got not a directory/);
  // The error comes even when the source never emits.
  const e3 = await rejection(lastValueFrom(new Subject<Frame>().pipe(writeVideo(missing))));
  assert.instance(e3, VideoWriteError);
  assert.equal(readdirSync(dir), ['plain-file']);
});

write('a frame of another size: ShapeError naming both sizes and the frame, nothing left behind', async () => {
  const dir = tempDir();
  const out = join(dir, 'sizes.mp4');
  const e = await rejection(lastValueFrom(of(solid(32, 32, COLOURS[0], 0), solid(32, 32, COLOURS[1], 1), solid(48, 32, COLOURS[2], 2)).pipe(writeVideo(out))));
  assert.instance(e, ShapeError);
  assert.is((e as Error).message, `${out}: frame 2: VideoWriter.write: frame must be 32x32 like the first, got 48x32`);
  assert.equal(readdirSync(dir), []);
  const bad: Frame = { index: 0, timeMs: 0, width: 4, height: 4, data: new Uint8Array(47) };
  const e2 = await rejection(lastValueFrom(of(bad).pipe(writeVideo(out))));
  assert.instance(e2, ShapeError);
  assert.match((e2 as Error).message, /frame\.data must be 4\*4\*3 = 48 bytes \(RGB24\), got 47/);
});

write('an odd size is padded to even by default (63x47 -> 64x48), or rejected with oddSize reject', async () => {
  const dir = tempDir();
  const out = join(dir, 'odd.mp4');
  await lastValueFrom(of(solid(63, 47, COLOURS[0]), solid(63, 47, COLOURS[1], 1)).pipe(writeVideo(out)));
  const info = await probeVideo(out);
  assert.equal([info.width, info.height], [64, 48]);
  const e = await rejection(lastValueFrom(of(solid(63, 47, COLOURS[0])).pipe(writeVideo(join(dir, 'odd2.mp4'), { oddSize: 'reject' }))));
  assert.instance(e, ShapeError);
  assert.match((e as Error).message, /must be even for yuv420p/);
});

write('no frames: VideoWriteError, no file', async () => {
  const dir = tempDir();
  const e = await rejection(lastValueFrom(of<Frame>().pipe(writeVideo(join(dir, 'empty.mp4')))));
  assert.instance(e, VideoWriteError);
  assert.match((e as Error).message, /at least one frame must be written, got none/);
  assert.equal(readdirSync(dir), []);
});

write('bad path or options: ConfigError at once', () => {
  assert.throws(() => writeVideo('out.webm'), (e: unknown) => e instanceof ConfigError && /must end in one of .mp4 .mkv .mov .avi, got "out.webm"/.test((e as Error).message));
  assert.throws(() => writeVideo('out.mp4', { fps: 0 }), /options.fps must be a finite number > 0/);
  assert.throws(() => writeVideo('out.mp4', { codec: 'vp9' as 'h264' }), /options.codec must be/);
  assert.throws(() => writeVideo('out.mp4', { crf: 52 }), /options.crf must be an integer in 0..51, got 52/);
  assert.throws(() => writeVideo('out.mp4', { preset: 'quick' }), /options.preset must be one of/);
});

write('videoFrames -> take(5) -> writeVideo: stopping upstream finishes a valid 5-frame copy of the sample', async () => {
  const dir = tempDir();
  const out = join(dir, 'first5.mp4');
  const passed = await lastValueFrom(videoFrames(TUD_CAMPUS).pipe(take(5), writeVideo(out), toArray()));
  assert.equal(passed.map((f) => f.index), [0, 1, 2, 3, 4]);
  const info = await probeVideo(out);
  assert.equal([info.width, info.height, info.frameRate, info.codec], [640, 480, 25, 'h264']);
  const back = await decodeAll(out);
  assert.is(back.length, 5);
  // Lossy, but close: mean absolute difference to the source frame under 4 levels.
  let diff = 0;
  for (let i = 0; i < back[2].data.length; i++) diff += Math.abs(back[2].data[i] - passed[2].data[i]);
  assert.ok(diff / back[2].data.length < 4, `mean abs diff ${diff / back[2].data.length}`);
  assert.equal(readdirSync(dir), ['first5.mp4']);
});

write('backpressure: under pullConcatMap a slow encoder holds the source back (pulled - written <= 2)', async () => {
  const dir = tempDir();
  const out = join(dir, 'slow.mp4');
  let pulled = 0;
  let written = 0;
  let maxAhead = 0;
  async function* source(): AsyncGenerator<Frame> {
    for (let i = 0; i < 16; i++) {
      pulled++;
      maxAhead = Math.max(maxAhead, pulled - written);
      yield noise(320, 240, i);
    }
  }
  const passed = await lastValueFrom(
    pullConcatMap(source(), (f) => of(f)).pipe(
      writeVideo(out, { codec: 'h264', preset: 'veryslow', crf: 0 }),
      tap(() => written++),
      toArray(),
    ),
  );
  assert.is(passed.length, 16);
  // Without the hold the generator would run all 16 frames ahead at once.
  assert.ok(maxAhead <= 2, `source ran ${maxAhead} frames ahead of the encoder`);
  assert.is((await decodeAll(out)).length, 16);
});

write.run();
