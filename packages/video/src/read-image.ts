/**
 * One still image (jpg, png, bmp, ...) decoded to an RGB24 frame by ffmpeg.
 */
import type { Frame } from '@mot/core';
import { VideoSourceError } from './errors.js';
import { describeExit, runTool } from './ffmpeg-process.js';
import { probeAs } from './probe-video.js';
import { resolveFfmpeg } from './resolve-ffmpeg.js';

/**
 * ffmpeg's demuxers for still images: `image2` (chosen by file extension) and
 * the content-probed `<codec>_pipe` family (`png_pipe`, `jpeg_pipe`,
 * `bmp_pipe`, ...). Anything else is a video container.
 */
function isImageFormat(format: string): boolean {
  return format === 'image2' || format.endsWith('_pipe');
}

/**
 * Decodes an image file to one {@link Frame}: packed RGB24, `width*height*3`
 * bytes, row-major, top row first; `index` 0, `timeMs` 0. Pixels are as stored
 * (EXIF orientation is not applied; JPEG colour through ffmpeg's own
 * YCbCr-to-RGB conversion).
 *
 * @param path - an image file (anything ffmpeg's image demuxers read: jpg, png, bmp, tiff, webp, ...)
 * @returns the image as a frame
 * @throws {ConfigError} when `path` is not a non-empty string
 * @throws {VideoSourceError} when the file is missing, not an image (including a video file), or does not decode cleanly (ffmpeg fails or reports an error, as for a truncated JPEG)
 * @example
 * ```ts
 * const img = await readImage('fixtures/detector/000252.jpg');
 * // img.width === 500, img.height === 333, img.data.length === 500 * 333 * 3
 * ```
 */
export async function readImage(path: string): Promise<Frame> {
  const info = await probeAs('readImage', path);
  if (!isImageFormat(info.format)) {
    throw new VideoSourceError(`readImage: file must be an image, got a '${info.format}' ${info.codec} video`, { source: path });
  }
  const { ffmpeg } = resolveFfmpeg();
  const args = ['-hide_banner', '-nostdin', '-v', 'error', '-xerror', '-i', path];
  args.push('-map', '0:v:0', '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1');
  const { status, stdout, stderr } = await runTool(ffmpeg, args);
  const expected = info.width * info.height * 3;
  const complaint = stderr.lastLine();
  // A damaged JPEG still "decodes" (the missing part grey, exit code 0) with
  // an error line such as "overread 8"; at log level `error` a clean decode
  // prints nothing, so any line means the pixels are not all the file's.
  if (status.code !== 0 || stdout.length !== expected || complaint !== undefined) {
    const got =
      status.code !== 0 ? `ffmpeg ${describeExit(status)}` : stdout.length !== expected ? `${stdout.length} bytes` : 'a decode error';
    throw new VideoSourceError(`readImage: image must decode cleanly to ${info.width}x${info.height} RGB24 (${expected} bytes), got ${got}`, {
      source: path,
      ffmpegMessage: complaint,
    });
  }
  // A view on the Buffer's memory would share Node's pool for small images;
  // a copy gives the frame its own ArrayBuffer, like every other frame.
  const data = new Uint8Array(expected);
  data.set(stdout);
  return { index: 0, timeMs: 0, width: info.width, height: info.height, data };
}
