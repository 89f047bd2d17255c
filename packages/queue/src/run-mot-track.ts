/**
 * Runs one `track` job as a `mot track` child process, so a queued video gives
 * the same bytes as `mot track` run by hand, and a crash or a CPU-bound
 * detector in one video never stalls the worker's Redis locks.
 *
 * The child writes into a temporary folder beside the results; only when it
 * exits 0 are the files renamed into place (atomic on one filesystem) and a
 * done-marker written. A job run twice (a worker killed after the rename, a
 * stalled job taken up again) finds the marker and writes nothing.
 */
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { type TrackJobData, doneMarkerPath, jobKey, resultPaths } from './track-job.js';

/** How to start `mot`: a JS entry point run with `process.execPath`. */
export interface MotCommand {
  /** Path of the `mot` entry script (e.g. the package's `bin/mot.js`). */
  readonly script: string;
  /** Extra Node options for the child (default none). */
  readonly execArgv?: readonly string[];
}

/** Progress reported by the child while it tracks. */
export interface TrackProgress {
  readonly frame: number;
  readonly total: number;
}

/** How a run ended when it did not succeed. */
export class TrackRunError extends Error {
  /** True when the input or the options are bad: retrying cannot help (`mot` exit code 1). */
  readonly permanent: boolean;
  readonly exitCode: number | null;

  constructor(message: string, permanent: boolean, exitCode: number | null) {
    super(message);
    this.name = 'TrackRunError';
    this.permanent = permanent;
    this.exitCode = exitCode;
  }
}

/** Outcome of {@link runMotTrack}. */
export interface TrackRunResult {
  /** Result files written (final paths); empty when the job had already been done. */
  readonly written: string[];
  /** True when a done-marker showed the job finished before. */
  readonly alreadyDone: boolean;
  readonly tracks: string;
}

const STDERR_TAIL = 4096;

/**
 * Runs `mot track` for `data`.
 * @param onProgress called with the child's frame counts
 * @param signal aborting it stops the child (SIGTERM, then SIGKILL after 5 s) and writes nothing
 * @throws TrackRunError when the child fails; `permanent` for bad input or options
 */
export async function runMotTrack(
  mot: MotCommand,
  data: TrackJobData,
  onProgress?: (p: TrackProgress) => void,
  signal?: AbortSignal,
): Promise<TrackRunResult> {
  const key = jobKey(data);
  const paths = resultPaths(data);
  const marker = doneMarkerPath(data.outDir, data.name, key);
  if (existsSync(marker) && existsSync(paths.tracks)) return { written: [], alreadyDone: true, tracks: paths.tracks };

  mkdirSync(dirname(paths.tracks), { recursive: true });
  removeDeadTemporaries(dirname(paths.tracks), data.name);
  // Same folder as the results, so the final rename never crosses filesystems.
  const tmp = mkdtempSync(join(dirname(paths.tracks), `${tmpPrefix(data.name)}${process.pid}-`));
  try {
    const tmpTracks = join(tmp, basename(paths.tracks));
    const args = ['track', ...data.argv, '-o', tmpTracks];
    const tmpJson = paths.json ? join(tmp, basename(paths.json)) : undefined;
    const tmpVideo = paths.annotated ? join(tmp, basename(paths.annotated)) : undefined;
    if (tmpJson) args.push('--json', tmpJson);
    if (tmpVideo) args.push('--annotated', tmpVideo);
    if (data.segment) args.push('--frames', `${data.segment.first}:${data.segment.last}`);

    await runChild(mot, args, data.cwd, onProgress, signal);

    const written: string[] = [];
    const moves: [string, string][] = [[tmpTracks, paths.tracks]];
    if (tmpJson && paths.json) moves.push([tmpJson, paths.json]);
    if (tmpVideo && paths.annotated) moves.push([tmpVideo, paths.annotated]);
    for (const [from, to] of moves) {
      if (!existsSync(from)) throw new TrackRunError(`mot track exited 0 but wrote no ${basename(to)}`, false, 0);
    }
    // The tracks file last: its presence with the marker means "done".
    for (const [from, to] of moves.reverse()) {
      renameSync(from, to);
      written.push(to);
    }
    mkdirSync(dirname(marker), { recursive: true });
    writeFileSync(marker, JSON.stringify({ key, name: data.name, written, finished: new Date().toISOString() }) + '\n');
    return { written, alreadyDone: false, tracks: paths.tracks };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Temporary folders name their host and the worker's pid, so a later job can tell which belong to a dead worker. */
function tmpPrefix(name: string): string {
  return `.mot-tmp-${name}-${hostname()}-`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes this job's temporary folders left by workers of this host that died (SIGKILL) mid-job. */
function removeDeadTemporaries(dir: string, name: string): void {
  const prefix = tmpPrefix(name);
  for (const entry of readdirSync(dir)) {
    if (!entry.startsWith(prefix)) continue;
    const pid = Number(entry.slice(prefix.length).split('-')[0]);
    if (Number.isInteger(pid) && pid > 0 && !alive(pid)) rmSync(join(dir, entry), { recursive: true, force: true });
  }
}

/** The worker's environment for a job, less what would move the child out of the job's directory (pnpm's INIT_CWD). */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, MOT_PROGRESS_IPC: '1' };
  delete env.INIT_CWD;
  delete env.npm_lifecycle_event;
  return env;
}

function runChild(mot: MotCommand, args: string[], cwd: string, onProgress?: (p: TrackProgress) => void, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new TrackRunError('cancelled before it started', false, null));
      return;
    }
    // An IPC channel: the child reports progress over it, and exits when it
    // closes (the worker died), so no `mot track` outlives its worker.
    const child = fork(mot.script, args, {
      cwd,
      execArgv: [...(mot.execArgv ?? [])],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: childEnv(),
    });
    let stderr = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (s: string) => {
      stderr = (stderr + s).slice(-STDERR_TAIL);
    });
    child.on('message', (m: unknown) => {
      const p = m as { type?: string; frame?: number; total?: number };
      if (p && p.type === 'progress' && typeof p.frame === 'number' && typeof p.total === 'number') onProgress?.({ frame: p.frame, total: p.total });
    });
    let killTimer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), 5000);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    child.once('error', (e) => reject(new TrackRunError(`could not start mot track: ${e.message}`, false, null)));
    child.once('exit', (code, sig) => {
      signal?.removeEventListener('abort', onAbort);
      if (killTimer) clearTimeout(killTimer);
      if (code === 0) return resolve();
      const last = stderr.trim().split('\n').filter(Boolean).pop() ?? '';
      if (signal?.aborted) return reject(new TrackRunError('cancelled', false, code));
      const why = last || (sig ? `killed by ${sig}` : `exit code ${code}`);
      reject(new TrackRunError(why, code === 1, code));
    });
  });
}
