/**
 * readFrames and videoFrames on a stream that stalls: ffmpeg is stopped
 * (SIGSTOP) mid-stream, as a decoder hung on a dead network mount would be.
 * Before stallTimeoutMs, `next()` waited forever. Now it rejects with a
 * VideoSourceError that says the source stalled, and the stopped ffmpeg is
 * killed and reaped (its pid checked in /proc).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError } from '@mot/core';
import { VideoSourceError } from './errors.js';
import { readFrames } from './read-frames.js';
import { videoFrames } from './video-frames.js';
import { ffmpegChildren, HAS_PROC, TUD_CAMPUS, waitGone } from './test-support.js';

const stall = suite('readFrames: a stalled stream');

stall('ffmpeg stopped after frame 3: rejects within the stall timeout, names the frame, leaves no ffmpeg', async () => {
  if (!HAS_PROC) return;
  let pid = -1;
  let last = -1;
  let error: unknown;
  const started = Date.now();
  try {
    for await (const f of readFrames(TUD_CAMPUS, { stallTimeoutMs: 400 })) {
      last = f.index;
      if (f.index === 3) {
        pid = ffmpegChildren()[0];
        process.kill(pid, 'SIGSTOP');
      }
    }
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof VideoSourceError, String(error));
  const e = error as VideoSourceError;
  assert.match(e.message, /readFrames: ffmpeg must deliver data, but it sent nothing for 400 ms \(a stalled source or decoder/);
  assert.is(e.frameIndex, last + 1);
  assert.ok(last >= 3 && last < 70, `last frame ${last}`);
  assert.ok(Date.now() - started < 20_000);
  assert.ok(await waitGone(pid), `ffmpeg ${pid} still there`);
  assert.equal(ffmpegChildren(), []);
});

stall('a slow consumer is not a stall: holding each frame longer than the timeout still reads to the end', async () => {
  let n = 0;
  for await (const _ of readFrames(TUD_CAMPUS, { stallTimeoutMs: 50, maxFrames: 4 })) {
    n++;
    await new Promise((r) => setTimeout(r, 120));
  }
  assert.is(n, 4);
});

stall('videoFrames errors the same way and reaps ffmpeg', async () => {
  if (!HAS_PROC) return;
  let pid = -1;
  const frames = videoFrames(TUD_CAMPUS, { stallTimeoutMs: 400 });
  const error = await new Promise<unknown>((resolve) => {
    frames.subscribe({
      next: (f) => {
        if (f.index === 2) {
          pid = ffmpegChildren()[0];
          process.kill(pid, 'SIGSTOP');
        }
      },
      error: resolve,
      complete: () => resolve(undefined),
    });
  });
  assert.ok(error instanceof VideoSourceError, String(error));
  assert.match((error as Error).message, /sent nothing for 400 ms/);
  assert.ok(await waitGone(pid), `ffmpeg ${pid} still there`);
});

stall('stallTimeoutMs must be a positive finite number', () => {
  assert.throws(() => readFrames(TUD_CAMPUS, { stallTimeoutMs: 0 }), (e: unknown) => e instanceof ConfigError && /options\.stallTimeoutMs must be a finite number > 0 \(ms\), got 0/.test((e as Error).message));
});

stall.run();
