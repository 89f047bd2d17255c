/**
 * The consumer side: a BullMQ worker that runs `track` jobs as `mot track`
 * children and `stitch` jobs in process.
 *
 * Recovery is BullMQ's own: a job whose worker dies (SIGKILL, power loss)
 * stops renewing its lock, the stalled-job check of any live worker moves it
 * back to waiting, and another worker takes it up. Failures that may pass are
 * retried with exponential backoff; bad input (`mot track` exit 1) fails at
 * once (BullMQ's UnrecoverableError) with the error in the job's failedReason.
 */
import { existsSync, mkdirSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readMotFile, type ResultRow, writeMotResults } from '@mot/motchallenge';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import { redisOptions } from './redis-connection.js';
import { type MotCommand, TrackRunError, runMotTrack } from './run-mot-track.js';
import { type BoundaryReport, stitchSegments } from './stitch-segments.js';
import { type StitchJobData, type TrackJobData, doneMarkerPath, jobKey, segmentResultPath } from './track-job.js';
import { DEFAULT_QUEUE } from './track-queue.js';

/** Options of {@link startTrackWorker}. */
export interface TrackWorkerOptions {
  readonly redis: string;
  readonly queue?: string;
  /** Jobs run at once, each its own `mot track` process. Default 1. */
  readonly concurrency?: number;
  /** How to start `mot` for a job. */
  readonly mot: MotCommand;
  /** BullMQ lock duration (ms): how long a dead worker's job waits before it is taken up again. Default 30,000. */
  readonly lockDurationMs?: number;
  /** How often this worker looks for stalled jobs (ms). Default 30,000 (BullMQ's). */
  readonly stalledIntervalMs?: number;
  /** Worker name, recorded on the jobs it takes (BullMQ's processedBy). Default `mot-worker-<pid>`. */
  readonly name?: string;
  /** One line per job event (started, done, failed). */
  readonly log?: (line: string) => void;
}

/** What a finished `track` job returns (stored by BullMQ as the job's return value). */
export interface TrackJobResult {
  readonly tracks: string;
  readonly written: readonly string[];
  readonly alreadyDone: boolean;
}

/** What a finished `stitch` job returns. */
export interface StitchJobResult {
  readonly tracks: string;
  readonly rows: number;
  readonly boundaries: readonly BoundaryReport[];
}

function toResultRows(path: string): ResultRow[] {
  const r = readMotFile(path, 'result', { allowEmpty: true });
  const out: ResultRow[] = [];
  for (let i = 0; i < r.length; i++) out.push({ frame: r.frame[i], id: r.id[i], box: [r.x[i], r.y[i], r.w[i], r.h[i]], score: r.score[i] });
  return out;
}

/** Reads a segmented video's segment results, stitches them and writes `<name>.txt` (atomically). */
export function runStitch(data: StitchJobData): StitchJobResult {
  const tracks = join(data.outDir, `${data.name}.txt`);
  const key = jobKey(data);
  const marker = doneMarkerPath(data.outDir, data.name, key);
  const results = data.segments.map((segment) => {
    const path = segmentResultPath(data.outDir, data.name, segment.index);
    if (!existsSync(path)) throw new TrackRunError(`segment ${segment.index} of ${data.name} has no result at ${path}`, false, null);
    return { segment, rows: toResultRows(path) };
  });
  const { rows, boundaries } = stitchSegments(results);
  if (!existsSync(marker)) {
    writeMotResults(tracks, rows);
    mkdirSync(dirname(marker), { recursive: true });
    writeFileSync(marker, JSON.stringify({ key, name: data.name, written: [tracks], boundaries }) + '\n');
  }
  rmSync(join(data.outDir, '.mot-segments', data.name), { recursive: true, force: true });
  // The segments folder goes too once no other video's segments are left in it.
  try {
    rmdirSync(join(data.outDir, '.mot-segments'));
  } catch {
    /* other videos' segments are still there, or it is gone already */
  }
  return { tracks, rows: rows.length, boundaries };
}

/** A running worker. */
export interface TrackWorker {
  readonly worker: Worker;
  /** Finishes the jobs in hand, then stops taking new ones. */
  close(): Promise<void>;
  /** Stops now: running children are terminated, their jobs go back to the queue when the lock lapses. */
  abort(): Promise<void>;
}

/** Starts a worker on `options.queue`. */
export function startTrackWorker(options: TrackWorkerOptions): TrackWorker {
  const log = options.log ?? (() => {});
  const processor = async (job: Job, _token?: string, signal?: AbortSignal): Promise<TrackJobResult | StitchJobResult> => {
    if (job.name === 'stitch') {
      const data = job.data as StitchJobData;
      log(`stitch ${data.name}: ${data.segments.length} segments`);
      const r = runStitch(data);
      log(`done ${data.name}: ${r.rows} rows -> ${r.tracks} (ids changed at boundaries: ${r.boundaries.map((b) => b.idChanges).join(', ')})`);
      return r;
    }
    const data = job.data as TrackJobData;
    const what = data.segment ? `${data.name} segment ${data.segment.index} (frames ${data.segment.first}-${data.segment.last})` : data.name;
    log(`start ${what} (attempt ${job.attemptsMade + 1})`);
    let lastReport = 0;
    try {
      const r = await runMotTrack(
        options.mot,
        data,
        (p) => {
          const now = Date.now();
          if (now - lastReport < 500 && p.frame < p.total) return;
          lastReport = now;
          job.updateProgress({ frame: p.frame, total: p.total }).catch(() => {});
        },
        signal,
      );
      log(r.alreadyDone ? `done ${what}: already written before, nothing written` : `done ${what} -> ${r.written.join(', ')}`);
      return r;
    } catch (e) {
      const err = e as TrackRunError;
      log(`failed ${what}: ${err.message}`);
      if (err instanceof TrackRunError && err.permanent) throw new UnrecoverableError(err.message);
      throw e;
    }
  };
  const worker = new Worker(options.queue ?? DEFAULT_QUEUE, processor, {
    connection: redisOptions(options.redis),
    name: options.name ?? `mot-worker-${process.pid}`,
    concurrency: options.concurrency ?? 1,
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: options.stalledIntervalMs ?? 30_000,
    maxStalledCount: 3,
  });
  // Connection trouble (a Redis restart) is logged, not thrown: ioredis reconnects by itself.
  worker.on('error', (e) => log(`worker: ${e.message}`));
  return {
    worker,
    close: () => worker.close(),
    abort: async () => {
      worker.cancelAllJobs('worker stopping');
      await worker.close(true);
    },
  };
}
