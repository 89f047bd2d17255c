/**
 * `mot track`: runs SORT or DeepSORT over MOTChallenge detections.
 *
 *   mot track --detections det.txt [--tracker sort] [--seqinfo seqinfo.ini] -o out.txt
 *   mot track --detections dets.npy --tracker deepsort -o out.txt
 *   mot track --mot-dir data/train [--tracker sort] -o results/
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ConfigError, InputError } from '@mot/core';
import { type TrackerDefinition, TRACKERS, getTracker } from '@mot/deepsort';
import { type SeqInfo, ensureDirectory, readDeepSortDetections, readMotFile, readSeqInfo, writeMotResults } from '@mot/motchallenge';
import { type Command, Option } from 'commander';
import { type SequenceDetections, trackMotSequence } from '../track-mot-sequence.js';
import { Progress } from '../progress.js';
import { reportError } from '../exit-codes.js';

interface TrackFlags {
  detections?: string;
  motDir?: string;
  tracker: string;
  seqinfo?: string;
  output?: string;
  progress: boolean;
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

function trackerOptions(def: TrackerDefinition<never>, flags: TrackFlags): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of def.params) {
    const raw = flags[`tracker.${p.name}`];
    if (raw === undefined) continue;
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
  const tracker = def.create(trackerOptions(def, flags) as never);
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
  const options = trackerOptions(def, flags);
  const results = inputs.map((s) => ({
    name: s.name,
    rows: trackMotSequence(def.create(options as never), s.detections, s.seqInfo, (f, n) => progress.frame(s.name, f, n)),
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
    .description('track objects through MOTChallenge detections (det.txt, or deep_sort .npy for DeepSORT)')
    .option('-d, --detections <file>', 'detections: MOTChallenge det.txt, or deep_sort .npy (rows + features)')
    .option('--mot-dir <dir>', 'a MOTChallenge-style folder: track every <SEQ>/det/det.txt (or <SEQ>/deepsort_detections.npy)')
    .addOption(new Option('-t, --tracker <name>', 'tracker').choices(Object.keys(TRACKERS)).default('sort'))
    .option('--seqinfo <file>', 'seqinfo.ini of the sequence (checks frame numbers, names the progress line)')
    .option('-o, --output <path>', 'results file (with --detections) or folder (with --mot-dir)')
    .option('--no-progress', 'no progress line on stderr');
  const seen = new Set<string>();
  for (const def of Object.values(TRACKERS)) {
    for (const p of def.params) {
      if (seen.has(p.name)) continue;
      seen.add(p.name);
      const users = Object.values(TRACKERS)
        .filter((d) => d.params.some((q) => q.name === p.name))
        .map((d) => `${d.id} ${d.params.find((q) => q.name === p.name)?.default}`);
      cmd.option(`--tracker.${p.name} <value>`, `${p.description} (default: ${users.join(', ')})`);
    }
  }
  cmd.action((flags: TrackFlags) => {
    const progress = new Progress(flags.progress);
    try {
      if (!flags.detections === !flags.motDir) throw new ConfigError('give exactly one of --detections <file> or --mot-dir <dir>');
      const def = getTracker(flags.tracker);
      for (const key of Object.keys(flags)) {
        if (key.startsWith('tracker.') && !def.params.some((p) => `tracker.${p.name}` === key)) {
          throw new ConfigError(`--${key} does not apply to tracker '${def.id}'`);
        }
      }
      if (flags.detections) runSingle(def, flags, progress);
      else runDirectory(def, flags, progress);
    } catch (err) {
      progress.stop();
      process.exitCode = reportError('track', err);
    }
  });
}
