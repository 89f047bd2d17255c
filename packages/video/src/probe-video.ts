/**
 * What a video (or image) file holds, read by ffprobe.
 */
import { assert, ConfigError } from '@mot/core';
import { VideoSourceError } from './errors.js';
import { checkSourceFile, describeExit, runTool } from './ffmpeg-process.js';
import { resolveFfmpeg } from './resolve-ffmpeg.js';

/** The first video stream of a file, as ffmpeg will decode it. */
export interface VideoInfo {
  /** Frame width (px) as decoded: after ffmpeg's automatic rotation (see `rotation`). */
  readonly width: number;
  /** Frame height (px) as decoded, after rotation. */
  readonly height: number;
  /** Frames per second: the stream's average rate, else its base rate (`r_frame_rate`). */
  readonly frameRate: number;
  /** Number of frames the container declares (`nb_frames`); undefined when it does not say. */
  readonly frameCount: number | undefined;
  /** Duration (ms) of the stream, else of the container; undefined when neither says. */
  readonly durationMs: number | undefined;
  /** ffmpeg's codec name, e.g. `mpeg4`, `h264`, `mjpeg`. */
  readonly codec: string;
  /** Container format as ffprobe names it, e.g. `mov,mp4,m4a,3gp,3g2,mj2`, `image2`, `png_pipe`. */
  readonly format: string;
  /**
   * Display rotation (degrees) stored in the file, as ffprobe reports it (the
   * sign convention has changed between ffmpeg versions). ffmpeg applies it
   * when decoding, so for a quarter turn `width`/`height` are the stored size swapped.
   */
  readonly rotation: number;
}

interface ProbeStream {
  codec_name?: string;
  width?: number;
  height?: number;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  nb_frames?: string;
  duration?: string;
  tags?: Record<string, string>;
  side_data_list?: { rotation?: number }[];
}

interface ProbeJson {
  streams?: ProbeStream[];
  format?: { format_name?: string; duration?: string };
}

/** `"25/1"` -> 25; NaN for `"0/0"` and anything unparsable. */
function parseRate(rate: string | undefined): number {
  const m = /^(\d+(?:\.\d+)?)(?:\/(\d+))?$/.exec(rate ?? '');
  if (m === null) return NaN;
  const value = Number(m[1]) / (m[2] === undefined ? 1 : Number(m[2]));
  return value > 0 && Number.isFinite(value) ? value : NaN;
}

function parseSeconds(s: string | undefined): number | undefined {
  const v = Number(s);
  return s !== undefined && Number.isFinite(v) && v >= 0 ? v * 1000 : undefined;
}

/** Probe with the caller's name in the messages (readFrames and readImage probe first). @internal */
export async function probeAs(fn: string, path: string): Promise<VideoInfo> {
  assert(typeof path === 'string' && path !== '', () => `${fn}: path must be a non-empty string, got ${String(path)}`, ConfigError);
  await checkSourceFile(fn, path);
  const { ffprobe } = resolveFfmpeg();
  const args = ['-v', 'error', '-print_format', 'json', '-show_streams', '-show_format', '-select_streams', 'v:0', path];
  const { status, stdout, stderr } = await runTool(ffprobe, args);
  if (status.code !== 0) {
    throw new VideoSourceError(`${fn}: file must be a video or image ffprobe can read, but ffprobe ${describeExit(status)}`, {
      source: path,
      ffmpegMessage: stderr.lastLine(),
      tool: 'ffprobe',
    });
  }
  let json: ProbeJson;
  try {
    json = JSON.parse(stdout.toString('utf8')) as ProbeJson;
  } catch (e) {
    throw new VideoSourceError(`${fn}: ffprobe output must be JSON, got ${stdout.length} bytes that do not parse`, { source: path }, { cause: e });
  }
  const s = json.streams?.[0];
  if (s === undefined) {
    throw new VideoSourceError(`${fn}: file must have a video stream, got none (format ${json.format?.format_name ?? 'unknown'})`, {
      source: path,
    });
  }
  // ffmpeg's `tty` demuxer renders any text file (a det.txt, say) as ANSI art
  // video; nobody means that, and tracking it would silently find nothing.
  if (json.format?.format_name === 'tty' || s.codec_name === 'ansi') {
    throw new VideoSourceError(`${fn}: file must be a video or an image, got a text file (ffmpeg reads it as ANSI art)`, {
      source: path,
    });
  }
  const storedW = s.width ?? 0;
  const storedH = s.height ?? 0;
  if (!(storedW > 0 && storedH > 0)) {
    throw new VideoSourceError(`${fn}: video stream must have a frame size, got ${storedW}x${storedH}`, { source: path });
  }
  let frameRate = parseRate(s.avg_frame_rate);
  if (Number.isNaN(frameRate)) frameRate = parseRate(s.r_frame_rate);
  if (Number.isNaN(frameRate)) {
    throw new VideoSourceError(
      `${fn}: video stream must have a frame rate, got avg_frame_rate ${s.avg_frame_rate}, r_frame_rate ${s.r_frame_rate}`,
      { source: path },
    );
  }
  // Newer ffprobe reports rotation as display-matrix side data, older files and
  // tools as a `rotate` tag; ffmpeg auto-rotates on decode either way.
  const rotation = s.side_data_list?.find((d) => typeof d.rotation === 'number')?.rotation ?? Number(s.tags?.rotate ?? 0);
  const quarter = Math.abs(Math.round(rotation)) % 180 === 90;
  const count = Number(s.nb_frames);
  return {
    width: quarter ? storedH : storedW,
    height: quarter ? storedW : storedH,
    frameRate,
    frameCount: Number.isInteger(count) && count > 0 ? count : undefined,
    durationMs: parseSeconds(s.duration) ?? parseSeconds(json.format?.duration),
    codec: s.codec_name ?? 'unknown',
    format: json.format?.format_name ?? 'unknown',
    rotation: Number.isFinite(rotation) ? rotation : 0,
  };
}

/**
 * Reads the first video stream's size, rate, length and codec with ffprobe.
 *
 * @param path - a video (or image) file
 * @returns the stream's facts; `frameCount` and `durationMs` only when the container states them
 * @throws {ConfigError} when `path` is not a non-empty string
 * @throws {VideoSourceError} when the file is missing or unreadable, ffprobe cannot read it, or it has no video stream
 * @example
 * ```ts
 * const info = await probeVideo('fixtures/video/TUD-Campus.mp4');
 * // { width: 640, height: 480, frameRate: 25, frameCount: 71, durationMs: 2840, codec: 'mpeg4', ... }
 * ```
 */
export function probeVideo(path: string): Promise<VideoInfo> {
  return probeAs('probeVideo', path);
}
