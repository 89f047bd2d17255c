/**
 * writeVideo: an RxJS operator that encodes the frames passing through it
 * into a video file and passes each frame on once ffmpeg has taken it.
 */
import type { Frame } from '@mot/core';
import { Observable, type MonoTypeOperatorFunction, type Subscription } from 'rxjs';
import { collectHolds, holdPull } from './hold-pull.js';
import { checkWriteVideoOptions, VideoWriter, type WriteVideoOptions } from './video-writer.js';

/**
 * Writes every frame into a video file (RGB24 into ffmpeg's stdin; libx264
 * when the binary has it, else mpeg4; yuv420p) and passes it downstream once
 * ffmpeg's stdin has taken all of its bytes, so the buffer may be reused or
 * dropped after that.
 *
 * Backpressure: under {@link pullConcatMap} (and so {@link videoFrames}) the
 * next frame is pulled only after this frame was written and the stages after
 * this one are done with it (see {@link holdPull}): a slow encoder slows the
 * decoder, one frame in flight. Under a source that pushes regardless (a
 * Subject, `from(array)`), frames wait here in order of arrival.
 *
 * The file appears under its name only when complete: ffmpeg writes a hidden
 * temporary file in the same folder, renamed after the source completed and
 * ffmpeg exited 0; the output completes after that. On an error (of the
 * source, of ffmpeg, a frame of another size) or an unsubscribe, ffmpeg is
 * killed and the temporary file removed; an error is delivered only after
 * that cleanup. The size is the first frame's; each subscription writes the
 * file anew.
 *
 * @param path - the video to write (.mp4, .mkv, .mov or .avi); replaced on success
 * @param options - fps (default 25), codec, crf/preset (h264), qscale (mpeg4), oddSize; see {@link WriteVideoOptions}
 * @returns the same frames, each after it was written
 * @throws {ConfigError} at once for a bad path or options
 * @throws {VideoWriteError} (error notification) for an unwritable folder, no frames, ffmpeg failing
 * @throws {ShapeError} (error notification) for a frame whose size differs from the first
 * @example
 * ```ts
 * import { lastValueFrom } from 'rxjs';
 * await lastValueFrom(videoFrames('fixtures/video/TUD-Campus.mp4').pipe(writeVideo('/tmp/copy.mp4')));
 * ```
 */
export function writeVideo(path: string, options?: WriteVideoOptions): MonoTypeOperatorFunction<Frame> {
  checkWriteVideoOptions('writeVideo', path, options);
  return (source) =>
    new Observable<Frame>((subscriber) => {
      let writer: VideoWriter | undefined;
      let failed = false;
      let finished = false;
      let upstream: Subscription | undefined;
      const opened = VideoWriter.open(path, options).then((w) => {
        writer = w;
      });
      // Every frame's write, and the final close, run one after another on this chain.
      let chain: Promise<void> = opened;

      const fail = (e: unknown): void => {
        if (failed || subscriber.closed) return;
        failed = true;
        upstream?.unsubscribe();
        void opened
          .then(() => writer?.abort())
          .catch(() => undefined)
          .then(() => subscriber.error(e));
      };

      // An unwritable folder is reported at once, even before the first frame.
      opened.catch(fail);

      upstream = source.subscribe({
        next: (frame) => {
          const step = chain.then(async () => {
            if (failed || subscriber.closed) return;
            await writer!.write(frame);
            if (subscriber.closed) return;
            // Stages after this one may hold the source too; their holds become part of ours.
            await collectHolds(() => subscriber.next(frame));
          });
          chain = step.catch(fail);
          holdPull(chain);
        },
        error: fail,
        complete: () => {
          chain = chain
            .then(async () => {
              if (failed || subscriber.closed) return;
              await writer!.close();
              finished = true;
              subscriber.complete();
            })
            .catch(fail);
        },
      });
      if (failed) upstream.unsubscribe();

      return () => {
        upstream?.unsubscribe();
        if (!finished) void opened.then(() => writer?.abort()).catch(() => undefined);
      };
    });
}
