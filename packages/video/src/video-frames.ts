/**
 * A video's frames as an RxJS Observable with pull semantics.
 */
import type { Frame } from '@mot/core';
import { Observable, of } from 'rxjs';
import { pullConcatMap } from './pull-concat-map.js';
import { checkReadFramesOptions, readFrames, type ReadFramesOptions } from './read-frames.js';

/** Options of {@link videoFrames}: those of {@link readFrames} except the signal, which unsubscribing replaces. */
export type VideoFramesOptions = Omit<ReadFramesOptions, 'signal'>;

/**
 * Decodes a video with ffmpeg into an Observable of RGB24 {@link Frame}s.
 *
 * The next frame is decoded and emitted only after the subscriber's `next`
 * handler has returned, so synchronous stages (`map`, `filter`, `tap`, a
 * subscriber doing its work inline) hold one frame at a time. For asynchronous
 * stages use {@link pullConcatMap} on {@link readFrames} instead of piping this
 * into `concatMap`, which would queue frames (RxJS has no backpressure).
 *
 * Cold: each subscription runs its own ffmpeg. Unsubscribing kills it
 * (SIGKILL; reaped by Node shortly after).
 *
 * @param path - a video file ffmpeg can decode
 * @param options - see {@link ReadFramesOptions}
 * @returns frames in decode order; errors with a VideoSourceError as readFrames does
 * @throws {ConfigError} at once for a bad path or options
 * @example
 * ```ts
 * import { count } from 'rxjs';
 * videoFrames('fixtures/video/TUD-Campus.mp4').pipe(count()).subscribe((n) => console.log(n)); // 71
 * ```
 */
export function videoFrames(path: string, options?: VideoFramesOptions): Observable<Frame> {
  checkReadFramesOptions('videoFrames', path, options);
  return pullConcatMap((signal) => readFrames(path, { ...options, signal }), (frame) => of(frame));
}
