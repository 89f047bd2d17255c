/**
 * The frames of a folder of numbered images (MOTChallenge `img1/000001.jpg`,
 * `000002.jpg`, ...), read one at a time as they are pulled.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, type Frame, InputError } from '@mot/core';
import { readImage } from '@mot/video';

/** File names the folder reader takes: digits, then an image extension. */
const NUMBERED_IMAGE = /^(\d+)\.(jpe?g|png|bmp|tiff?|webp)$/i;

/** One image of the folder, by its number. */
export interface NumberedImage {
  readonly number: number;
  readonly path: string;
}

/**
 * Lists the numbered images of `dir` in order, checking that the numbers run
 * without a gap (a missing file would shift every later frame against its
 * ground truth).
 * @throws InputError naming the folder when it holds no numbered image, or the first missing number
 */
export function listNumberedImages(dir: string): NumberedImage[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (e) {
    throw new InputError(`image folder must be a readable directory, got ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { source: dir });
  }
  const images: NumberedImage[] = [];
  for (const name of names) {
    const m = NUMBERED_IMAGE.exec(name);
    if (m !== null) images.push({ number: Number(m[1]), path: join(dir, name) });
  }
  if (images.length === 0) {
    throw new InputError('image folder must hold numbered images (000001.jpg, 000002.jpg, ...), found none', { source: dir });
  }
  images.sort((a, b) => a.number - b.number);
  for (let i = 1; i < images.length; i++) {
    const expected = images[0].number + i;
    if (images[i].number === images[i - 1].number) {
      throw new InputError(`image folder must have one image per number, got two numbered ${images[i].number}`, { source: dir });
    }
    if (images[i].number !== expected) {
      throw new InputError(`image numbering must have no gap: image ${expected} is missing (after ${images[i - 1].path}, next is ${images[i].path})`, {
        source: dir,
      });
    }
  }
  return images;
}

/** Options of {@link imageFolderFrames}. */
export interface ImageFolderOptions {
  /** Frames per second, for `timeMs`. Default 25. */
  readonly fps?: number;
  /** Stop after this many frames. */
  readonly maxFrames?: number;
  /** Aborting makes the next pull reject with `signal.reason`. */
  readonly signal?: AbortSignal;
}

/**
 * Frames of a folder of numbered images, decoded one per pull. Frame `i`
 * (0-based) is the i-th image in number order, `timeMs = i * 1000 / fps`.
 * Every image must have the first one's size.
 *
 * @param dir the folder (e.g. a MOTChallenge sequence's `img1`)
 * @param options fps, maxFrames, signal
 * @returns an async generator of frames
 * @throws InputError from the first `next()` for an empty folder or a gap in the numbering; VideoSourceError for an image that does not decode; InputError for an image of another size
 * @example
 * ```ts
 * for await (const frame of imageFolderFrames('data/MOT17-02/img1', { fps: 30 })) console.log(frame.index);
 * ```
 */
export async function* imageFolderFrames(dir: string, options: ImageFolderOptions = {}): AsyncGenerator<Frame, void, undefined> {
  const fps = options.fps ?? 25;
  if (!(typeof fps === 'number' && fps > 0 && Number.isFinite(fps))) {
    throw new ConfigError(`imageFolderFrames: options.fps must be a finite number > 0, got ${String(fps)}`);
  }
  const images = listNumberedImages(dir);
  const count = Math.min(images.length, options.maxFrames ?? Infinity);
  let size: [number, number] | undefined;
  for (let i = 0; i < count; i++) {
    options.signal?.throwIfAborted();
    const image = await readImage(images[i].path);
    if (size === undefined) size = [image.width, image.height];
    else if (image.width !== size[0] || image.height !== size[1]) {
      throw new InputError(`every image must be ${size[0]}x${size[1]} like the first, got ${image.width}x${image.height}`, { source: images[i].path });
    }
    yield { index: i, timeMs: (i * 1000) / fps, width: image.width, height: image.height, data: image.data };
  }
}

/** True when `path` is a directory. */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
