/**
 * A video file written by ffmpeg from RGB24 frames on its stdin, one frame in
 * flight, under a temporary name that becomes the real one only on success.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { assert, outputErrorReason, ShapeError, type Frame } from '@mot/core';
import { VideoWriteError } from './errors.js';
import { ffmpegEncoders } from './ffmpeg-encoders.js';
import { describeExit, isRunning, StderrTail, waitExit, type ExitStatus } from './ffmpeg-process.js';
import { resolveFfmpeg } from './resolve-ffmpeg.js';

/** How to encode. All optional. */
export interface WriteVideoOptions {
  /** Frames per second of the output. Default 25. */
  readonly fps?: number;
  /**
   * `'h264'` (libx264), `'mpeg4'` (ffmpeg's own MPEG-4 part 2), or `'auto'`
   * (default): libx264 when the ffmpeg binary has it, else mpeg4.
   */
  readonly codec?: 'auto' | 'h264' | 'mpeg4';
  /** libx264 constant rate factor, 0 (lossless) to 51 (worst). Default 23 (libx264's own default). */
  readonly crf?: number;
  /** libx264 preset (`ultrafast` ... `veryslow`). Default `veryfast`: about 2x `medium`'s speed at a slightly bigger file. */
  readonly preset?: string;
  /** mpeg4 fixed quantiser `-q:v`, 1 (best) to 31 (worst). Default 4. */
  readonly qscale?: number;
  /**
   * yuv420p (what players expect) needs an even width and height. `'pad'`
   * (default) adds one black column and/or row at the right/bottom of an odd
   * size; `'reject'` fails with a ShapeError on the first frame instead.
   */
  readonly oddSize?: 'pad' | 'reject';
}

interface CheckedWriteOptions {
  fps: number;
  codec: 'auto' | 'h264' | 'mpeg4';
  crf: number;
  preset: string;
  qscale: number;
  oddSize: 'pad' | 'reject';
}

const PRESETS = ['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium', 'slow', 'slower', 'veryslow', 'placebo'];
/** Containers that hold both h264 and mpeg4 video. */
const EXTENSIONS = ['.mp4', '.mkv', '.mov', '.avi'];

/** Validates the path and options; throws ConfigError. Shared with writeVideo. @internal */
export function checkWriteVideoOptions(fn: string, path: unknown, o: WriteVideoOptions | undefined): CheckedWriteOptions {
  assert(typeof path === 'string' && path !== '', () => `${fn}: path must be a non-empty string, got ${String(path)}`);
  const ext = extname(path).toLowerCase();
  assert(EXTENSIONS.includes(ext), () => `${fn}: path must end in one of ${EXTENSIONS.join(' ')}, got "${path}"`);
  const opts = o ?? {};
  const fps = opts.fps ?? 25;
  assert(typeof fps === 'number' && fps > 0 && Number.isFinite(fps), () => `${fn}: options.fps must be a finite number > 0 (frames/s), got ${String(fps)}`);
  const codec = opts.codec ?? 'auto';
  assert(['auto', 'h264', 'mpeg4'].includes(codec), () => `${fn}: options.codec must be 'auto', 'h264' or 'mpeg4', got ${String(codec)}`);
  const crf = opts.crf ?? 23;
  assert(Number.isInteger(crf) && crf >= 0 && crf <= 51, () => `${fn}: options.crf must be an integer in 0..51, got ${String(crf)}`);
  const preset = opts.preset ?? 'veryfast';
  assert(PRESETS.includes(preset), () => `${fn}: options.preset must be one of ${PRESETS.join(', ')}, got ${String(preset)}`);
  const qscale = opts.qscale ?? 4;
  assert(Number.isInteger(qscale) && qscale >= 1 && qscale <= 31, () => `${fn}: options.qscale must be an integer in 1..31, got ${String(qscale)}`);
  const oddSize = opts.oddSize ?? 'pad';
  assert(oddSize === 'pad' || oddSize === 'reject', () => `${fn}: options.oddSize must be 'pad' or 'reject', got ${String(oddSize)}`);
  return { fps, codec, crf, preset, qscale, oddSize };
}

/** The encoder arguments for the chosen codec. */
function codecArgs(codec: 'h264' | 'mpeg4', o: CheckedWriteOptions): string[] {
  return codec === 'h264'
    ? ['-c:v', 'libx264', '-preset', o.preset, '-crf', String(o.crf)]
    : ['-c:v', 'mpeg4', '-q:v', String(o.qscale)];
}

type State = 'open' | 'closing' | 'closed' | 'aborted';

/**
 * Writes RGB24 frames into a video file through ffmpeg, for code that does
 * not use RxJS (see {@link writeVideo} for the operator).
 *
 * `open` checks the output folder and picks the codec; ffmpeg starts on the
 * first `write`, which fixes the size (every later frame must match). Each
 * `write` resolves once ffmpeg's stdin has taken the whole frame, so the
 * caller may reuse the buffer then and never has more than one frame queued.
 * ffmpeg writes to a hidden temporary file beside the target (same folder, so
 * the final rename is atomic); `close` renames it after ffmpeg exited 0.
 * `abort`, or any failed write, kills ffmpeg and removes the temporary file.
 *
 * @example
 * ```ts
 * const writer = await VideoWriter.open('out.mp4', { fps: 25 });
 * try {
 *   for await (const frame of readFrames('fixtures/video/TUD-Campus.mp4')) await writer.write(frame);
 *   await writer.close();
 * } catch (e) {
 *   await writer.abort();
 *   throw e;
 * }
 * ```
 */
export class VideoWriter {
  /** The final path (absolute). */
  readonly path: string;
  /** The temporary path ffmpeg writes to until `close` renames it. */
  readonly tempPath: string;
  /** The encoder in use: `'h264'` or `'mpeg4'`. */
  readonly codec: 'h264' | 'mpeg4';
  private readonly ffmpeg: string;
  private readonly options: CheckedWriteOptions;
  private state: State = 'open';
  private child: ChildProcess | undefined;
  private stdin: Writable | undefined;
  private exit: Promise<ExitStatus> | undefined;
  private stderr: StderrTail | undefined;
  private width = 0;
  private height = 0;
  private written = 0;
  private tail: Promise<void> = Promise.resolve();
  private aborting: Promise<void> | undefined;

  private constructor(path: string, tempPath: string, codec: 'h264' | 'mpeg4', ffmpeg: string, options: CheckedWriteOptions) {
    this.path = path;
    this.tempPath = tempPath;
    this.codec = codec;
    this.ffmpeg = ffmpeg;
    this.options = options;
  }

  /**
   * Checks that the output folder exists and is writable and picks the codec.
   *
   * @param path - the video to write (.mp4, .mkv, .mov or .avi); replaced if it exists, only on success
   * @param options - see {@link WriteVideoOptions}
   * @throws {ConfigError} at once for a bad path or options
   * @throws {VideoWriteError} (rejection) for a missing or unwritable folder, a path that is a folder, codec 'h264' without libx264
   * @throws {VideoSourceError} (rejection) when no ffmpeg binary is found
   */
  static async open(path: string, options?: WriteVideoOptions): Promise<VideoWriter> {
    const o = checkWriteVideoOptions('VideoWriter.open', path, options);
    const target = resolve(path);
    const folder = dirname(target);
    let why: string | undefined;
    try {
      if (!(await stat(folder)).isDirectory()) why = 'not a directory';
      else await access(folder, constants.W_OK);
    } catch (e) {
      why = (e as NodeJS.ErrnoException).code ?? String(e);
    }
    if (why !== undefined) {
      throw new VideoWriteError(`VideoWriter.open: the output folder ${folder} must exist and be writable, got ${why}`, { target: path });
    }
    if ((await stat(target).catch(() => undefined))?.isDirectory() === true) {
      throw new VideoWriteError('VideoWriter.open: path must be a file name, got an existing directory', { target: path });
    }
    const { ffmpeg } = resolveFfmpeg();
    const hasX264 = (await ffmpegEncoders(ffmpeg)).has('libx264');
    if (o.codec === 'h264' && !hasX264) {
      throw new VideoWriteError(`VideoWriter.open: options.codec 'h264' needs an ffmpeg with libx264, and ${ffmpeg} has none (use 'auto' or 'mpeg4')`, { target: path });
    }
    const codec = o.codec === 'auto' ? (hasX264 ? 'h264' : 'mpeg4') : o.codec;
    const ext = extname(target);
    const temp = join(folder, `.${basename(target, ext)}.${process.pid}-${randomBytes(4).toString('hex')}.partial${ext}`);
    return new VideoWriter(target, temp, codec, ffmpeg, o);
  }

  /** Frames ffmpeg has taken so far. */
  get framesWritten(): number {
    return this.written;
  }

  /** The ffmpeg child's pid once the first frame started it (for tests and diagnostics). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /**
   * Hands one frame to ffmpeg; resolves when its stdin has taken all of it.
   * Calls are queued in order (await each one to keep memory flat).
   *
   * @param frame - packed RGB24, `width*height*3` bytes; the size of the first frame fixes the video's
   * @throws {ShapeError} (rejection) for a frame of another size, or a byte length that is not width*height*3, or an odd size with oddSize 'reject'
   * @throws {VideoWriteError} (rejection) when ffmpeg fails or the writer was closed or aborted
   */
  write(frame: Frame): Promise<void> {
    const step = this.tail.then(() => this.writeNow(frame));
    // A failed write aborts the writer: no half-written file is left behind.
    this.tail = step.catch(() => undefined);
    return step.catch(async (e: unknown) => {
      await this.abort();
      throw e;
    });
  }

  private async writeNow(frame: Frame): Promise<void> {
    if (this.state !== 'open') {
      throw new VideoWriteError(`VideoWriter.write: the writer must be open, but it is ${this.state}`, { target: this.path, frameIndex: this.written });
    }
    const { width, height, data } = frame;
    if (this.child === undefined) {
      if (!(Number.isInteger(width) && width > 0 && Number.isInteger(height) && height > 0)) {
        throw new ShapeError(`${this.path}: frame 0: VideoWriter.write: frame width and height must be integers >= 1, got ${width}x${height}`);
      }
      if (this.options.oddSize === 'reject' && (width % 2 !== 0 || height % 2 !== 0)) {
        throw new ShapeError(`${this.path}: frame 0: VideoWriter.write: frame width and height must be even for yuv420p (oddSize 'reject'), got ${width}x${height}`);
      }
      this.width = width;
      this.height = height;
    } else if (width !== this.width || height !== this.height) {
      throw new ShapeError(`${this.path}: frame ${this.written}: VideoWriter.write: frame must be ${this.width}x${this.height} like the first, got ${width}x${height}`);
    }
    if (data.length !== width * height * 3) {
      throw new ShapeError(`${this.path}: frame ${this.written}: VideoWriter.write: frame.data must be ${width}*${height}*3 = ${width * height * 3} bytes (RGB24), got ${data.length}`);
    }
    if (this.child === undefined) this.start();
    await new Promise<void>((resolve, reject) => {
      this.stdin!.write(data, (err) => (err == null ? resolve() : reject(err)));
    }).catch(async (e: unknown) => {
      throw await this.ffmpegFailure('VideoWriter.write', e);
    });
    this.written++;
  }

  private start(): void {
    const o = this.options;
    const args = ['-hide_banner', '-nostdin', '-v', 'error'];
    args.push('-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${this.width}x${this.height}`, '-framerate', String(o.fps), '-i', 'pipe:0');
    // yuv420p halves chroma in both directions, so libx264 and mpeg4 refuse an odd size.
    if (this.width % 2 !== 0 || this.height % 2 !== 0) args.push('-vf', 'pad=ceil(iw/2)*2:ceil(ih/2)*2');
    args.push(...codecArgs(this.codec, o), '-pix_fmt', 'yuv420p', '-an', '-y', this.tempPath);
    // detached: its own process group, so a terminal's Ctrl-C does not stop the
    // encoder mid-file; the program decides (close() finishes it, abort() kills it).
    const child = spawn(this.ffmpeg, args, { stdio: ['pipe', 'ignore', 'pipe'], detached: true });
    this.child = child;
    this.exit = waitExit(child);
    this.stderr = new StderrTail(child.stderr!);
    this.stdin = child.stdin!;
    // EPIPE when ffmpeg dies: reported through the write callback / exit status.
    this.stdin.on('error', () => undefined);
  }

  /** The error for a failed ffmpeg, after waiting for its exit (to quote its last stderr line). */
  private async ffmpegFailure(fn: string, cause: unknown): Promise<VideoWriteError> {
    const status = await this.exit!;
    await this.stderr!.ended;
    return this.failure(`${fn}: ffmpeg must take every frame and exit with code 0, but it ${describeExit(status)}`, status, cause);
  }

  /**
   * A VideoWriteError for ffmpeg's exit. When ffmpeg failed on the disk (full,
   * a size limit, no permission) the message says so first, in the words of
   * every other @mot output error, with what to do.
   */
  private failure(what: string, status: ExitStatus, cause?: unknown): VideoWriteError {
    const ffmpegMessage = this.stderr!.lastLine();
    const code = systemErrorOf(status, ffmpegMessage);
    const message = code === undefined ? what : `cannot write the video: ${outputErrorReason(code, this.path)}; ${what}`;
    return new VideoWriteError(message, { target: this.path, frameIndex: this.written, ffmpegMessage, code }, { cause });
  }

  /**
   * Ends the input, waits for ffmpeg to finish the file and exit, then renames
   * the temporary file to `path`.
   *
   * @throws {VideoWriteError} (rejection) when no frame was written, or ffmpeg exited non-zero (the temporary file is removed)
   */
  async close(): Promise<void> {
    await this.tail;
    if (this.state !== 'open') {
      throw new VideoWriteError(`VideoWriter.close: the writer must be open, but it is ${this.state}`, { target: this.path });
    }
    if (this.child === undefined) {
      await this.abort();
      throw new VideoWriteError('VideoWriter.close: at least one frame must be written, got none; no file was written', { target: this.path });
    }
    this.state = 'closing';
    this.stdin!.end();
    const status = await this.exit!;
    await this.stderr!.ended;
    if (status.code !== 0 || this.state !== 'closing') {
      const error = this.failure(`VideoWriter.close: ffmpeg must exit with code 0, but it ${describeExit(status)}`, status);
      await this.abort();
      throw error;
    }
    try {
      await rename(this.tempPath, this.path);
    } catch (e) {
      await this.abort();
      throw new VideoWriteError(`VideoWriter.close: renaming the finished ${this.tempPath} must succeed, got ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { target: this.path }, { cause: e });
    }
    this.state = 'closed';
  }

  /**
   * Kills ffmpeg (SIGKILL) and removes the temporary file; resolves once
   * ffmpeg has exited and the file is gone. Idempotent; does nothing after a
   * successful `close`.
   */
  abort(): Promise<void> {
    if (this.state === 'closed') return Promise.resolve();
    this.aborting ??= (async () => {
      this.state = 'aborted';
      const child = this.child;
      if (child !== undefined) {
        if (isRunning(child)) child.kill('SIGKILL');
        this.stdin?.destroy();
        await this.exit;
        await this.stderr?.ended;
      }
      await rm(this.tempPath, { force: true });
    })();
    return this.aborting;
  }
}

/**
 * The system error behind an ffmpeg failure, read from its last stderr line
 * (ffmpeg prints strerror's text, e.g. "...: No space left on device") or
 * from the signal that killed it (SIGXFSZ: a file size limit, `ulimit -f`).
 */
function systemErrorOf(status: ExitStatus, ffmpegMessage: string | undefined): string | undefined {
  if (status.signal === 'SIGXFSZ') return 'EFBIG';
  const said = ffmpegMessage ?? '';
  if (/No space left on device/i.test(said)) return 'ENOSPC';
  if (/File too large/i.test(said)) return 'EFBIG';
  if (/Disk quota exceeded/i.test(said)) return 'EDQUOT';
  if (/Read-only file system/i.test(said)) return 'EROFS';
  if (/Permission denied/i.test(said)) return 'EACCES';
  return undefined;
}
