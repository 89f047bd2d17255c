/**
 * The error @mot/video throws when a video, an image or the ffmpeg tools
 * themselves cannot deliver what was asked.
 */
import { MotError, OutputError } from '@mot/core';

/** Where a {@link VideoSourceError} happened. */
export interface VideoSourceErrorWhere {
  /** The file being read (a video or an image), or the tool being looked for. */
  readonly source?: string;
  /** 0-based index of the first frame that could not be delivered (mid-stream failures). */
  readonly frameIndex?: number;
  /** ffmpeg's (or ffprobe's) last non-empty stderr line, when it said something. */
  readonly ffmpegMessage?: string;
  /** Which tool `ffmpegMessage` came from; default 'ffmpeg'. */
  readonly tool?: 'ffmpeg' | 'ffprobe';
}

/**
 * A video or image source failed: missing file, not a video, corrupt data,
 * ffmpeg exiting non-zero mid-stream, or no ffmpeg binary found.
 *
 * The message reads `<source>: frame <i>: <fn>: <what>` (parts present when
 * known), ending with ffmpeg's last stderr line in quotes when there is one;
 * the same facts are on the fields for code that wants them.
 *
 * @example
 * ```ts
 * try { await probeVideo('missing.mp4'); }
 * catch (e) { if (e instanceof VideoSourceError) console.error(e.source, e.message); }
 * ```
 */
export class VideoSourceError extends MotError {
  readonly source: string | undefined;
  readonly frameIndex: number | undefined;
  readonly ffmpegMessage: string | undefined;

  constructor(message: string, where: VideoSourceErrorWhere = {}, options?: { cause?: unknown }) {
    const prefix =
      (where.source === undefined ? '' : `${where.source}: `) +
      (where.frameIndex === undefined ? '' : `frame ${where.frameIndex}: `);
    const said = where.ffmpegMessage === undefined ? '' : `; ${where.tool ?? 'ffmpeg'} said "${where.ffmpegMessage}"`;
    super(prefix + message + said, options);
    this.source = where.source;
    this.frameIndex = where.frameIndex;
    this.ffmpegMessage = where.ffmpegMessage;
  }
}

/** Where a {@link VideoWriteError} happened. */
export interface VideoWriteErrorWhere {
  /** The video file being written (its final name, not the temporary one). */
  readonly target?: string;
  /** 0-based count of frames written before the failure. */
  readonly frameIndex?: number;
  /** ffmpeg's last non-empty stderr line, when it said something. */
  readonly ffmpegMessage?: string;
  /** The system error behind it (`ENOSPC`, `EFBIG`, `EACCES`, ...), when known. */
  readonly code?: string;
}

/**
 * Writing a video failed: the output folder is missing or not writable, ffmpeg
 * could not start or exited non-zero, or the stream had no frames. Whatever
 * was written is removed before this error is delivered.
 *
 * The message reads `<target>: frame <i>: <fn>: <what>`, ending with ffmpeg's
 * last stderr line in quotes when there is one. It is an {@link OutputError}
 * (`path` is the target, `code` the system error when known), so the CLI
 * exits with its output-error code.
 */
export class VideoWriteError extends OutputError {
  readonly target: string | undefined;
  readonly frameIndex: number | undefined;
  readonly ffmpegMessage: string | undefined;

  constructor(message: string, where: VideoWriteErrorWhere = {}, options?: { cause?: unknown }) {
    const frame = where.frameIndex === undefined ? '' : `frame ${where.frameIndex}: `;
    const said = where.ffmpegMessage === undefined ? '' : `; ffmpeg said "${where.ffmpegMessage}"`;
    super(frame + message + said, where.target ?? '', where.code, options);
    this.target = where.target;
    this.frameIndex = where.frameIndex;
    this.ffmpegMessage = where.ffmpegMessage;
  }
}
