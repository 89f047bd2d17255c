/**
 * `mot queue add` and `mot queue status`: videos into a BullMQ queue on Redis,
 * one job per video (or per segment), and the queue's state.
 *
 *   mot queue add videos/*.mp4 --out results/ [--json] [--annotated] [--segment 60 --overlap 2] -- --tracker bytetrack
 *   mot queue status [--json]
 *
 * Everything after `--` is handed to `mot track` as it is, for every video.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { ConfigError, InputError, MotError } from '@mot/core';
import { DEFAULT_QUEUE, DEFAULT_REDIS_URL, type QueueStatus, type Segment, TrackQueue, type VideoJobSpec, planSegmentsBySeconds } from '@mot/queue';
import { probeVideo } from '@mot/video';
import type { Command } from 'commander';
import { glob } from 'tinyglobby';

interface AddFlags {
  redis: string;
  queue: string;
  out: string;
  json?: boolean;
  annotated?: boolean;
  segment?: string;
  overlap?: string;
}

const GLOB_CHARS = /[*?[\]{}]/;

/** Inputs as given, globs expanded (sorted), all absolute; each must exist. */
export async function expandInputs(inputs: readonly string[], cwd: string): Promise<string[]> {
  const out: string[] = [];
  for (const input of inputs) {
    if (GLOB_CHARS.test(input) && !existsSync(resolve(cwd, input))) {
      const found = (await glob(input, { cwd, absolute: true, onlyFiles: false })).sort();
      if (found.length === 0) throw new InputError('no file matches this pattern', { source: input });
      out.push(...found);
    } else {
      const path = resolve(cwd, input);
      if (!existsSync(path)) throw new InputError('no such video or image folder', { source: input });
      out.push(path);
    }
  }
  return out;
}

function seconds(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(v) || v <= 0) throw new ConfigError(`--${flag} must be a positive number of seconds, got '${raw.slice(0, 40)}'`);
  return v;
}

async function segmentsOf(path: string, segment: number, overlap: number): Promise<Segment[]> {
  if (statSync(path).isDirectory()) throw new ConfigError(`--segment needs a video file; ${path} is a folder`);
  const info = await probeVideo(path);
  const frames = info.frameCount ?? (info.durationMs !== undefined ? Math.round((info.durationMs * info.frameRate) / 1000) : undefined);
  if (!frames) throw new InputError('cannot tell how many frames the video has (needed to cut it into segments)', { source: path });
  return planSegmentsBySeconds(frames, info.frameRate, segment, overlap);
}

/** Builds the job specs of `mot queue add` (exported for tests). */
export async function buildJobSpecs(inputs: readonly string[], flags: AddFlags, trackArgs: readonly string[], cwd: string): Promise<VideoJobSpec[]> {
  const segment = seconds('segment', flags.segment);
  const overlap = seconds('overlap', flags.overlap);
  if ((segment === undefined) !== (overlap === undefined)) throw new ConfigError('--segment and --overlap go together (e.g. --segment 60 --overlap 2)');
  if (segment !== undefined && (flags.json || flags.annotated)) {
    throw new ConfigError('--segment writes tracks only: drop --json and --annotated, or track the video whole');
  }
  for (const a of trackArgs) {
    if (['-o', '--output', '--json', '--annotated', '--frames'].includes(a)) {
      throw new ConfigError(`${a} after -- is set by the queue (use --out, --json, --annotated of mot queue add)`);
    }
  }
  const outDir = resolve(cwd, flags.out);
  if (existsSync(outDir) && !statSync(outDir).isDirectory()) throw new ConfigError(`--out must be a folder, got the file ${flags.out}`);
  const paths = await expandInputs(inputs, cwd);
  const names = new Map<string, string>();
  const specs: VideoJobSpec[] = [];
  for (const path of paths) {
    const name = basename(path, extname(path));
    const other = names.get(name);
    if (other && other !== path) throw new ConfigError(`two inputs would write ${name}.txt: ${other} and ${path}; queue them with different --out folders`);
    names.set(name, path);
    specs.push({
      argv: [path, ...trackArgs],
      name,
      outDir,
      outputs: { json: flags.json === true, annotated: flags.annotated === true },
      cwd,
      segments: segment !== undefined && overlap !== undefined ? await segmentsOf(path, segment, overlap) : undefined,
    });
  }
  return specs;
}

/** The status as a table: one line of counts, then one line per job. */
export function formatStatus(s: QueueStatus): string {
  const c = s.counts;
  const lines = [`waiting ${c.waiting + c.prioritized + c.delayed}, active ${c.active}, completed ${c.completed}, failed ${c.failed}, waiting for segments ${c['waiting-children']}`];
  for (const j of s.jobs) {
    const what = j.kind === 'stitch' ? `${j.name} (stitch)` : j.segment !== undefined ? `${j.name} [segment ${j.segment}]` : j.name;
    const pct = j.progress === undefined ? '' : ` ${Math.round(j.progress * 100)}%`;
    const err = j.failedReason ? `: ${j.failedReason}` : '';
    lines.push(`  ${j.state.padEnd(16)} ${what}${pct}${j.attempts > 1 ? ` (attempts ${j.attempts})` : ''}${err}`);
  }
  return lines.join('\n') + '\n';
}

function fail(err: unknown, cmd: string): void {
  if (err instanceof MotError) {
    process.stderr.write(`mot ${cmd}: ${err.message}\n`);
    process.exitCode = 1;
    return;
  }
  const e = err as NodeJS.ErrnoException;
  if (e && (e.code === 'ECONNREFUSED' || /ECONNREFUSED|connect/.test(String(e.message)))) {
    process.stderr.write(`mot ${cmd}: cannot reach Redis (${e.message}); start redis-server or pass --redis redis://host:port\n`);
    process.exitCode = 1;
    return;
  }
  throw err;
}

export function register(program: Command): void {
  const queue = program.command('queue').description('queue videos for `mot worker` processes on Redis (BullMQ), and see the queue');
  const redisDefault = process.env.MOT_REDIS_URL ?? DEFAULT_REDIS_URL;
  queue
    .command('add')
    .description('add videos (paths or globs) to the queue, one job each; options after -- go to `mot track`')
    .argument('<inputs...>', 'videos, image folders or globs (quote globs to expand them here)')
    .option('--redis <url>', 'Redis URL (env MOT_REDIS_URL)', redisDefault)
    .option('--queue <name>', 'queue name', DEFAULT_QUEUE)
    .option('--out <dir>', 'folder for <name>.txt (and .jsonl, .mp4)', 'results')
    .option('--json', 'also write <name>.jsonl (mot track --json)')
    .option('--annotated', 'also write <name>.mp4 (mot track --annotated)')
    .option('--segment <seconds>', 'cut each video into segments of this length, tracked by different workers and stitched')
    .option('--overlap <seconds>', 'seconds shared by consecutive segments, over which identities are matched')
    .action(async (inputs: string[], flags: AddFlags, cmd: Command) => {
          const dash = process.argv.indexOf('--');
      const trackArgs = dash >= 0 ? process.argv.slice(dash + 1) : [];
      // commander appends what follows `--` to the variadic operands.
      const own = inputs.slice(0, inputs.length - trackArgs.length);
      void cmd;
      const q = new TrackQueue(flags.redis, flags.queue);
      try {
        const specs = await buildJobSpecs(own, flags, trackArgs, process.cwd());
        const r = await q.add(specs);
        process.stdout.write(`queued ${r.added.length} video(s)${r.existing.length ? `, ${r.existing.length} already queued or done` : ''} on ${flags.queue}\n`);
      } catch (err) {
        fail(err, 'queue add');
      } finally {
        await q.close();
      }
    });
  queue
    .command('status')
    .description('waiting, active, completed and failed jobs, with each job\'s progress and error')
    .option('--redis <url>', 'Redis URL (env MOT_REDIS_URL)', redisDefault)
    .option('--queue <name>', 'queue name', DEFAULT_QUEUE)
    .option('--json', 'print the status as JSON')
    .action(async (flags: { redis: string; queue: string; json?: boolean }) => {
      const q = new TrackQueue(flags.redis, flags.queue);
      try {
        const s = await q.status();
        process.stdout.write(flags.json ? JSON.stringify(s) + '\n' : formatStatus(s));
      } catch (err) {
        fail(err, 'queue status');
      } finally {
        await q.close();
      }
    });
}
