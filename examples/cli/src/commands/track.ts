/**
 * `mot track`: tracks a video or an image folder (detector + tracker, the
 * whole pipeline), or runs a registered tracker (SORT, DeepSORT, ByteTrack,
 * OC-SORT) over MOTChallenge detections.
 *
 *   mot track video.mp4 -o tracks.txt [--json out.jsonl] [--tracker deepsort] [--score 0.4] [--min-height 100]
 *   mot track data/MOT17-02/img1 -o tracks.txt
 *   mot track video.mp4 --detections det.txt -o tracks.txt   (skips the detector)
 *   mot track --detections det.txt [--tracker sort] [--seqinfo seqinfo.ini] -o out.txt
 *   mot track --detections det.txt --tracker bytetrack --seqinfo seqinfo.ini --tracker.fuseScore false -o out.txt
 *   mot track --detections dets.npy --tracker deepsort -o out.txt
 *   mot track --mot-dir data/train [--tracker sort] -o results/
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ConfigError, InputError } from '@mot/core';
import { type TrackerDefinition, type TrackerOptionValues, TRACKERS, getTracker } from '@mot/deepsort';
import { type SeqInfo, ensureDirectory, readDeepSortDetections, readMotFile, readSeqInfo, writeMotResults } from '@mot/motchallenge';
import { appearanceIds } from '@mot/detector';
import { type Command, Option } from 'commander';
import { type SequenceDetections, trackMotSequence } from '../track-mot-sequence.js';
import { Progress } from '../progress.js';
import { reportError } from '../exit-codes.js';
import { runTrackVideo } from '../track-video.js';

interface TrackFlags {
  detections?: string;
  motDir?: string;
  tracker: string;
  seqinfo?: string;
  output?: string;
  progress: boolean;
  json?: string;
  annotated?: string;
  classes?: string;
  score?: string;
  minHeight?: string;
  backend?: 'cnn' | 'ort';
  model?: string;
  appearance?: string;
  maxFrames?: string;
  countLine?: string[];
  zone?: string[];
  [param: string]: unknown;
}

/**
 * Reads a det.txt (MOT rows) or a deep_sort .npy (rows + features). Frames
 * past `seqInfo.seqLength` (or past the readers' 10,000,000 ceiling without
 * seqinfo.ini) fail at their line.
 */
export function readSequenceDetections(path: string, seqInfo?: SeqInfo): SequenceDetections {
  const maxFrame = seqInfo?.seqLength;
  if (path.endsWith('.npy')) {
    const d = readDeepSortDetections(path, { maxFrame });
    return { rows: d.rows, features: d.features, featureDim: d.featureDim };
  }
  return { rows: readMotFile(path, 'det', { maxFrame }) };
}

/**
 * The `--tracker.<name>` flags that apply to `def`, typed by its params. A
 * tracker with a `frameRate` option gets the sequence's from seqinfo.ini
 * unless the flag sets it.
 */
function trackerOptions(def: TrackerDefinition<never>, flags: TrackFlags, seqInfo?: SeqInfo): TrackerOptionValues {
  const out: TrackerOptionValues = {};
  for (const p of def.params) {
    const raw = flags[`tracker.${p.name}`];
    if (raw === undefined) {
      if (p.name === 'frameRate' && seqInfo) out[p.name] = seqInfo.frameRate;
      continue;
    }
    if (p.type === 'boolean') {
      if (raw !== 'true' && raw !== 'false') throw new ConfigError(`--tracker.${p.name} must be true or false, got '${String(raw)}'`);
      out[p.name] = raw === 'true';
      continue;
    }
    const value = Number(raw);
    if (raw === '' || !Number.isFinite(value)) throw new ConfigError(`--tracker.${p.name} must be a number, got '${String(raw)}'`);
    out[p.name] = value;
  }
  return out;
}

/** A MOTChallenge sequence folder's detection file for the given tracker. */
function findSequenceDetections(seqDir: string, needsFeatures: boolean): string | undefined {
  const candidates = needsFeatures
    ? ['deepsort_detections.npy', join('det', 'deepsort_detections.npy'), `${basename(seqDir)}.npy`, join('det', `${basename(seqDir)}.npy`)]
    : [join('det', 'det.txt'), 'det.txt'];
  return candidates.map((c) => join(seqDir, c)).find((p) => existsSync(p));
}

function runSingle(def: TrackerDefinition<never>, flags: TrackFlags, progress: Progress): void {
  if (!flags.output) throw new ConfigError('--output is required with --detections (the results file to write)');
  const seqInfo = flags.seqinfo ? readSeqInfo(flags.seqinfo) : undefined;
  const detections = readSequenceDetections(flags.detections as string, seqInfo);
  if (def.needsFeatures && !detections.features) {
    throw new ConfigError(`tracker '${def.id}' needs appearance features: pass a deep_sort .npy detection file, not ${flags.detections}`);
  }
  const tracker = def.create(trackerOptions(def, flags, seqInfo) as never);
  const name = seqInfo?.name ?? basename(flags.detections as string);
  const rows = trackMotSequence(tracker, detections, seqInfo, (f, n) => progress.frame(name, f, n));
  ensureDirectory(dirname(flags.output));
  writeMotResults(flags.output, rows);
  progress.done(name, rows.length, flags.output);
}

function runDirectory(def: TrackerDefinition<never>, flags: TrackFlags, progress: Progress): void {
  const dir = flags.motDir as string;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError('MOT directory not found', { source: dir });
  if (!flags.output) throw new ConfigError('--output is required with --mot-dir (the folder to write <SEQ>.txt into)');
  if (existsSync(flags.output) && !statSync(flags.output).isDirectory()) {
    throw new ConfigError(`--output must be a folder with --mot-dir, got the file ${flags.output}`);
  }
  const sequences = readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .map((name) => ({ name, det: findSequenceDetections(join(dir, name), def.needsFeatures) }))
    .filter((s): s is { name: string; det: string } => s.det !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name));
  if (sequences.length === 0) {
    const wanted = def.needsFeatures ? 'deepsort_detections.npy' : 'det/det.txt or det.txt';
    throw new InputError(`no sequence folder with ${wanted} found`, { source: dir });
  }
  // Read and check every input before writing anything, so a malformed file in
  // the last sequence does not leave the first ones written as if all went well.
  const inputs = sequences.map((s) => {
    const seqinfoPath = join(dir, s.name, 'seqinfo.ini');
    const seqInfo = existsSync(seqinfoPath) ? readSeqInfo(seqinfoPath) : undefined;
    return { ...s, detections: readSequenceDetections(s.det, seqInfo), seqInfo };
  });
  // Options are checked once before any sequence is tracked.
  def.create(trackerOptions(def, flags) as never);
  const results = inputs.map((s) => ({
    name: s.name,
    rows: trackMotSequence(def.create(trackerOptions(def, flags, s.seqInfo) as never), s.detections, s.seqInfo, (f, n) => progress.frame(s.name, f, n)),
  }));
  ensureDirectory(flags.output);
  for (const r of results) {
    const out = join(flags.output, `${r.name}.txt`);
    writeMotResults(out, r.rows);
    progress.done(r.name, r.rows.length, out);
  }
}

export function register(program: Command): void {
  const cmd = program
    .command('track')
    .description(
      'track objects in a video or image folder (NanoDet + a tracker), or through MOTChallenge detections (det.txt, or deep_sort .npy for DeepSORT)',
    )
    .argument('[input]', 'a video file, or a folder of numbered images (a MOTChallenge sequence folder with img1/ works too)')
    .option('-d, --detections <file>', 'detections: MOTChallenge det.txt, or deep_sort .npy (rows + features); with <input>, used instead of the detector')
    .option('--mot-dir <dir>', 'a MOTChallenge-style folder: track every <SEQ>/det/det.txt (or <SEQ>/deepsort_detections.npy)')
    .option('-t, --tracker <name>', `tracker: ${Object.keys(TRACKERS).join(', ')}`, 'sort')
    .option('--seqinfo <file>', 'seqinfo.ini of the sequence: frames 1..seqLength are tracked, its frameRate goes to trackers that take one')
    .option('-o, --output <path>', 'MOTChallenge results file (with <input> or --detections) or folder (with --mot-dir); with <input> and no output: rows to stdout')
    .option('--json <file>', 'with <input>: one JSON line per frame (detections, tracks, counts; schema in the README)')
    .option('--annotated <file>', 'with <input>: the video with boxes, ids and trails drawn (mp4)')
    .option('--classes <list>', "with <input>: COCO classes to keep, names or indices, comma-separated, or 'all' (default: person for NanoDet, all for --detections)")
    .option('--score <t>', 'with <input>: minimum detection score in [0, 1] (default 0.3 for NanoDet)')
    .option('--min-height <px>', 'with <input>: drop detections shorter than this (px) before tracking (default 0)')
    .addOption(new Option('--backend <name>', "with <input>: NanoDet on 'cnn' (our own core) or 'ort' (onnxruntime-node)").choices(['cnn', 'ort']).default('cnn'))
    .option('--model <file>', 'with <input>: a NanoDet model.json or .onnx (default: the embedded NanoDet-g)')
    .option('--appearance <name>', `with <input>: appearance embeddings for trackers that use them: ${appearanceIds().join(', ')} (default: roi-align with NanoDet, hsv with --detections)`)
    .option('--max-frames <n>', 'with <input>: stop after this many frames')
    .option('--threads <n>', 'with <input>: worker threads for NanoDet on our core, frames detected in parallel (default: the available cores with --backend cnn, else 1)')
    .option('--frames <first:last>', 'with <input>: track only frames first..last (1-based, inclusive; rows keep the video\'s frame numbers)')
    .option('--count-line <x1,y1,x2,y2[,name]>', 'with <input>: count crossings of this line (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--zone <x1,y1,x2,y2,x3,y3,...[,name]>', 'with <input>: count tracks inside this polygon (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--no-progress', 'no progress line on stderr');
  const seen = new Set<string>();
  for (const def of Object.values(TRACKERS)) {
    for (const p of def.params) {
      if (seen.has(p.name)) continue;
      seen.add(p.name);
      const users = Object.values(TRACKERS)
        .filter((d) => d.params.some((q) => q.name === p.name))
        .map((d) => `${d.id} ${d.params.find((q) => q.name === p.name)?.default}`);
      const value = p.type === 'boolean' ? '<true|false>' : '<value>';
      cmd.option(`--tracker.${p.name} ${value}`, `${p.description} (default: ${users.join(', ')})`);
    }
  }
  cmd.action(async (input: string | undefined, flags: TrackFlags) => {
    const progress = new Progress(flags.progress);
    try {
      if (input !== undefined && flags.motDir !== undefined) throw new ConfigError('give either <input> or --mot-dir <dir>, not both');
      if (input === undefined && !flags.detections === !flags.motDir) {
        throw new ConfigError('give a video or image folder, or exactly one of --detections <file> or --mot-dir <dir>');
      }
      const def = getTracker(flags.tracker);
      for (const key of Object.keys(flags)) {
        if (key.startsWith('tracker.') && !def.params.some((p) => `tracker.${p.name}` === key)) {
          throw new ConfigError(`--${key} does not apply to tracker '${def.id}'`);
        }
      }
      if (input !== undefined) {
        process.exitCode = await runTrackVideo(input, { ...flags, trackerOptions: trackerOptions(def, flags) });
        return;
      }
      if (flags.detections) runSingle(def, flags, progress);
      else runDirectory(def, flags, progress);
    } catch (err) {
      progress.stop();
      process.exitCode = reportError('track', err);
    }
  });
}
