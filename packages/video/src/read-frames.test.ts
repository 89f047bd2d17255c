import type { Frame } from '@mot/core';
import { ConfigError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { VideoSourceError } from './errors.js';
import { readFrames } from './read-frames.js';
import {
  bytesWritten,
  cutVideo,
  decodeFrameIndependently,
  ffmpegChildren,
  HAS_PROC,
  processState,
  rotatedVideo,
  sleep,
  TEXT_FILE,
  truncatedVideo,
  TUD_CAMPUS,
} from './test-support.js';

const FRAME_BYTES = 640 * 480 * 3; // 921,600 bytes per RGB24 frame

async function collect(it: AsyncIterable<Frame>): Promise<Frame[]> {
  const out: Frame[] = [];
  for await (const f of it) out.push(f);
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
const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && Buffer.compare(a, b) === 0;
const mean = (d: Uint8Array): number => d.reduce((s, v) => s + v, 0) / d.length;

let all: Frame[] = [];

const read = suite('readFrames');

read('decodes all 71 frames of the sample, 640x480 RGB24, 40 ms apart', async () => {
  all = await collect(readFrames(TUD_CAMPUS));
  assert.is(all.length, 71);
  all.forEach((f, i) => {
    assert.is(f.index, i);
    assert.is(f.timeMs, i * 40); // 1000 ms / 25 fps
    assert.is(f.width, 640);
    assert.is(f.height, 480);
    assert.is(f.data.length, FRAME_BYTES);
  });
  // Each frame owns its bytes, and consecutive frames of a moving scene differ.
  assert.is.not(all[10].data.buffer, all[11].data.buffer);
  assert.not.ok(sameBytes(all[10].data, all[11].data));
});

read('frame 10 equals a separate ffmpeg decode (select filter, PPM) byte for byte', () => {
  const ref = decodeFrameIndependently(TUD_CAMPUS, 10);
  assert.is(ref.width, 640);
  assert.is(ref.height, 480);
  assert.ok(sameBytes(all[10].data, ref.data));
  // Not a vacuous match: the reference differs from its neighbour.
  assert.not.ok(sameBytes(all[11].data, ref.data));
});

read('start seeks to the exact frame: start 65 gives frames 65..70 equal to the full decode', async () => {
  const tail = await collect(readFrames(TUD_CAMPUS, { start: 65 }));
  assert.equal(tail.map((f) => [f.index, f.timeMs]), [65, 66, 67, 68, 69, 70].map((i) => [i, i * 40]));
  tail.forEach((f) => assert.ok(sameBytes(f.data, all[f.index].data), `frame ${f.index}`));
  assert.ok(sameBytes(tail[0].data, decodeFrameIndependently(TUD_CAMPUS, 65).data));
});

read('start 10 with maxFrames 1 gives frame 10 alone', async () => {
  const one = await collect(readFrames(TUD_CAMPUS, { start: 10, maxFrames: 1 }));
  assert.is(one.length, 1);
  assert.is(one[0].index, 10);
  assert.ok(sameBytes(one[0].data, all[10].data));
});

read('maxFrames 5 stops after frame 4', async () => {
  const five = await collect(readFrames(TUD_CAMPUS, { maxFrames: 5 }));
  assert.equal(five.map((f) => f.index), [0, 1, 2, 3, 4]);
  assert.ok(sameBytes(five[4].data, all[4].data));
});

read('fps 5 keeps every 5th frame: 15 frames, 200 ms apart', async () => {
  // One frame per 1/5 s tick while the video is on screen: ticks 0, 0.2, ...,
  // 2.8 s all fall inside its 2.84 s, floor(2.84 * 5) + 1 = 15 ticks. The frame
  // on screen at tick k/5 s is source frame 25k/5 = 5k (timestamp exactly k/5 s).
  const slow = await collect(readFrames(TUD_CAMPUS, { fps: 5 }));
  assert.equal(slow.map((f) => f.timeMs), Array.from({ length: 15 }, (_, k) => k * 200));
  slow.forEach((f, k) => assert.ok(sameBytes(f.data, all[5 * k].data), `tick ${k} = source frame ${5 * k}`));
});

read('size scales the frames; the mean intensity is kept', async () => {
  const [small] = await collect(readFrames(TUD_CAMPUS, { size: [320, 240], maxFrames: 1 }));
  assert.is(small.width, 320);
  assert.is(small.height, 240);
  assert.is(small.data.length, 320 * 240 * 3);
  // Downscaling by 2 averages pixels, so the frame's mean moves by well under a level.
  assert.ok(Math.abs(mean(small.data) - mean(all[0].data)) < 1, `${mean(small.data)} vs ${mean(all[0].data)}`);
});

read('a video stored with a 90 degree rotation comes out turned, 480x640', async () => {
  const turned = await collect(readFrames(rotatedVideo()));
  assert.is(turned.length, 3);
  const f = turned[1];
  assert.is(f.width, 480);
  assert.is(f.height, 640);
  // Both ffprobe (rotation 90, counter-clockwise) and ffmpeg (rotate tag 270,
  // clockwise) read the tag as a quarter turn counter-clockwise: stored pixel
  // (x, y) lands at (y, 639 - x). The stream is a copy of the sample's, so the
  // stored frame is frame 1 of the full decode. (The clockwise mapping
  // (479 - y, x) mismatches 18,824 of these 19,044 sampled values.)
  let mismatches = 0;
  for (let y = 0; y < 480; y += 7) {
    for (let x = 0; x < 640; x += 7) {
      const src = (y * 640 + x) * 3;
      const dst = ((639 - x) * 480 + y) * 3;
      for (let c = 0; c < 3; c++) if (f.data[dst + c] !== all[1].data[src + c]) mismatches++;
    }
  }
  assert.is(mismatches, 0);
});

read('breaking out of the loop kills ffmpeg and waits for its exit', async (): Promise<void> => {
  if (!HAS_PROC) return;
  let pid = -1;
  for await (const f of readFrames(TUD_CAMPUS)) {
    if (f.index === 2) {
      [pid] = ffmpegChildren();
      break;
    }
  }
  assert.ok(pid > 0);
  // return() resolved after the exit: the process is gone, not a zombie.
  assert.is(processState(pid), undefined);
  assert.equal(ffmpegChildren(), []);
});

read('a slow consumer slows ffmpeg: it writes less than one frame ahead', async (): Promise<void> => {
  if (!HAS_PROC) return;
  // After frame k is handed out and the consumer has idled 30 ms (time for
  // ffmpeg to run far ahead if nothing stopped it: it decodes this video at
  // several hundred fps), ffmpeg has written at most frames 0..k plus what
  // fits in the pipe and Node's stream buffer (16-64 KiB each).
  let pid = -1;
  let maxAhead = -Infinity;
  for await (const f of readFrames(TUD_CAMPUS, { maxFrames: 12 })) {
    if (pid < 0) [pid] = ffmpegChildren();
    await sleep(30);
    if (f.index < 11) maxAhead = Math.max(maxAhead, bytesWritten(pid) - (f.index + 1) * FRAME_BYTES);
  }
  assert.ok(maxAhead < FRAME_BYTES, `ffmpeg ran ${maxAhead} bytes ahead`);
  // ...and it did run ahead by something: the measurement sees the pipe.
  assert.ok(maxAhead > 0, `ahead ${maxAhead}`);
});

read('an abort signal kills ffmpeg and rejects with the reason', async (): Promise<void> => {
  const controller = new AbortController();
  const it = readFrames(TUD_CAMPUS, { signal: controller.signal });
  await it.next();
  const [pid] = HAS_PROC ? ffmpegChildren() : [-1];
  controller.abort();
  const e = await rejection(it.next());
  assert.is((e as Error).name, 'AbortError');
  if (HAS_PROC) assert.is(processState(pid), undefined);
});

read('rejects a missing file, naming it', async () => {
  const e = await rejection(collect(readFrames('missing.mp4')));
  assert.ok(e instanceof VideoSourceError);
  assert.is((e as Error).message, 'missing.mp4: readFrames: path must be an existing readable file, got ENOENT');
});

read('rejects a file that is not a video', async () => {
  const e = await rejection(collect(readFrames(TEXT_FILE)));
  assert.ok(e instanceof VideoSourceError && e.source === TEXT_FILE && /Invalid data found/.test(e.ffmpegMessage ?? ''));
  assert.match((e as Error).message, /README\.md: readFrames: file must be a video or image ffprobe can read/);
});

read('rejects a truncated mp4 that cannot be opened', async () => {
  const e = await rejection(collect(readFrames(truncatedVideo())));
  assert.ok(e instanceof VideoSourceError && e.source === truncatedVideo() && e.frameIndex === undefined);
});

read('a video cut short fails mid-stream with the frame reached and ffmpeg\'s last line', async () => {
  const seen: number[] = [];
  let error: unknown;
  try {
    for await (const f of readFrames(cutVideo())) seen.push(f.index);
  } catch (e) {
    error = e;
  }
  // The first 500,000 of 936,975 bytes hold whole packets for frames 0..33
  // (measured with the ffmpeg CLI and -xerror: 34 frames, then exit code 1).
  assert.is(seen.length, 34);
  assert.ok(error instanceof VideoSourceError);
  const e = error as VideoSourceError;
  assert.is(e.frameIndex, 34);
  assert.is(e.ffmpegMessage, `${cutVideo()}: corrupt input packet in stream 0`);
  assert.is(
    e.message,
    `${cutVideo()}: frame 34: readFrames: ffmpeg must exit with code 0, but it exited with code 1; ffmpeg said "${cutVideo()}: corrupt input packet in stream 0"`,
  );
});

read('strict false lets ffmpeg conceal the damage and end early without an error', async () => {
  // ffmpeg's default behaviour: 37 frames (the last ones partly concealed), exit 0.
  const frames = await collect(readFrames(cutVideo(), { strict: false }));
  assert.is(frames.length, 37);
});

read('ffmpeg killed mid-stream: an error with the frame index reached', async (): Promise<void> => {
  if (!HAS_PROC) return;
  let last = -1;
  let error: unknown;
  try {
    for await (const f of readFrames(TUD_CAMPUS)) {
      last = f.index;
      if (f.index === 5) process.kill(ffmpegChildren()[0], 'SIGKILL');
    }
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof VideoSourceError);
  const e = error as VideoSourceError;
  // Frames already in the pipe still come out; the error names the next one.
  assert.is(e.frameIndex, last + 1);
  assert.ok(last >= 5 && last < 70, `last frame ${last}`);
  assert.match(e.message, /: frame \d+: readFrames: ffmpeg must exit with code 0, but it was killed by SIGKILL$/);
});

read('rejects a start past the last frame', async () => {
  const e = await rejection(collect(readFrames(TUD_CAMPUS, { start: 71 })));
  assert.ok(e instanceof ConfigError);
  assert.match((e as Error).message, /^readFrames: options\.start must be < the video's 71 frames, got 71/);
});

read('throws at once on bad options', () => {
  const bad: [object, RegExp][] = [
    [{ start: -1 }, /options\.start must be an integer >= 0, got -1/],
    [{ start: 1.5 }, /options\.start must be an integer >= 0, got 1\.5/],
    [{ maxFrames: 0 }, /options\.maxFrames must be an integer >= 1, got 0/],
    [{ fps: 0 }, /options\.fps must be a finite number > 0 \(frames\/s\), got 0/],
    [{ fps: Infinity }, /options\.fps must be a finite number > 0/],
    [{ size: [640] }, /options\.size must be \[width, height\] in whole px >= 1, got \[640\]/],
    [{ size: [0, 10] }, /options\.size must be/],
    [{ strict: 'yes' }, /options\.strict must be a boolean, got yes/],
  ];
  for (const [options, re] of bad) {
    assert.throws(
      () => readFrames(TUD_CAMPUS, options),
      (e: unknown) => e instanceof ConfigError && re.test((e as Error).message),
      JSON.stringify(options),
    );
  }
  assert.throws(
    () => readFrames(''),
    (e: unknown) => e instanceof ConfigError && /^readFrames: path must be a non-empty string, got $/.test((e as Error).message),
  );
});

read.run();
