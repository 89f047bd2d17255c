/**
 * `mot worker`: takes jobs from the queue and runs each as `mot track`.
 *
 *   mot worker [--redis URL] [--concurrency N]
 *
 * SIGTERM or Ctrl-C: finish the jobs in hand, then exit 0 (a second signal
 * stops them at once; their jobs are taken up again by another worker once
 * their locks lapse). A worker killed outright (SIGKILL) loses nothing either:
 * BullMQ's stalled-job check hands its job to another worker.
 */
import { ConfigError, MotError } from '@mot/core';
import { DEFAULT_QUEUE, DEFAULT_REDIS_URL, startTrackWorker } from '@mot/queue';
import type { Command } from 'commander';
import { MOT_ENTRY } from '../mot-entry.js';

function positiveInt(flag: string, raw: string): number {
  const v = Number(raw);
  if (!Number.isInteger(v) || v < 1) throw new ConfigError(`--${flag} must be a positive integer, got '${raw.slice(0, 40)}'`);
  return v;
}

export function register(program: Command): void {
  program
    .command('worker')
    .description('run queued jobs (mot queue add), each as a `mot track` process')
    .option('--redis <url>', 'Redis URL (env MOT_REDIS_URL)', process.env.MOT_REDIS_URL ?? DEFAULT_REDIS_URL)
    .option('--queue <name>', 'queue name', DEFAULT_QUEUE)
    .option('--concurrency <n>', 'jobs at once', '1')
    .option('--lock-duration <ms>', 'how long a job of a dead worker waits before another worker takes it', '30000')
    .option('--stalled-interval <ms>', 'how often to look for jobs of dead workers', '30000')
    .action(async (flags: { redis: string; queue: string; concurrency: string; lockDuration: string; stalledInterval: string }) => {
      let worker;
      try {
        worker = startTrackWorker({
          redis: flags.redis,
          queue: flags.queue,
          concurrency: positiveInt('concurrency', flags.concurrency),
          lockDurationMs: positiveInt('lock-duration', flags.lockDuration),
          stalledIntervalMs: positiveInt('stalled-interval', flags.stalledInterval),
          mot: { script: MOT_ENTRY },
          log: (line) => process.stderr.write(`mot worker: ${line}\n`),
        });
      } catch (err) {
        if (err instanceof MotError) {
          process.stderr.write(`mot worker: ${err.message}\n`);
          process.exitCode = 1;
          return;
        }
        throw err;
      }
      const w = worker;
      await w.worker.waitUntilReady();
      process.stderr.write(`mot worker: waiting for jobs on ${flags.queue} (${flags.redis}), concurrency ${flags.concurrency}\n`);
      await new Promise<void>((resolve) => {
        let stopping = false;
        const onSignal = (sig: NodeJS.Signals) => {
          if (!stopping) {
            stopping = true;
            process.stderr.write(`mot worker: ${sig}: finishing the jobs in hand (send again to stop now)\n`);
            w.close().then(resolve, resolve);
          } else {
            process.stderr.write(`mot worker: ${sig}: stopping now; unfinished jobs go back to the queue\n`);
            w.abort().then(resolve, resolve);
          }
        };
        process.on('SIGTERM', onSignal);
        process.on('SIGINT', onSignal);
      });
    });
}
