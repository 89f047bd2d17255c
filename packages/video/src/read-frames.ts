/**
 * Decoded frames of a video as an async iterable: ffmpeg decodes to packed
 * RGB24 on its stdout and the reader cuts the byte stream into frames, pulling
 * from the pipe only when the consumer asks for the next frame.
 */
import { spawn } from 'node:child_process';
import { assert, ConfigError, type Frame } from '@mot/core';
import { VideoSourceError } from './errors.js';
import { describeExit, isRunning, StderrTail, waitExit } from './ffmpeg-process.js';
import { probeAs, type VideoInfo } from './probe-video.js';
import { resolveFfmpeg } from './resolve-ffmpeg.js';

/** What to read from a video. All optional. */
export interface ReadFramesOptions {
  /** Index (0-based, at the output rate) of the first frame to deliver. Default 0. */
  readonly start?: number;
  /** Stop after this many frames (>= 1). Default: to the end. */
  readonly maxFrames?: number;
  /**
   * Resample to this rate (frames/s) with ffmpeg's `fps` filter; indices and
   * `timeMs` follow it, and output frame k is the source frame on screen at
   * k/fps s. Default: the video's own frames, none dropped or repeated.
   */
  readonly fps?: number;
  /** Scale every frame to [width, height] (px) with ffmpeg's `scale` filter (bicubic). Default: the video's size. */
  readonly size?: readonly [width: number, height: number];
  /**
   * Fail on the first decode or demux error (ffmpeg `-xerror`). Default true:
   * otherwise ffmpeg conceals damage and carries on, and a truncated file
   * just ends early with exit code 0. Set false for streams known to start
   * with harmless errors (e.g. cut transport streams).
   */
  readonly strict?: boolean;
  /** Aborting kills ffmpeg at once; the pending or next `next()` rejects with `signal.reason`. */
  readonly signal?: AbortSignal;
  /**
   * Longest wait (ms) for ffmpeg's next bytes while a frame is wanted; past
   * it ffmpeg is killed and `next()` rejects with a VideoSourceError saying the
   * source stalled (a hung network mount, a stopped decoder). Time the
   * consumer spends holding a frame does not count. Default 30,000 ms.
   */
  readonly stallTimeoutMs?: number;
}

/** Default of `stallTimeoutMs`: far above any decode time of one frame, short enough that a hung read is reported. */
const STALL_TIMEOUT_MS_DEFAULT = 30_000;

interface CheckedOptions {
  start: number;
  maxFrames: number | undefined;
  fps: number | undefined;
  size: readonly [number, number] | undefined;
  strict: boolean;
  signal: AbortSignal | undefined;
  stallTimeoutMs: number;
}

const isPositiveInt = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0;

/** Validates the path and options; throws ConfigError. Shared with videoFrames. @internal */
export function checkReadFramesOptions(fn: string, path: unknown, o: ReadFramesOptions | undefined): CheckedOptions {
  assert(typeof path === 'string' && path !== '', () => `${fn}: path must be a non-empty string, got ${String(path)}`);
  const opts = o ?? {};
  const start = opts.start ?? 0;
  assert(Number.isInteger(start) && start >= 0, () => `${fn}: options.start must be an integer >= 0, got ${String(start)}`);
  assert(
    opts.maxFrames === undefined || isPositiveInt(opts.maxFrames),
    () => `${fn}: options.maxFrames must be an integer >= 1, got ${String(opts.maxFrames)}`,
  );
  assert(
    opts.fps === undefined || (typeof opts.fps === 'number' && opts.fps > 0 && Number.isFinite(opts.fps)),
    () => `${fn}: options.fps must be a finite number > 0 (frames/s), got ${String(opts.fps)}`,
  );
  const size = opts.size;
  assert(
    size === undefined || (Array.isArray(size) && size.length === 2 && isPositiveInt(size[0]) && isPositiveInt(size[1])),
    () => `${fn}: options.size must be [width, height] in whole px >= 1, got ${JSON.stringify(size)}`,
  );
  assert(
    opts.strict === undefined || typeof opts.strict === 'boolean',
    () => `${fn}: options.strict must be a boolean, got ${String(opts.strict)}`,
  );
  const stallTimeoutMs = opts.stallTimeoutMs ?? STALL_TIMEOUT_MS_DEFAULT;
  assert(
    typeof stallTimeoutMs === 'number' && stallTimeoutMs > 0 && Number.isFinite(stallTimeoutMs),
    () => `${fn}: options.stallTimeoutMs must be a finite number > 0 (ms), got ${String(opts.stallTimeoutMs)}`,
  );
  return { start, maxFrames: opts.maxFrames, fps: opts.fps, size, strict: opts.strict ?? true, signal: opts.signal, stallTimeoutMs };
}

/** The ffmpeg command line for one read. */
function ffmpegFrameArgs(path: string, o: CheckedOptions, rate: number): string[] {
  const args = ['-hide_banner', '-nostdin', '-v', 'error'];
  if (o.strict) args.push('-xerror');
  // Input seeking is fast (jumps to the keyframe before) and exact on
  // constant-rate video: ffmpeg decodes from the keyframe and drops frames
  // before the seek time. Half a frame early makes frame `start` (pts =
  // start/rate) the first one kept despite rounding in the timestamp maths.
  if (o.start > 0) args.push('-ss', ((o.start - 0.5) / rate).toFixed(6));
  args.push('-i', path, '-map', '0:v:0', '-an', '-sn');
  const filters: string[] = [];
  // round=up: each output tick k/fps gets the last source frame at or before
  // it (the one on screen at that moment), so timeMs matches the content. The
  // filter's default (near) would take a frame up to half a tick later.
  if (o.fps !== undefined) filters.push(`fps=fps=${o.fps}:round=up`);
  if (o.size !== undefined) filters.push(`scale=${o.size[0]}:${o.size[1]}`);
  if (filters.length > 0) args.push('-vf', filters.join(','));
  // rawvideo output would default to constant-frame-rate sync, which repeats
  // or drops frames of variable-rate video; passthrough keeps decode order, the
  // order ground-truth files count frames in.
  args.push('-vsync', 'passthrough');
  if (o.maxFrames !== undefined) args.push('-frames:v', String(o.maxFrames));
  args.push('-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1');
  return args;
}

const STALLED = Symbol('stalled');

/** The iterator's next chunk, or STALLED when none arrives within `ms`. */
async function nextOrStall(it: AsyncIterator<Buffer>, ms: number): Promise<IteratorResult<Buffer> | typeof STALLED> {
  let timer: NodeJS.Timeout | undefined;
  const stall = new Promise<typeof STALLED>((resolve) => {
    timer = setTimeout(() => resolve(STALLED), ms);
  });
  try {
    return await Promise.race([it.next(), stall]);
  } finally {
    clearTimeout(timer);
  }
}

async function* framesImpl(path: string, o: CheckedOptions): AsyncGenerator<Frame, void, undefined> {
  o.signal?.throwIfAborted();
  const info: VideoInfo = await probeAs('readFrames', path);
  if (info.frameCount !== undefined && o.fps === undefined && o.start >= info.frameCount) {
    throw new ConfigError(`readFrames: options.start must be < the video's ${info.frameCount} frames, got ${o.start} (${path})`);
  }
  const rate = o.fps ?? info.frameRate;
  const [width, height] = o.size ?? [info.width, info.height];
  const frameBytes = width * height * 3;
  const msPerFrame = 1000 / rate;
  const { ffmpeg } = resolveFfmpeg();
  o.signal?.throwIfAborted();

  // detached: its own process group, so a terminal's Ctrl-C reaches only us and
  // we decide when the decoder stops (we kill it in every exit path below).
  const child = spawn(ffmpeg, ffmpegFrameArgs(path, o, rate), { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const exit = waitExit(child);
  const stderr = new StderrTail(child.stderr);
  const onAbort = (): void => {
    child.kill('SIGKILL');
  };
  o.signal?.addEventListener('abort', onAbort, { once: true });

  let index = o.start;
  let buf = new Uint8Array(frameBytes);
  let fill = 0;
  try {
    // The stream's async iterator reads from the pipe only while this loop
    // asks for chunks. While a frame is out with the consumer (the `yield`),
    // nothing reads: Node's buffer fills to its high-water mark, then the OS
    // pipe, then ffmpeg blocks in write(). Read-ahead is thereby bounded by
    // those two buffers: about 300 KiB measured (0.35 of a 640x480 frame).
    const chunks = (child.stdout as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
    for (;;) {
      const next = await nextOrStall(chunks, o.stallTimeoutMs);
      if (next === STALLED) {
        child.kill('SIGKILL');
        throw new VideoSourceError(
          `readFrames: ffmpeg must deliver data, but it sent nothing for ${o.stallTimeoutMs} ms (a stalled source or decoder; options.stallTimeoutMs waits longer)`,
          { source: path, frameIndex: index, ffmpegMessage: stderr.lastLine() },
        );
      }
      if (next.done === true) break;
      const chunk = next.value;
      let off = 0;
      while (off < chunk.length) {
        const n = Math.min(chunk.length - off, frameBytes - fill);
        buf.set(chunk.subarray(off, off + n), fill);
        fill += n;
        off += n;
        if (fill === frameBytes) {
          // Each frame owns its bytes: consumers may keep frames, so the
          // buffer is never reused.
          const frame: Frame = { index, timeMs: index * msPerFrame, width, height, data: buf };
          buf = new Uint8Array(frameBytes);
          fill = 0;
          index++;
          yield frame;
          // Frames already in Node's buffer must not come out after an abort.
          o.signal?.throwIfAborted();
        }
      }
    }
    const status = await exit;
    await stderr.ended;
    if (o.signal?.aborted) throw o.signal.reason;
    if (status.code !== 0) {
      throw new VideoSourceError(`readFrames: ffmpeg must exit with code 0, but it ${describeExit(status)}`, {
        source: path,
        frameIndex: index,
        ffmpegMessage: stderr.lastLine(),
      });
    }
    if (fill !== 0) {
      throw new VideoSourceError(`readFrames: ffmpeg's output must be whole ${width}x${height} RGB24 frames of ${frameBytes} bytes, got ${fill} bytes over`, {
        source: path,
        frameIndex: index,
        ffmpegMessage: stderr.lastLine(),
      });
    }
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    if (isRunning(child)) child.kill('SIGKILL');
    child.stdout.destroy();
    child.stderr.destroy();
    // Wait for the exit so that when return() resolves, the process is gone
    // and reaped, not a zombie.
    await exit;
  }
}

/**
 * Decodes a video's frames with ffmpeg, one {@link Frame} (packed RGB24,
 * `width*height*3` bytes, row-major, top row first) at a time, pulled on demand.
 *
 * ffmpeg reads ahead only as far as the pipe buffers allow (well under one
 * 640x480 frame): a slow consumer slows the decoder instead of filling memory.
 * Frame `i` has `timeMs = i * 1000 / rate` (rate = `options.fps` or the video's).
 * Breaking out of `for await` (or calling `return()`) kills ffmpeg and resolves
 * once it has exited. A consumer that stops calling `next()` without either
 * leaves ffmpeg blocked until this process exits.
 *
 * The video is probed first (see {@link probeVideo}) for its size and rate.
 *
 * @param path - a video file ffmpeg can decode
 * @param options - range, rate, size, strictness, abort signal
 * @returns an async generator of frames, index 0-based in the source (`start` first)
 * @throws {ConfigError} at once for a bad path or options; from the first `next()` when `start` is past the last frame
 * @throws {VideoSourceError} from `next()` when the file is missing, not a video, or ffmpeg fails mid-stream (with the frame index reached and ffmpeg's last stderr line)
 * @example
 * ```ts
 * let n = 0;
 * for await (const frame of readFrames('fixtures/video/TUD-Campus.mp4', { maxFrames: 10 })) n++;
 * // n === 10
 * ```
 */
export function readFrames(path: string, options?: ReadFramesOptions): AsyncGenerator<Frame, void, undefined> {
  const o = checkReadFramesOptions('readFrames', path, options);
  return framesImpl(path, o);
}
