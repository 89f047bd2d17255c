import type { Frame } from '@mot/core';
import { concatMap, delay, from, lastValueFrom, map, of, take, tap, throwError, toArray } from 'rxjs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { pullConcatMap } from './pull-concat-map.js';
import { readFrames } from './read-frames.js';
import { bytesWritten, ffmpegChildren, HAS_PROC, sleep, TUD_CAMPUS, waitGone } from './test-support.js';
import { videoFrames } from './video-frames.js';

const FRAME_BYTES = 640 * 480 * 3; // 921,600 bytes per RGB24 frame

/** An async generator of 0..n-1 that records how far it was pulled and whether it was closed. */
function counter(n: number) {
  const log = { pulled: 0, closed: false, signal: undefined as AbortSignal | undefined };
  const make = (signal?: AbortSignal) => {
    log.signal = signal;
    return (async function* () {
      try {
        for (let i = 0; i < n; i++) {
          log.pulled = i + 1;
          yield i;
        }
      } finally {
        log.closed = true;
      }
    })();
  };
  return { log, make };
}

const pcm = suite('pullConcatMap');

pcm('maps every value through promises, arrays and observables, in order, with the index', async () => {
  const { make } = counter(6);
  const out = await lastValueFrom(
    pullConcatMap(make(), (v, i) =>
      v % 3 === 0 ? Promise.resolve(`${v}@${i}`) : v % 3 === 1 ? [`${v}a`, `${v}b`] : of(v).pipe(delay(5), map((x) => `${x}d`)),
    ).pipe(toArray()),
  );
  assert.equal(out, ['0@0', '1a', '1b', '2d', '3@3', '4a', '4b', '5d']);
});

pcm('pulls the next value only after the inner observable completed', async () => {
  const { log, make } = counter(5);
  const pulledAtStart: number[] = [];
  await lastValueFrom(
    pullConcatMap(make, (v) => {
      pulledAtStart.push(log.pulled);
      return of(v).pipe(delay(10));
    }),
  );
  // When value v's work starts, exactly v + 1 values have been pulled: none ahead.
  assert.equal(pulledAtStart, [1, 2, 3, 4, 5]);
});

pcm('unsubscribing aborts the factory signal and closes the iterator', async () => {
  const { log, make } = counter(1000);
  const got = await lastValueFrom(pullConcatMap(make, (v) => of(v)).pipe(take(3), toArray()));
  assert.equal(got, [0, 1, 2]);
  await sleep(0);
  assert.ok(log.signal?.aborted);
  assert.ok(log.closed);
  assert.is(log.pulled, 3);
});

pcm('an error thrown by project errors the output and closes the source', async () => {
  const { log, make } = counter(10);
  const boom = new Error('boom');
  try {
    await lastValueFrom(pullConcatMap(make, (v) => (v === 2 ? (() => { throw boom; })() : of(v))));
    assert.unreachable('should error');
  } catch (e) {
    assert.is(e, boom);
  }
  await sleep(0);
  assert.ok(log.closed);
  assert.is(log.pulled, 3);
});

pcm('an inner error and a source error both reach the subscriber', async () => {
  const inner = new Error('inner');
  const e1 = await lastValueFrom(pullConcatMap(counter(3).make(), () => throwError(() => inner))).catch((e: unknown) => e);
  assert.is(e1, inner);
  const outer = new Error('source');
  const failing = (async function* () {
    yield 1;
    throw outer;
  })();
  const e2 = await lastValueFrom(pullConcatMap(failing, (v) => of(v))).catch((e: unknown) => e);
  assert.is(e2, outer);
});

pcm('10,000 synchronous inner observables do not grow the stack', async () => {
  const n = await lastValueFrom(pullConcatMap(counter(10_000).make, (v) => of(v)).pipe(toArray()));
  assert.is(n.length, 10_000);
  assert.is(n[9_999], 9_999);
});

pcm('a slow async stage over real frames: ffmpeg stays less than one frame ahead', async (): Promise<void> => {
  if (!HAS_PROC) return;
  let pid = -1;
  let maxAhead = -Infinity;
  const indices = await lastValueFrom(
    pullConcatMap(
      (signal) => readFrames(TUD_CAMPUS, { maxFrames: 12, signal }),
      (f: Frame) => {
        if (pid < 0) [pid] = ffmpegChildren();
        return of(f.index).pipe(
          delay(25), // a slow detector
          tap((i) => {
            if (i < 11) maxAhead = Math.max(maxAhead, bytesWritten(pid) - (i + 1) * FRAME_BYTES);
          }),
        );
      },
    ).pipe(toArray()),
  );
  assert.equal(indices, Array.from({ length: 12 }, (_, i) => i));
  assert.ok(maxAhead < FRAME_BYTES, `ffmpeg ran ${maxAhead} bytes ahead`);
});

pcm('for contrast, plain concatMap on videoFrames queues frames while the stage works', async (): Promise<void> => {
  // Why pullConcatMap exists: RxJS has no backpressure, so the source keeps
  // emitting into concatMap's queue while the first (300 ms) stage runs.
  let emitted = 0;
  let emittedWhenFirstDone = -1;
  await lastValueFrom(
    videoFrames(TUD_CAMPUS, { maxFrames: 20 }).pipe(
      tap(() => emitted++),
      concatMap((f) => of(f).pipe(delay(f.index === 0 ? 300 : 0))),
      tap((f) => {
        if (f.index === 0) emittedWhenFirstDone = emitted;
      }),
    ),
  );
  // ffmpeg decodes this video at hundreds of frames/s: all 20 are queued by then.
  assert.ok(emittedWhenFirstDone > 2, `only ${emittedWhenFirstDone} frames emitted during the first stage`);
});

pcm('unsubscribing mid-frame kills ffmpeg', async (): Promise<void> => {
  if (!HAS_PROC) return;
  let pid = -1;
  const got = await lastValueFrom(
    pullConcatMap(
      (signal) => readFrames(TUD_CAMPUS, { signal }),
      (f: Frame) => {
        if (pid < 0) [pid] = ffmpegChildren();
        return from(sleep(5).then(() => f.index));
      },
    ).pipe(take(3), toArray()),
  );
  assert.equal(got, [0, 1, 2]);
  assert.ok(await waitGone(pid));
});

pcm.run();
