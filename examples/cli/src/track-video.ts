/**
 * `mot track <video | image folder>`: the whole pipeline from the command
 * line. Decodes, detects, tracks and writes MOTChallenge rows (-o), JSON
 * lines (--json) and an annotated video (--annotated), every output under a
 * temporary name until it is complete.
 *
 * Ctrl-C or SIGTERM stops reading frames; the frames in flight finish, every
 * output is closed complete and valid for the frames done, one line says how
 * many, and the exit code is 130. A second signal drops everything at once.
 */
import { ConfigError, InputError, MotError } from '@mot/core';
import { reportError } from './exit-codes.js';
import type { NanoDetBackend } from '@mot/detector';
import {
  annotate,
  countLines,
  formatJsonLine,
  formatMotRows,
  type FrameResult,
  listNumberedImages,
  parseCountLine,
  parseZone,
  track,
  type TrackOptions,
  writeResultVideo,
  zoneOccupancy,
} from '@mot/pipeline';
import { readSeqInfo } from '@mot/motchallenge';
import { probeVideo, VideoSourceError } from '@mot/video';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Observable, pipe, type Subscription } from 'rxjs';
import { FrameProgress } from './frame-progress.js';
import { OutputFile } from './output-file.js';
import { availableParallelism } from 'node:os';
import { getTracker } from '@mot/deepsort';

/** The flags of the video form of `mot track`, as commander hands them over. */
export interface VideoTrackFlags {
  output?: string;
  json?: string;
  annotated?: string;
  tracker: string;
  trackerOptions: Record<string, number | boolean>;
  classes?: string;
  score?: string;
  minHeight?: string;
  backend?: NanoDetBackend;
  model?: string;
  detections?: string;
  appearance?: string;
  maxFrames?: string;
  frames?: string;
  threads?: string;
  countLine?: string[];
  zone?: string[];
  progress: boolean;
}

/** Exit code of a run stopped by SIGINT/SIGTERM (128 + SIGINT's 2, as shells report it). */
export const EXIT_INTERRUPTED = 130;

/**
 * NanoDet on our core runs one worker thread per available core (frames in
 * flight in parallel, the same results as one thread); onnxruntime has its
 * own threads, and ROI-Align embeddings need the detector in this thread.
 */
function defaultThreads(flags: VideoTrackFlags): number {
  if (flags.detections !== undefined || (flags.backend ?? 'cnn') !== 'cnn' || flags.appearance === 'roi-align') return 1;
  if (flags.appearance === undefined && getTracker(flags.tracker ?? 'sort').needsFeatures) return 1; // roi-align by default
  return availableParallelism();
}

/** `--frames first:last` (1-based, inclusive): the frames of one segment, as `mot worker` runs them. */
function frameRange(raw: string | undefined): [number, number] | undefined {
  if (raw === undefined) return undefined;
  const m = /^(\d{1,9}):(\d{1,9})$/.exec(raw);
  const first = m ? Number(m[1]) : NaN;
  const last = m ? Number(m[2]) : NaN;
  if (!m || first < 1 || last < first) throw new ConfigError(`--frames must be first:last with 1 <= first <= last (1-based frames), got '${raw.slice(0, 40)}'`);
  return [first, last];
}

function numberFlag(flag: string, raw: string | undefined, ok: (v: number) => boolean, expected: string): number | undefined {
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (raw.trim() === '' || !ok(v)) throw new ConfigError(`--${flag} must be ${expected}, got '${raw}'`);
  return v;
}

/** Runs a spec parser, naming the flag in its error. */
function parseSpec<T>(flag: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof ConfigError) throw new ConfigError(`${flag}: ${e.message}`);
    throw e;
  }
}

/** Frames the input holds (0 when unknown) and its rate; checks the input before any model loads. */
async function inspectInput(input: string): Promise<{ total: number; fps: number }> {
  if (!existsSync(input)) throw new InputError('input must be an existing video file or image folder, got a path that does not exist', { source: input });
  if (statSync(input).isDirectory()) {
    const img1 = join(input, 'img1');
    const dir = existsSync(img1) && statSync(img1).isDirectory() ? img1 : input;
    const seqinfo = join(dir, '..', 'seqinfo.ini');
    const fps = dir !== input && existsSync(seqinfo) ? readSeqInfo(seqinfo).frameRate : 25;
    return { total: listNumberedImages(dir).length, fps };
  }
  const info = await probeVideo(input).catch((e: unknown) => {
    // No ffmpeg at all is its own, already clear, error.
    const toolMissing = e instanceof VideoSourceError && (e.source === 'ffmpeg' || e.source === 'ffprobe');
    throw e instanceof VideoSourceError && !toolMissing ? new InputError(`input must be a video that ffmpeg decodes, got: ${e.message}`, {}, { cause: e }) : e;
  });
  if (info.format === 'image2' || info.format.endsWith('_pipe')) {
    throw new InputError('input must be a video or a folder of numbered images, got a single image (use mot detect for images)', { source: input });
  }
  if (info.frameCount === 0) throw new InputError('input must have at least one video frame, got a video with none', { source: input });
  return { total: info.frameCount ?? 0, fps: info.frameRate };
}

/**
 * Runs the pipeline over `input` with the flags.
 * @returns the exit code: 0 done, 1 user error (one line on stderr, no output file), 130 interrupted (outputs complete for the frames done)
 */
export async function runTrackVideo(input: string, flags: VideoTrackFlags): Promise<number> {
  const outputs: OutputFile[] = [];
  let progress: FrameProgress | undefined;
  let stopped = false;
  let frames = 0;
  try {
    const score = numberFlag('score', flags.score, (v) => v >= 0 && v <= 1, 'a number in [0, 1]');
    const minHeight = numberFlag('min-height', flags.minHeight, (v) => v >= 0, 'a number >= 0 (px)');
    const range = frameRange(flags.frames);
    if (range !== undefined && flags.maxFrames !== undefined) throw new ConfigError('give --frames or --max-frames, not both');
    const maxFrames = range?.[1] ?? numberFlag('max-frames', flags.maxFrames, (v) => Number.isInteger(v) && v >= 1, 'an integer >= 1');
    // Specs are checked before the input: a typo fails at once, with the flag named.
    const lines = (flags.countLine ?? []).map((spec, i) => parseSpec('--count-line', () => parseCountLine(spec, `line${i + 1}`)));
    const zones = (flags.zone ?? []).map((spec, i) => parseSpec('--zone', () => parseZone(spec, `zone${i + 1}`)));
    const { total, fps } = await inspectInput(input);
    const annotated = flags.annotated;
    const options: TrackOptions = {
      tracker: flags.tracker,
      trackerOptions: flags.trackerOptions,
      classes: flags.classes,
      score,
      minHeight,
      backend: flags.backend,
      model: flags.model,
      detections: flags.detections,
      appearance: flags.appearance,
      maxFrames,
      firstFrame: range?.[0],
      threads: numberFlag('threads', flags.threads, (v) => Number.isInteger(v) && v >= 1, 'an integer >= 1') ?? defaultThreads(flags),
    };
    const stop = new AbortController();
    // Counting and drawing run inside track's window; drawing needs the pixels, before they are let go.
    const counting = pipe(
      lines.length > 0 ? countLines(lines) : (x: Observable<FrameResult>) => x,
      zones.length > 0 ? zoneOccupancy(zones) : (x: Observable<FrameResult>) => x,
    );
    const stages = annotated === undefined ? counting : pipe(counting, annotate({ lines, zones }), writeResultVideo(annotated, { fps }));
    const results$ = track(input, { ...options, signal: stop.signal, stages });
    const rowsFile = flags.output === undefined ? undefined : new OutputFile(flags.output, '--output');
    if (rowsFile) outputs.push(rowsFile);
    const jsonFile = flags.json === undefined ? undefined : new OutputFile(flags.json, '--json');
    if (jsonFile) outputs.push(jsonFile);
    const toStdout = outputs.length === 0 && annotated === undefined;

    progress = new FrameProgress(input, (maxFrames === undefined ? total : Math.min(total, maxFrames)) - (range === undefined ? 0 : range[0] - 1), flags.progress);
    const bar = progress;
    let subscription: Subscription | undefined;
    const done = new Promise<void>((resolve, reject) => {
      const onSignal = (): void => {
        if (!stopped) {
          stopped = true;
          stop.abort();
          return;
        }
        // A second signal: drop the frames in flight and the outputs.
        subscription?.unsubscribe();
        reject(new InputError('stopped at once by a second signal; no output written'));
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      const cleanup = (): void => {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      };
      subscription = results$.subscribe({
        next: (r) => {
          frames++;
          try {
            if (rowsFile !== undefined || toStdout) {
              const text = formatMotRows(r);
              if (rowsFile) rowsFile.write(text);
              else process.stdout.write(text);
            }
            if (jsonFile) jsonFile.write(formatJsonLine(r));
          } catch (e) {
            // A write failing mid-run (disk full): stop the chain (ffmpeg
            // included) and report it; rxjs would only rethrow it unhandled.
            subscription?.unsubscribe();
            cleanup();
            reject(e);
            return;
          }
          bar.frame();
        },
        error: (e: unknown) => {
          cleanup();
          reject(e);
        },
        complete: () => {
          cleanup();
          resolve();
        },
      });
    });
    await done;
    progress.stop();
    if (frames === 0) throw new InputError('input must have at least one frame, got none decoded', { source: input });
    for (const o of outputs) o.commit();
    const framesPerSecond = progress.fps;
    if (stopped) {
      process.stderr.write(`mot track: stopped after ${frames} frame${frames === 1 ? '' : 's'}; outputs are complete for frames 1-${frames}\n`);
      return EXIT_INTERRUPTED;
    }
    if (flags.progress) {
      const where = [...outputs.map((o) => o.path), ...(annotated === undefined ? [] : [annotated])].join(', ');
      process.stderr.write(`${input}: ${frames} frames, ${framesPerSecond.toFixed(2)} frames/s${where === '' ? '' : ` -> ${where}`}\n`);
    }
    return 0;
  } catch (err) {
    progress?.stop();
    for (const o of outputs) o.abort();
    if (err instanceof InputError && err.message.startsWith('stopped at once')) {
      process.stderr.write(`mot track: ${err.message}\n`);
      return EXIT_INTERRUPTED;
    }
    if (stopped) {
      // Stopped before a frame was done (the video writer refuses an empty file): nothing to keep.
      process.stderr.write(`mot track: stopped after ${frames} frames, before any output was complete; no output written\n`);
      return EXIT_INTERRUPTED;
    }
    if (!(err instanceof MotError)) throw err;
    return reportError('track', err); // 2 for an output that cannot be written (OutputError), else 1
  }
}
