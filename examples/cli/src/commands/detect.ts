/**
 * `mot detect`: runs NanoDet (the embedded default, or --model) on an image
 * or every frame of a video and writes MOTChallenge detection rows
 *
 *   frame,-1,x,y,w,h,score,classId,-1,-1
 *
 * (1-based frames, tlwh px, the COCO class index in column 8), or JSON lines
 * with --json. The whole output is written at the end, atomically: an error
 * part-way leaves no file behind.
 *
 *   mot detect video.mp4 -o det.txt
 *   mot detect image.jpg --classes person,bus --score 0.4 --json
 */
import { dirname } from 'node:path';
import { ConfigError, type Detection, type Frame, InputError } from '@mot/core';
import { COCO_CLASSES, NanoDetDetector, type NanoDetBackend, parseClassFilter } from '@mot/detector';
import { ensureDirectory, formatFixed, writeFileAtomic } from '@mot/motchallenge';
import { reportError } from '../exit-codes.js';
import { VideoSourceError, probeVideo, readFrames, readImage } from '@mot/video';
import { type Command, Option } from 'commander';
import { Progress } from '../progress.js';

/** Options of {@link run} (the command's flags). */
export interface DetectOptions {
  /** `all` or comma-separated COCO names / indices; default `person`. */
  classes?: string;
  /** Score threshold in [0, 1]; default 0.3. */
  score?: string;
  /** NMS IoU threshold in [0, 1]; default 0.6. */
  iou?: string;
  backend?: NanoDetBackend;
  /** model.json or .onnx; default the embedded NanoDet-g. */
  model?: string;
  /** Output file; default stdout. */
  output?: string;
  json?: boolean;
  progress?: boolean;
}

function threshold(flag: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (raw.trim() === '' || !(v >= 0 && v <= 1)) throw new ConfigError(`--${flag} must be a number in [0, 1], got '${raw}'`);
  return v;
}

/** One frame's detections as text lines (MOT rows or JSON lines). */
export function formatDetections(frame: number, dets: readonly Detection[], json: boolean): string {
  let s = '';
  for (const d of dets) {
    if (json) {
      const box = d.box.map((v) => Number(formatFixed(v, 2)));
      s += `${JSON.stringify({ frame, box, score: Number(formatFixed(d.score, 4)), classId: d.classId, class: COCO_CLASSES[d.classId] ?? null })}\n`;
    } else {
      s += `${frame},-1,${d.box.map((v) => formatFixed(v, 2)).join(',')},${formatFixed(d.score, 4)},${d.classId},-1,-1\n`;
    }
  }
  return s;
}

/**
 * Detects objects in `input` (an image or a video) and writes the rows.
 * @returns the exit code: 0 on success, 1 on a user error (one line on stderr, no output file)
 */
export async function run(input: string, options: DetectOptions = {}): Promise<number> {
  const progress = new Progress(options.progress !== false && options.output !== undefined);
  let detector: NanoDetDetector | undefined;
  try {
    const classes = parseClassFilter(options.classes ?? 'person');
    const scoreThreshold = threshold('score', options.score, 0.3);
    const iouThreshold = threshold('iou', options.iou, 0.6);
    // Probe first: a bad input fails before the model loads.
    const info = await probeVideo(input).catch((e: unknown) => {
      // ffprobe's own complaint about a non-media file is cryptic ("frame size 0x0"): say what was expected first.
      throw e instanceof VideoSourceError ? new InputError(`input must be an image or a video that ffmpeg decodes, got: ${e.message}`, {}, { cause: e }) : e;
    });
    const isImage = info.format === 'image2' || info.format.endsWith('_pipe');
    const frames: AsyncIterable<Frame> = isImage ? single(await readImage(input)) : readFrames(input);
    detector = await NanoDetDetector.create({ model: options.model, backend: options.backend ?? 'cnn', classes, scoreThreshold, iouThreshold });
    const total = isImage ? 1 : (info.frameCount ?? 0);
    let text = '';
    let rows = 0;
    for await (const frame of frames) {
      const dets = await detector.detect(frame);
      rows += dets.length;
      text += formatDetections(frame.index + 1, dets, options.json === true);
      progress.frame(input, frame.index + 1, Math.max(total, frame.index + 1));
    }
    if (options.output === undefined) process.stdout.write(text);
    else {
      ensureDirectory(dirname(options.output));
      writeFileAtomic(options.output, text);
      progress.done(input, rows, options.output);
    }
    return 0;
  } catch (err) {
    progress.stop();
    return reportError('detect', err);
  } finally {
    await detector?.release();
  }
}

async function* single(frame: Frame): AsyncGenerator<Frame> {
  yield frame;
}

/** Adds `mot detect` to the program. */
export function register(program: Command): void {
  program
    .command('detect')
    .description('detect objects with NanoDet (COCO) in an image or video; writes MOTChallenge det rows frame,-1,x,y,w,h,score,classId,-1,-1')
    .argument('<input>', 'an image (jpg, png, ...) or a video file')
    .option('--classes <list>', "COCO classes to keep: names or indices, comma-separated, or 'all'", 'person')
    .option('--score <t>', 'score threshold in [0, 1]', '0.3')
    .option('--iou <t>', 'class-aware NMS IoU threshold in [0, 1]', '0.6')
    .addOption(new Option('--backend <name>', "'cnn': our own CNN core; 'ort': onnxruntime-node (optional dependency)").choices(['cnn', 'ort']).default('cnn'))
    .option('--model <file>', 'a NanoDet TensorFlow.js model.json or .onnx (default: the embedded packages/detector/models/nanodet; .onnx for --backend ort)')
    .option('-o, --output <file>', 'file to write (default: stdout)')
    .option('--json', 'JSON lines {frame, box: [x, y, w, h], score, classId, class} instead of MOT rows')
    .option('--no-progress', 'no progress line on stderr')
    .action(async (input: string, opts: DetectOptions) => {
      process.exitCode = await run(input, opts);
    });
}
