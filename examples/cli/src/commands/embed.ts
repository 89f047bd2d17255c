/**
 * `mot embed`: what deep_sort's `tools/generate_detections.py` does, for our
 * appearance models. Reads a video (or a folder of frame images) and its
 * MOTChallenge det file, embeds every detection box on its frame, and writes
 * deep_sort's detection file: a float32 .npy of N x (10 + D), the 10 det
 * columns then the feature. Then
 *
 *   mot embed fixtures/video/TUD-Campus.mp4 --detections fixtures/mot15/TUD-Campus/det.txt -o dets.npy
 *   mot track --detections dets.npy --tracker deepsort -o out.txt
 *
 * The file is written at the end, atomically: an error part-way leaves none.
 */
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { ConfigError, type Frame, InputError, MotError } from '@mot/core';
import { OsnetExtractor, type ReleasableExtractor, createAppearanceExtractor, embedDetections } from '@mot/detector';
import { readMotFile, writeDeepSortDetections } from '@mot/motchallenge';
import { VideoSourceError, probeVideo, readFrames, readImage } from '@mot/video';
import { type Command, Option } from 'commander';
import { Progress } from '../progress.js';

/** Options of {@link run} (the command's flags). */
export interface EmbedOptions {
  /** MOTChallenge det.txt. */
  detections?: string;
  /** The .npy to write. */
  output?: string;
  /** `x0_25` (default), `x0_5`, `hsv`, `roi-align`, or an OSNet-style .onnx file. */
  model?: string;
  backend?: 'cnn' | 'ort';
  /** Drop det rows scoring below this. */
  minScore?: string;
  progress?: boolean;
}

/** `--model` value -> appearance registry id (the OSNet names are the brief ones). */
const MODEL_IDS: Readonly<Record<string, string>> = { x0_25: 'osnet', x0_5: 'osnet_x0_5', hsv: 'hsv', 'roi-align': 'roi-align' };

const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.bmp', '.ppm', '.tif', '.tiff', '.webp']);

/** The image files of a folder in name order (MOT's img1/000001.jpg ... ): image k is frame k. */
function imageFiles(dir: string): string[] {
  const files = readdirSync(dir)
    .filter((f) => IMAGE_EXTENSIONS.has(extname(f).toLowerCase()))
    .sort();
  if (files.length === 0) throw new InputError(`input folder must hold frame images (${[...IMAGE_EXTENSIONS].join(', ')}), got none`, { source: dir });
  return files.map((f) => join(dir, f));
}

/** One image at a time, never more in memory. */
async function* folderFrames(files: readonly string[]): AsyncGenerator<Frame> {
  for (let k = 0; k < files.length; k++) {
    const frame = await readImage(files[k]);
    yield { ...frame, index: k };
  }
}

async function createExtractor(model: string, backend: 'cnn' | 'ort'): Promise<ReleasableExtractor> {
  const id = MODEL_IDS[model];
  if (id !== undefined) return createAppearanceExtractor(id, { backend });
  if (model.endsWith('.onnx')) return OsnetExtractor.create({ model, backend });
  throw new ConfigError(`--model must be one of ${Object.keys(MODEL_IDS).join(', ')} or an .onnx file, got '${model}'`);
}

/**
 * Embeds the detections of `input` and writes the .npy.
 * @returns the exit code: 0 on success, 1 on a user error (one line on stderr, no output file)
 */
export async function run(input: string, options: EmbedOptions = {}): Promise<number> {
  const progress = new Progress(options.progress !== false);
  let extractor: ReleasableExtractor | undefined;
  try {
    if (options.detections === undefined) throw new ConfigError('--detections <det.txt> is required (the boxes to embed)');
    if (options.output === undefined) throw new ConfigError('--output <file.npy> is required (the deep_sort detection file to write)');
    if (!options.output.endsWith('.npy')) throw new ConfigError(`--output must be a .npy file, got ${options.output}`);
    const backend = options.backend ?? 'cnn';
    if (backend !== 'cnn' && backend !== 'ort') throw new ConfigError(`--backend must be 'cnn' or 'ort', got '${String(backend)}'`);
    let minScore: number | undefined;
    if (options.minScore !== undefined) {
      minScore = Number(options.minScore);
      if (options.minScore.trim() === '' || !Number.isFinite(minScore)) throw new ConfigError(`--min-score must be a number, got '${options.minScore}'`);
    }
    const rows = readMotFile(options.detections, 'det');
    if (!existsSync(input)) throw new InputError('input must be a video file or a folder of frame images, got nothing at this path', { source: input });
    let frames: AsyncIterable<Frame>;
    let total: number | undefined;
    if (statSync(input).isDirectory()) {
      const files = imageFiles(input);
      frames = folderFrames(files);
      total = files.length;
    } else {
      const info = await probeVideo(input).catch((e: unknown) => {
        throw e instanceof VideoSourceError ? new InputError(`input must be a video that ffmpeg decodes or a folder of images, got: ${e.message}`, {}, { cause: e }) : e;
      });
      frames = readFrames(input);
      total = info.frameCount;
    }
    // Fail before the model loads (and before minutes of work) when the det file outruns the video.
    if (total !== undefined) {
      let worst = -1;
      for (let i = 0; i < rows.length; i++) if (rows.frame[i] > total && (worst < 0 || rows.frame[i] > rows.frame[worst])) worst = i;
      if (worst >= 0) {
        throw new InputError(`frame ${rows.frame[worst]} of the detections is beyond the input's ${total} frames (does the det file belong to ${input}?)`, { source: rows.source, line: rows.line[worst] });
      }
    }
    extractor = await createExtractor(options.model ?? 'x0_25', backend);
    const name = input;
    const dets = await embedDetections(frames, rows, extractor, { minScore, onFrame: (f) => progress.frame(name, f, Math.max(total ?? 0, f)) });
    mkdirSync(dirname(options.output), { recursive: true });
    writeDeepSortDetections(options.output, dets);
    progress.done(name, dets.rows.length, options.output);
    return 0;
  } catch (err) {
    progress.stop();
    if (!(err instanceof MotError)) throw err;
    process.stderr.write(`mot embed: ${err.message}\n`);
    return 1;
  } finally {
    await extractor?.release();
  }
}

/** Adds `mot embed` to the program. */
export function register(program: Command): void {
  program
    .command('embed')
    .description("embed each detection box with a ReID network (deep_sort's generate_detections.py): writes deep_sort's .npy, N x (10 det columns + feature)")
    .argument('<input>', 'a video file, or a folder of frame images (image k in name order = frame k, as MOT img1/000001.jpg)')
    .requiredOption('-d, --detections <file>', 'MOTChallenge det.txt of the input (frame 1 = first video frame)')
    .requiredOption('-o, --output <file.npy>', 'deep_sort detection file to write')
    .option('--model <name|file>', 'appearance model: x0_25 (OSNet, default), x0_5 (OSNet, more accurate), hsv, roi-align (NanoDet features), or an OSNet-style .onnx', 'x0_25')
    .addOption(new Option('--backend <name>', "'cnn': our own graph runtime; 'ort': onnxruntime-node (optional dependency, much faster)").choices(['cnn', 'ort']).default('cnn'))
    .option('--min-score <t>', 'drop det rows scoring below this (default: keep all, as generate_detections.py)')
    .option('--no-progress', 'no progress line on stderr')
    .action(async (input: string, opts: EmbedOptions) => {
      process.exitCode = await run(input, opts);
    });
}
