/**
 * The producer side: adding videos to the queue and reading its state.
 */
import { ConfigError } from '@mot/core';
import { FlowProducer, type Job, Queue } from 'bullmq';
import { type Segment } from './plan-segments.js';
import { redisOptions } from './redis-connection.js';
import { type StitchJobData, type TrackJobData, type TrackOutputs, jobKey } from './track-job.js';

/** Default queue name of `mot queue` and `mot worker`. */
export const DEFAULT_QUEUE = 'mot-track';

/** Retries for failures that may pass (a killed worker, a full disk freed later); bad input fails once. */
export const JOB_ATTEMPTS = 3;

/** One video to add. */
export interface VideoJobSpec {
  readonly argv: readonly string[];
  readonly name: string;
  readonly outDir: string;
  readonly outputs: TrackOutputs;
  /** Where relative paths in `argv` are resolved (the child's working directory). */
  readonly cwd: string;
  /** Cut into these segments and stitch (see planSegments); whole video when absent. */
  readonly segments?: readonly Segment[];
}

/** One job as `mot queue status` lists it. */
export interface JobStatus {
  readonly id: string;
  readonly kind: 'track' | 'stitch';
  readonly name: string;
  readonly state: string;
  /** 0..1 when the job reported frames. */
  readonly progress: number | undefined;
  readonly attempts: number;
  readonly failedReason: string | undefined;
  readonly segment: number | undefined;
  /** Name of the worker that took the job last (`mot-worker-<pid>` by default). */
  readonly worker: string | undefined;
}

/** Counts per state and every job. */
export interface QueueStatus {
  readonly counts: Readonly<Record<'waiting' | 'active' | 'completed' | 'failed' | 'delayed' | 'waiting-children' | 'prioritized', number>>;
  readonly jobs: readonly JobStatus[];
}

const JOB_OPTIONS = {
  attempts: JOB_ATTEMPTS,
  backoff: { type: 'exponential' as const, delay: 1000 },
  // Kept, so that adding the same video again finds its id and queues nothing.
  removeOnComplete: false,
  removeOnFail: false,
};

/** A connection to one queue. Close it when done. */
export class TrackQueue {
  readonly name: string;
  private readonly queue: Queue;
  private readonly flows: FlowProducer;

  private readonly url: string;
  private connectionError: Error | undefined;
  private wasReady = false;

  constructor(redisUrl: string, name = DEFAULT_QUEUE) {
    // The producer fails fast on its first connection: no reconnect loop, so an
    // unreachable Redis is one clear error (see connected()) rather than a
    // command that waits. Once Redis has answered, a dropped connection (a
    // Redis restart) is retried as the workers do, so a long `drained()` or
    // `mot queue status --watch` rides it out.
    const base = redisOptions(redisUrl);
    const backoff = base.retryStrategy!;
    const connection = { ...base, maxRetriesPerRequest: 1, retryStrategy: (times: number) => (this.wasReady ? backoff(times) : null) };
    this.name = name;
    this.url = redisUrl;
    this.queue = new Queue(name, { connection });
    this.flows = new FlowProducer({ connection });
    const remember = (e: Error) => {
      if (!this.wasReady) this.connectionError ??= e;
    };
    this.queue.on('error', remember);
    this.flows.on('error', remember);
  }

  /** Resolves once Redis answers. @throws ConfigError naming the URL when it cannot be reached */
  private async connected(): Promise<void> {
    if (this.wasReady) return;
    try {
      await Promise.all([this.queue.waitUntilReady(), this.flows.waitUntilReady()]);
      if (this.connectionError) throw this.connectionError;
      this.wasReady = true;
    } catch (e) {
      const why = (this.connectionError ?? (e as Error)).message;
      throw new ConfigError(`cannot reach Redis at ${this.url} (${why}): start redis-server, or pass --redis redis://host:port`);
    }
  }

  /**
   * Adds each video once: a video already queued with the same options and
   * output (waiting, running or done) is not added again.
   * @returns ids of the jobs added and of those that were there already
   */
  async add(videos: readonly VideoJobSpec[]): Promise<{ added: string[]; existing: string[] }> {
    await this.connected();
    const added: string[] = [];
    const existing: string[] = [];
    for (const v of videos) {
      const base = { argv: [...v.argv], name: v.name, outDir: v.outDir, outputs: v.outputs, cwd: v.cwd };
      if (!v.segments) {
        const data: TrackJobData = base;
        const id = `track-${jobKey(data)}`;
        if (await this.queue.getJob(id)) {
          existing.push(id);
          continue;
        }
        await this.queue.add('track', data, { ...JOB_OPTIONS, jobId: id });
        added.push(id);
        continue;
      }
      const stitch: StitchJobData = { name: v.name, outDir: v.outDir, segments: [...v.segments] };
      const id = `stitch-${jobKey(stitch)}-${jobKey(base)}`;
      if (await this.queue.getJob(id)) {
        existing.push(id);
        continue;
      }
      await this.flows.add({
        name: 'stitch',
        queueName: this.name,
        data: stitch,
        opts: { ...JOB_OPTIONS, jobId: id },
        children: v.segments.map((segment) => {
          const data: TrackJobData = { ...base, segment };
          return { name: 'track', queueName: this.name, data, opts: { ...JOB_OPTIONS, jobId: `track-${jobKey(data)}` } };
        }),
      });
      added.push(id);
    }
    return { added, existing };
  }

  /** Job counts per state and each job with its progress and error. */
  async status(): Promise<QueueStatus> {
    await this.connected();
    const states = ['waiting', 'active', 'completed', 'failed', 'delayed', 'waiting-children', 'prioritized'] as const;
    const raw = await this.queue.getJobCounts(...states);
    const counts = Object.fromEntries(states.map((s) => [s, raw[s] ?? 0])) as QueueStatus['counts'];
    const jobs: JobStatus[] = [];
    for (const state of states) {
      for (const job of (await this.queue.getJobs([state])) as Job[]) {
        if (!job) continue;
        const p = job.progress as { frame?: number; total?: number } | number | undefined;
        const progress = typeof p === 'object' && p && p.total ? (p.frame ?? 0) / p.total : typeof p === 'number' ? p : undefined;
        const data = job.data as Partial<TrackJobData>;
        jobs.push({
          id: job.id ?? '?',
          kind: job.name === 'stitch' ? 'stitch' : 'track',
          name: data.name ?? '?',
          state,
          progress: state === 'completed' ? 1 : progress,
          attempts: job.attemptsMade,
          failedReason: job.failedReason || undefined,
          segment: data.segment?.index,
          worker: job.processedBy,
        });
      }
    }
    jobs.sort((a, b) => a.name.localeCompare(b.name) || (a.segment ?? -1) - (b.segment ?? -1));
    return { counts, jobs };
  }

  /** Waits until no job is waiting, delayed, active or waiting for children; resolves with the final status. */
  async drained(pollMs = 250, timeoutMs = Infinity): Promise<QueueStatus> {
    await this.connected();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const c = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'waiting-children', 'prioritized');
      if (Object.values(c).every((n) => n === 0)) return this.status();
      if (Date.now() > deadline) throw new Error(`queue ${this.name} not drained after ${timeoutMs} ms: ${JSON.stringify(c)}`);
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }

  /** Removes every job of the queue (for tests and `mot queue clear`). */
  async obliterate(): Promise<void> {
    await this.connected();
    await this.queue.obliterate({ force: true });
  }

  async close(): Promise<void> {
    await Promise.all([this.queue.close(), this.flows.close()]);
  }
}
