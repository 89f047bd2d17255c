/**
 * What {@link track} accepts as its source, and how each kind becomes frames.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, type Frame, InputError } from '@mot/core';
import { readSeqInfo } from '@mot/motchallenge';
import { type PullSource, readFrames } from '@mot/video';
import { filter, isObservable, type Observable } from 'rxjs';
import { imageFolderFrames, isDirectory, listNumberedImages } from './image-folder-frames.js';

/**
 * A video file path, a folder of numbered images (or a MOTChallenge sequence
 * folder holding `img1/` and `seqinfo.ini`), an async iterable of frames, or
 * an Observable of frames.
 */
export type TrackSource = string | AsyncIterable<Frame> | Observable<Frame>;

/** Options that shape how a source is read. */
export interface SourceOptions {
  /** Image folders: frames per second for `timeMs` (default: seqinfo.ini's frameRate, else 25). */
  readonly fps?: number;
  /** Stop after this many frames (counted from the start of the source, also with `firstFrame`). */
  readonly maxFrames?: number;
  /**
   * Start at this frame (1-based; default 1): earlier frames are decoded and
   * dropped before any stage sees them, so a segment of a video (`mot track
   * --frames`) is tracked as if it began there, with its own frame numbers.
   */
  readonly firstFrame?: number;
}

/** Drops the frames before `firstFrame` (1-based) of a pull source. */
function fromFrame(pull: PullSource<Frame>, firstFrame: number | undefined): PullSource<Frame> {
  if (firstFrame === undefined || firstFrame <= 1) return pull;
  return (signal: AbortSignal) => ({
    async *[Symbol.asyncIterator]() {
      const frames = typeof pull === 'function' ? pull(signal) : pull;
      for await (const f of frames) if (f.index + 1 >= firstFrame) yield f;
    },
  });
}

/** A source resolved to what the runner needs. */
export type ResolvedSource =
  | { readonly kind: 'pull'; readonly pull: PullSource<Frame>; readonly label: string; readonly imageDir?: string }
  | { readonly kind: 'observable'; readonly frames: Observable<Frame>; readonly label: string };

/** `dir` itself when it holds numbered images, else its `img1/` (MOTChallenge layout). */
function imageDirOf(dir: string): string {
  const img1 = join(dir, 'img1');
  return isDirectory(img1) ? img1 : dir;
}

/**
 * Turns a {@link TrackSource} into a pull source (paths, async iterables) or
 * an observable. Paths are checked at once: a missing path or an image folder
 * with a gap throws here, before any model loads.
 * @throws InputError for a path that does not exist, an empty image folder or one with a gap
 */
export function resolveSource(source: TrackSource, options: SourceOptions = {}): ResolvedSource {
  const first = options.firstFrame;
  if (first !== undefined && !(Number.isInteger(first) && first >= 1)) {
    throw new ConfigError(`track: options.firstFrame must be an integer >= 1, got ${String(first)}`);
  }
  const r = resolveWhole(source, options);
  return r.kind === 'pull' ? { ...r, pull: fromFrame(r.pull, first) } : first === undefined || first <= 1 ? r : { ...r, frames: r.frames.pipe(filter((f) => f.index + 1 >= first)) };
}

function resolveWhole(source: TrackSource, options: SourceOptions): ResolvedSource {
  if (typeof source === 'string') {
    if (!existsSync(source)) throw new InputError('input must be an existing video file or image folder, got a path that does not exist', { source });
    if (isDirectory(source)) {
      const dir = imageDirOf(source);
      listNumberedImages(dir);
      const seqinfo = join(dir, '..', 'seqinfo.ini');
      const fps = options.fps ?? (dir !== source && existsSync(seqinfo) ? readSeqInfo(seqinfo).frameRate : 25);
      return {
        kind: 'pull',
        pull: (signal) => imageFolderFrames(dir, { fps, maxFrames: options.maxFrames, signal }),
        label: source,
        imageDir: dir,
      };
    }
    return { kind: 'pull', pull: (signal) => readFrames(source, { maxFrames: options.maxFrames, signal }), label: source };
  }
  if (isObservable(source)) return { kind: 'observable', frames: source as Observable<Frame>, label: '<observable>' };
  if (source !== null && typeof source === 'object' && Symbol.asyncIterator in source) {
    return { kind: 'pull', pull: source, label: '<async iterable>' };
  }
  throw new InputError(`track: source must be a video path, an image folder, an AsyncIterable<Frame> or an Observable<Frame>, got ${source === null ? 'null' : typeof source}`);
}
