/**
 * Writes the frames of a result stream into a video file, passing the results on.
 */
import { writeVideo, type WriteVideoOptions } from '@mot/video';
import { defer, map, type MonoTypeOperatorFunction, tap } from 'rxjs';
import type { FrameResult } from './types.js';

/**
 * @mot/video's `writeVideo` for a stream of {@link FrameResult}s: each
 * result's frame is encoded, and the result is passed on once ffmpeg took the
 * frame, so inside {@link track}'s `stages` a slow encoder slows the decoder.
 * Completes after the file is complete and renamed into place; on an error or
 * unsubscribe the temporary file is removed (see `writeVideo`).
 *
 * @param path the video to write (.mp4, .mkv, .mov or .avi)
 * @param options fps (default 25), codec, quality; see `WriteVideoOptions`
 * @returns the same results, each after its frame was written
 * @throws ConfigError at once for a bad path or options
 * @example
 * ```ts
 * track('in.mp4', { stages: pipe(annotate(), writeResultVideo('out.mp4')) });
 * ```
 */
export function writeResultVideo(path: string, options?: WriteVideoOptions): MonoTypeOperatorFunction<FrameResult> {
  const write = writeVideo(path, options);
  return (source) =>
    defer(() => {
      // writeVideo emits each frame once, in order, after writing it: the
      // result that carried it is the oldest one waiting.
      const waiting: FrameResult[] = [];
      return source.pipe(
        tap((r) => waiting.push(r)),
        map((r) => r.frame),
        write,
        map(() => waiting.shift() as FrameResult),
      );
    });
}
