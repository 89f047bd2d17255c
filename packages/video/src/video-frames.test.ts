import type { Frame } from '@mot/core';
import { ConfigError } from '@mot/core';
import { count, firstValueFrom, lastValueFrom, map, take, toArray } from 'rxjs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { VideoSourceError } from './errors.js';
import { videoFrames } from './video-frames.js';
import { bytesWritten, decodeFrameIndependently, ffmpegChildren, HAS_PROC, processState, TUD_CAMPUS, waitGone } from './test-support.js';

const FRAME_BYTES = 640 * 480 * 3; // 921,600 bytes per RGB24 frame

/** Blocks the thread for `ms` (a synchronous stage doing heavy work). */
function busyWait(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

const frames = suite('videoFrames');

frames('emits the 71 frames of the sample, in order, and completes', async () => {
  const indices = await lastValueFrom(videoFrames(TUD_CAMPUS).pipe(map((f) => f.index), toArray()));
  assert.equal(indices, Array.from({ length: 71 }, (_, i) => i));
});

frames('frame 10 equals a separate ffmpeg decode byte for byte', async () => {
  const f = await firstValueFrom(videoFrames(TUD_CAMPUS, { start: 10 }));
  const ref = decodeFrameIndependently(TUD_CAMPUS, 10);
  assert.is(f.index, 10);
  assert.is(f.timeMs, 400); // 10 frames * 40 ms
  assert.is(Buffer.compare(f.data, ref.data), 0);
});

frames('is cold: two subscriptions each get every frame', async () => {
  const source = videoFrames(TUD_CAMPUS, { maxFrames: 4 });
  const [a, b] = await Promise.all([lastValueFrom(source.pipe(count())), lastValueFrom(source.pipe(count()))]);
  assert.equal([a, b], [4, 4]);
});

frames('take(5) then unsubscribe: ffmpeg is killed and reaped, no zombie', async (): Promise<void> => {
  if (!HAS_PROC) return;
  let pid = -1;
  const got: Frame[] = [];
  await new Promise<void>((resolve, reject) => {
    videoFrames(TUD_CAMPUS)
      .pipe(take(5))
      .subscribe({
        next: (f) => {
          if (pid < 0) [pid] = ffmpegChildren();
          got.push(f);
        },
        error: reject,
        complete: resolve,
      });
  });
  assert.is(got.length, 5);
  assert.ok(pid > 0);
  // SIGKILL was sent during the teardown; Node reaps the child on SIGCHLD.
  assert.ok(await waitGone(pid), `ffmpeg ${pid} still there, state ${processState(pid)}`);
  assert.equal(ffmpegChildren(), []);
});

frames('a slow synchronous subscriber holds ffmpeg to less than one frame ahead', async (): Promise<void> => {
  if (!HAS_PROC) return;
  // The next frame is decoded only after next() returned: each call blocks
  // 20 ms, ample time for ffmpeg to race ahead if nothing held it back.
  let pid = -1;
  let maxAhead = -Infinity;
  await new Promise<void>((resolve, reject) => {
    videoFrames(TUD_CAMPUS, { maxFrames: 10 }).subscribe({
      next: (f) => {
        if (pid < 0) [pid] = ffmpegChildren();
        busyWait(20);
        if (f.index < 9) maxAhead = Math.max(maxAhead, bytesWritten(pid) - (f.index + 1) * FRAME_BYTES);
      },
      error: reject,
      complete: resolve,
    });
  });
  assert.ok(maxAhead < FRAME_BYTES, `ffmpeg ran ${maxAhead} bytes ahead`);
});

frames('errors with a VideoSourceError for a missing file', async () => {
  try {
    await lastValueFrom(videoFrames('missing.mp4'));
    assert.unreachable('should error');
  } catch (e) {
    assert.ok(e instanceof VideoSourceError && e.source === 'missing.mp4');
    assert.match((e as Error).message, /^missing\.mp4: readFrames: path must be an existing readable file, got ENOENT$/);
  }
});

frames('throws at once on bad options', () => {
  assert.throws(
    () => videoFrames(TUD_CAMPUS, { maxFrames: -2 }),
    (e: unknown) => e instanceof ConfigError && /^videoFrames: options\.maxFrames must be an integer >= 1, got -2$/.test((e as Error).message),
  );
  assert.throws(
    () => videoFrames(42 as unknown as string),
    (e: unknown) => e instanceof ConfigError && /^videoFrames: path must be a non-empty string, got 42$/.test((e as Error).message),
  );
});

frames.run();
