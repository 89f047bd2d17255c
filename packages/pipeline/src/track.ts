/**
 * `track()`: frames in, tracks out. Builds the detector, appearance extractor
 * and tracker from options (or takes the caller's), then runs
 * detect -> embed -> trackWith over the source with one frame in flight (N + 1
 * with a pool of N workers: one decoded ahead).
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigError, type Frame } from '@mot/core';
import { readSeqInfo } from '@mot/motchallenge';
import { probeVideo } from '@mot/video';
import { type Tracker, getTracker } from '@mot/deepsort';
import {
  type AppearanceExtractor,
  type Detector,
  type DetectFn,
  type NanoDetBackend,
  getAppearance,
  NanoDetDetector,
  parseClassFilter,
  PooledDetector,
  PrecomputedDetector,
  toDetector,
} from '@mot/detector';
import { defer, finalize, from, fromEvent, type Observable, type OperatorFunction, pipe, switchMap, takeUntil } from 'rxjs';
import { checkFilter, type DetectionFilter, detect } from './detect.js';
import { embed } from './embed.js';
import { resolveSource, type SourceOptions, type TrackSource } from './frame-source.js';
import { pullThrough } from './pull-through.js';
import { releasePixels } from './release-pixels.js';
import { trackWith } from './track-with.js';
import type { FrameResult } from './types.js';

/** Options of {@link track}. All optional. */
export interface TrackOptions extends SourceOptions {
  /**
   * The detector: a {@link Detector} or a function frame -> detections.
   * Default: NanoDet-g (COCO) on our own CNN core (`backend` to change).
   */
  readonly detector?: Detector | DetectFn;
  /** Precomputed detections instead of a detector: a MOTChallenge det.txt or a deep_sort .npy (rows + features). */
  readonly detections?: string;
  /** Backend of the default NanoDet detector: 'cnn' (default, our core) or 'ort' (onnxruntime-node). */
  readonly backend?: NanoDetBackend;
  /**
   * Worker threads for the default NanoDet detector, each with its own model,
   * so this many frames are detected at once (PooledDetector; results in
   * frame order, the same bytes as one thread). Default 1. Not with an
   * appearance extractor that reads NanoDet's feature maps (`roi-align`),
   * which needs the detector in this thread.
   */
  readonly threads?: number;
  /** Model file of the default detector (tfjs model.json, or .onnx for 'ort'). Default: the embedded NanoDet-g. */
  readonly model?: string;
  /**
   * Classes to keep: COCO names or indices, comma-separated (`'person,car'`), `'all'`, or an array of ids.
   * Default for NanoDet: `'person'`; other detectors: all (set it to filter by `classId`).
   */
  readonly classes?: string | readonly number[];
  /** Minimum detection score. NanoDet's threshold (default 0.3); for other detectors a filter (default none). */
  readonly score?: number;
  /** Minimum box height (px); shorter detections are dropped before tracking. Default 0 (keep all). */
  readonly minHeight?: number;
  /** A registered tracker id (`'sort'`, `'deepsort'`, ...; default `'sort'`) or a {@link Tracker} of your own. */
  readonly tracker?: string | Tracker;
  /** Options of a tracker given by id, by parameter name (see `TRACKERS[id].params`). */
  readonly trackerOptions?: Readonly<Record<string, number | boolean>>;
  /**
   * Appearance embeddings: an {@link AppearanceExtractor} or a registered name (`'hsv'`, `'roi-align'`, ...).
   * Default: none, unless the tracker needs features: then `'roi-align'` with the default detector, `'hsv'` otherwise
   * (none when `.npy` detections carry their own).
   */
  readonly appearance?: AppearanceExtractor | string;
  /**
   * Aborting stops reading frames: frames already in flight finish, then the stream completes
   * (so writers in `stages` close complete files). Unsubscribe to drop everything at once.
   */
  readonly signal?: AbortSignal;
  /**
   * More per-frame stages after tracking, inside the one-frame window (the next frame is read only
   * when a result has left them): put `annotate()`, `countLines()` and a video writer here, so a
   * slow encoder slows the decoder instead of queueing frames. Each must emit one result per result.
   */
  readonly stages?: OperatorFunction<FrameResult, FrameResult>;
  /** Keep `frame.data` in the emitted results. Default false: pixels are let go after the last stage. */
  readonly keepPixels?: boolean;
}

interface Built {
  readonly detector: Detector;
  readonly filter: DetectionFilter;
  readonly extractor: AppearanceExtractor | undefined;
  readonly tracker: Tracker;
  readonly release: () => Promise<void>;
}

/** A detector created here from options (released when the stream ends) or the caller's. */
type DetectorPlan =
  | { readonly kind: 'given'; readonly detector: Detector }
  | { readonly kind: 'precomputed'; readonly detector: PrecomputedDetector; readonly hasFeatures: boolean }
  | { readonly kind: 'nanodet' };

function planDetector(o: TrackOptions): DetectorPlan {
  if (o.detector !== undefined && o.detections !== undefined) {
    throw new ConfigError('track: give options.detector or options.detections, not both');
  }
  if (o.detections !== undefined) {
    if (typeof o.detections !== 'string' || o.detections === '') {
      throw new ConfigError(`track: options.detections must be a det.txt or .npy path, got ${JSON.stringify(o.detections)}`);
    }
    const npy = o.detections.endsWith('.npy');
    const detector = npy ? PrecomputedDetector.fromDeepSortNpy(o.detections) : PrecomputedDetector.fromMotFile(o.detections);
    return { kind: 'precomputed', detector, hasFeatures: npy };
  }
  if (o.detector !== undefined) return { kind: 'given', detector: toDetector(o.detector) };
  return { kind: 'nanodet' };
}

function classIds(classes: string | readonly number[] | undefined): number[] | undefined {
  if (classes === undefined) return undefined;
  if (typeof classes === 'string') {
    const parsed = parseClassFilter(classes);
    return parsed === 'all' ? undefined : parsed;
  }
  return [...classes];
}

/** Checks everything that can be checked without loading a model; returns a builder for the rest. */
interface Plan {
  /** True when the tracker takes a `frameRate` the caller did not set: the source's rate is then read first. */
  readonly wantsFrameRate: boolean;
  build(sourceFrameRate?: number): Promise<Built>;
}

function plan(o: TrackOptions): Plan {
  const fn = 'track';
  const detectorPlan = planDetector(o);
  const classes = classIds(o.classes);
  if (o.score !== undefined && !(typeof o.score === 'number' && o.score >= 0 && o.score <= 1)) {
    throw new ConfigError(`${fn}: options.score must be a number in [0, 1], got ${String(o.score)}`);
  }
  checkFilter(fn, { minHeight: o.minHeight });
  if (o.threads !== undefined && !(Number.isInteger(o.threads) && o.threads >= 1)) {
    throw new ConfigError(`${fn}: options.threads must be an integer >= 1, got ${String(o.threads)}`);
  }
  const def = typeof o.tracker === 'string' || o.tracker === undefined ? getTracker(o.tracker ?? 'sort') : undefined;
  if (def === undefined && o.trackerOptions !== undefined) {
    throw new ConfigError(`${fn}: options.trackerOptions applies to a tracker given by id, not to a Tracker object`);
  }
  if (def !== undefined) {
    for (const key of Object.keys(o.trackerOptions ?? {})) {
      if (!def.params.some((p) => p.name === key)) {
        throw new ConfigError(`${fn}: tracker '${def.id}' has no option '${key}' (its options: ${def.params.map((p) => p.name).join(', ')})`);
      }
    }
  }
  const trackerObject = def === undefined ? (o.tracker as Tracker) : undefined;
  if (trackerObject !== undefined && (trackerObject === null || typeof trackerObject.update !== 'function')) {
    throw new ConfigError(`${fn}: options.tracker must be a registered id or an object with update(detections), got ${trackerObject === null ? 'null' : typeof trackerObject}`);
  }
  const needsFeatures = def?.needsFeatures === true;
  const featuresFromFile = detectorPlan.kind === 'precomputed' && detectorPlan.hasFeatures;
  let appearanceName: string | undefined;
  let appearanceObject: AppearanceExtractor | undefined;
  if (typeof o.appearance === 'string') appearanceName = o.appearance;
  else if (o.appearance !== undefined) {
    if (o.appearance === null || typeof o.appearance.extract !== 'function') {
      throw new ConfigError(`${fn}: options.appearance must be a registered name or an object with extract(frame, boxes)`);
    }
    appearanceObject = o.appearance;
  } else if (needsFeatures && !featuresFromFile) appearanceName = detectorPlan.kind === 'nanodet' ? 'roi-align' : 'hsv';
  const appearanceDef = appearanceName === undefined ? undefined : getAppearance(appearanceName);
  if (appearanceDef?.needsFeatureMaps === true && detectorPlan.kind !== 'nanodet') {
    throw new ConfigError(`${fn}: appearance '${appearanceDef.id}' reads NanoDet's feature maps, so it needs the default detector, not options.${o.detections === undefined ? 'detector' : 'detections'}`);
  }

  const wantsFrameRate = def?.params.some((p) => p.name === 'frameRate') === true && o.trackerOptions?.frameRate === undefined;
  const build = async (sourceFrameRate?: number): Promise<Built> => {
    let detector: Detector;
    let release = async (): Promise<void> => undefined;
    let filter: DetectionFilter;
    const threads = o.threads ?? 1;
    if (detectorPlan.kind === 'nanodet' && threads > 1 && appearanceDef?.needsFeatureMaps !== true) {
      const pool = await PooledDetector.create({
        threads,
        detector: { backend: o.backend, model: o.model, classes: classes ?? (o.classes === undefined ? [0] : 'all'), scoreThreshold: o.score },
      });
      detector = pool;
      release = () => pool.close();
      filter = { minHeight: o.minHeight };
    } else if (detectorPlan.kind === 'nanodet') {
      const nanodet = await NanoDetDetector.create({
        backend: o.backend,
        model: o.model,
        classes: classes ?? (o.classes === undefined ? [0] : 'all'),
        scoreThreshold: o.score,
        featureMaps: appearanceDef?.needsFeatureMaps === true,
      });
      detector = nanodet;
      release = () => nanodet.release();
      filter = { minHeight: o.minHeight };
    } else {
      detector = detectorPlan.detector;
      filter = { minScore: o.score, minHeight: o.minHeight, classes };
    }
    const made = appearanceDef === undefined ? undefined : await appearanceDef.create({ detector, backend: o.backend });
    const extractor = appearanceObject ?? made;
    if (made !== undefined) {
      const releaseDetector = release;
      release = async () => {
        await made.release();
        await releaseDetector();
      };
    }
    // Trackers whose buffers are counted in frames at a rate (ByteTrack's
    // track_buffer x frameRate / 30) get the video's own rate unless told otherwise.
    const trackerOptions: Record<string, number | boolean> = { ...(o.trackerOptions ?? {}) };
    if (def?.params.some((p) => p.name === 'frameRate') && trackerOptions.frameRate === undefined && sourceFrameRate !== undefined) {
      trackerOptions.frameRate = sourceFrameRate;
    }
    const tracker = trackerObject ?? (def as NonNullable<typeof def>).create(trackerOptions as never);
    return { detector, filter, extractor, tracker, release };
  };
  return { wantsFrameRate, build };
}

/**
 * Tracks the objects of a video: decodes frames, detects, embeds (when the
 * tracker matches by appearance), tracks, and emits one {@link FrameResult}
 * per frame, in order.
 *
 * One frame is in flight through the whole chain (`detector.concurrency`
 * frames when the detector declares it): the next frame is decoded only when
 * a result has left the chain, so memory does not grow with the video's
 * length. Frame pixels are let go in the emitted results (`frame.data` of
 * length 0) unless `keepPixels` is set; put stages that need them in
 * `options.stages`.
 *
 * Cold: each subscription decodes the source and builds its own detector
 * (when created from options) and tracker. Unsubscribing stops ffmpeg at once.
 *
 * @param source a video path, a folder of numbered images (or a MOTChallenge sequence folder with `img1/`), an AsyncIterable or Observable of frames
 * @param options detector, detections, backend, classes, score, minHeight, tracker, trackerOptions, appearance, signal, stages, keepPixels, fps, maxFrames
 * @returns results per frame: `{ frame, detections, tracks }` (boxes tlwh px)
 * @throws ConfigError at once for bad options or an unknown tracker or appearance name; InputError at once for a missing path, an image folder with a gap or a malformed detections file
 * @example
 * ```ts
 * import { track, toMotRows } from '@mot/pipeline';
 * track('fixtures/video/TUD-Campus.mp4', { tracker: 'sort', minHeight: 100 })
 *   .pipe(toMotRows())
 *   .subscribe((rows) => process.stdout.write(rows));
 * ```
 */
/** The frame rate of a video file or image folder source, when it can be known before decoding. */
async function sourceFrameRate(source: TrackSource, options: TrackOptions): Promise<number | undefined> {
  if (options.fps !== undefined) return options.fps;
  if (typeof source !== 'string') return undefined;
  try {
    if (statSync(source).isDirectory()) {
      const seqinfo = join(source, 'seqinfo.ini');
      const parent = join(dirname(source), 'seqinfo.ini');
      const ini = existsSync(seqinfo) ? seqinfo : existsSync(parent) ? parent : undefined;
      return ini === undefined ? undefined : readSeqInfo(ini).frameRate;
    }
    return (await probeVideo(source)).frameRate;
  } catch {
    return undefined; // the source's own error comes from decoding, with its context
  }
}

export function track(source: TrackSource, options: TrackOptions = {}): Observable<FrameResult> {
  const resolved = resolveSource(source, options);
  const planned = plan(options);
  return defer(() => {
    let built: Built | undefined;
    const rate = planned.wantsFrameRate ? sourceFrameRate(source, options) : Promise.resolve(undefined);
    return from(rate.then((r) => planned.build(r))).pipe(
      switchMap((b) => {
        built = b;
        // A pool (concurrency > 1) gets one frame more than it runs: decoded
        // ahead, it waits in detect's queue, so a worker that frees up starts
        // at once instead of waiting for ffmpeg and for the frame before it to
        // clear the later stages (the encoder). A single detector keeps one.
        const concurrency = (b.detector as { concurrency?: number }).concurrency ?? 1;
        const inFlight = concurrency > 1 ? concurrency + 1 : 1;
        const stages = pipe(
          detect(b.detector, b.filter),
          b.extractor === undefined ? (x: Observable<FrameResult>) => x : embed(b.extractor),
          trackWith(b.tracker),
          options.stages ?? ((x: Observable<FrameResult>) => x),
          options.keepPixels === true ? (x: Observable<FrameResult>) => x : releasePixels(),
        );
        if (resolved.kind === 'pull') return pullThrough<Frame, FrameResult>(resolved.pull, stages, { inFlight, stop: options.signal });
        const frames = options.signal === undefined ? resolved.frames : resolved.frames.pipe(takeUntil(fromEvent(options.signal, 'abort')));
        return frames.pipe(stages);
      }),
      finalize(() => {
        built?.release().catch(() => undefined);
      }),
    );
  });
}
