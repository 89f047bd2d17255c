/**
 * NanoDet on several cores: a pool of worker threads, each holding a NanoDet
 * detector of its own, with one frame in flight per worker. Chosen over
 * splitting each convolution across threads because whole frames need no
 * synchronisation between layers (NanoDet has 34 convs, many of them small)
 * and scale with whatever kernels the session runs; `bench/engines.bench.ts`
 * measures both throughput and single-frame latency.
 */
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ConfigError, type Detection, type Frame, MotError } from '@mot/core';
import { checkFrame } from './check-frame.js';
import type { Detector } from './detector.js';
import type { NanoDetOptions } from './nanodet-detector.js';
import type { DetectRequest, WorkerReply } from './nanodet-worker.js';
import { deserializeError } from './worker-errors.js';

/** Options of {@link PooledDetector.create}. */
export interface PooledDetectorOptions {
  /** Worker threads, each with its own model; default `os.availableParallelism()`. */
  threads?: number;
  /** Options of each worker's {@link NanoDetDetector} (model, backend, thresholds, classes). */
  detector?: NanoDetOptions;
}

interface Job {
  readonly id: number;
  readonly frame: Frame;
  readonly resolve: (d: Detection[]) => void;
  readonly reject: (e: Error) => void;
}

interface Slot {
  readonly worker: Worker;
  job: Job | undefined;
}

// Sources run through tsx here (`.ts`) and as compiled `.js` elsewhere: the
// worker file sits next to this one with the same extension. A `.ts` worker
// is started through tsx's module API, since on Node 20 a worker given
// `execArgv: ['--import', 'tsx']` still fails with "Unknown file extension
// .ts" (tried on 20.20).
const EXT = extname(fileURLToPath(import.meta.url));
const WORKER_URL = new URL(`./nanodet-worker${EXT}`, import.meta.url);

function startWorker(workerData: NanoDetOptions): Worker {
  if (EXT !== '.ts') return new Worker(WORKER_URL, { workerData });
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => m.tsImport(${JSON.stringify(WORKER_URL.href)}, ${JSON.stringify(import.meta.url)}));`;
  return new Worker(boot, { eval: true, workerData });
}

/**
 * NanoDet on a pool of worker threads. `detect` calls made without awaiting
 * the previous one run concurrently, up to {@link concurrency} at once (more
 * wait in a queue, first come first served); each call's promise gets its own
 * frame's detections, so a caller that awaits the promises in call order gets
 * results in frame order. A worker runs the same code on the same bytes as a
 * {@link NanoDetDetector} in the main thread, so results are identical for any
 * number of threads. Each frame's bytes are copied once and sent to the worker
 * (0.27 ms for 640x480; the caller keeps its buffer). Idle workers do not keep the process alive;
 * call {@link close} when done.
 *
 * @example
 * const detector = await PooledDetector.create({ threads: 2, detector: { classes: 'all' } });
 * const [a, b] = await Promise.all([detector.detect(frame0), detector.detect(frame1)]);
 * await detector.close();
 */
export class PooledDetector implements Detector {
  /** Frames that can be in flight at once: one per worker. */
  readonly concurrency: number;
  private readonly slots: Slot[];
  private readonly queue: Job[] = [];
  private nextId = 0;
  private failure: Error | undefined;

  private constructor(slots: Slot[]) {
    this.slots = slots;
    this.concurrency = slots.length;
    for (const slot of slots) {
      slot.worker.on('message', (m: WorkerReply) => this.onReply(slot, m));
      slot.worker.on('error', (e) => this.fail(new MotError(`PooledDetector: a worker failed: ${e.message}`, { cause: e })));
      slot.worker.on('exit', (code) => {
        if (this.failure === undefined) this.fail(new MotError(`PooledDetector: a worker exited (code ${code})`));
      });
      slot.worker.unref();
    }
  }

  /**
   * Starts the workers and loads the model in each.
   * @param options `threads` (default: the available cores), `detector`: each worker's NanoDet options
   * @throws ConfigError when `threads` is not a positive integer, or for bad detector options
   * @throws ModelLoadError naming the file when the model cannot be loaded (no worker is left running)
   */
  static async create(options: PooledDetectorOptions = {}): Promise<PooledDetector> {
    const threads = options.threads ?? availableParallelism();
    if (!Number.isInteger(threads) || threads < 1) {
      throw new ConfigError(`PooledDetector.create: threads must be a positive integer, got ${String(threads)}`);
    }
    const workers: Worker[] = [];
    try {
      for (let k = 0; k < threads; k++) {
        workers.push(startWorker(options.detector ?? {}));
      }
      await Promise.all(workers.map(waitReady));
    } catch (e) {
      await Promise.all(workers.map((w) => w.terminate()));
      throw e;
    }
    return new PooledDetector(workers.map((worker) => ({ worker, job: undefined })));
  }

  /**
   * Detections of one frame (the same as {@link NanoDetDetector.detect} gives).
   * @param frame RGB24 frame
   * @throws ShapeError when the frame's data is not width * height * 3 bytes
   * @throws ConfigError after {@link close}; MotError when a worker died
   */
  detect(frame: Frame): Promise<Detection[]> {
    return new Promise((resolve, reject) => {
      if (this.failure !== undefined) throw this.failure;
      checkFrame('PooledDetector.detect', frame);
      this.queue.push({ id: this.nextId++, frame, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops the workers; pending and later `detect` calls reject. */
  async close(): Promise<void> {
    if (this.failure === undefined) this.fail(new ConfigError('PooledDetector.detect: the detector is closed'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.job !== undefined) continue;
      const job = this.queue.shift() as Job;
      slot.job = job;
      // A busy worker keeps the process alive, so that awaiting a frame
      // cannot end the program with the promise unsettled.
      slot.worker.ref();
      // One copy of just the frame's bytes, transferred: a structured clone of
      // the view would copy its whole underlying buffer, which for a decoder's
      // view into a larger chunk is more than the frame.
      const { index, timeMs, width, height, data } = job.frame;
      const pixels = data.slice();
      const req: DetectRequest = { id: job.id, frame: { index, timeMs, width, height, data: pixels } };
      slot.worker.postMessage(req, [pixels.buffer]);
    }
  }

  private onReply(slot: Slot, m: WorkerReply): void {
    const job = slot.job;
    if (job === undefined || (m.kind !== 'detections' && m.kind !== 'error') || m.id !== job.id) return;
    slot.job = undefined;
    slot.worker.unref();
    if (m.kind === 'detections') job.resolve(m.detections);
    else job.reject(deserializeError(m.error));
    this.dispatch();
  }

  /** Rejects everything pending and refuses new frames; workers are terminated. */
  private fail(e: Error): void {
    if (this.failure !== undefined) return;
    this.failure = e;
    for (const slot of this.slots) {
      slot.job?.reject(e);
      slot.job = undefined;
    }
    for (const job of this.queue.splice(0)) job.reject(e);
    for (const slot of this.slots) void slot.worker.terminate();
  }
}

/** Resolves when the worker has loaded its model; rejects with the worker's own (typed) error. */
function waitReady(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: WorkerReply) => {
      if (m.kind === 'ready') resolve();
      else if (m.kind === 'failed') reject(deserializeError(m.error));
      else return;
      worker.off('message', onMessage);
    };
    worker.on('message', onMessage);
    worker.once('error', (e) => reject(new MotError(`PooledDetector.create: a worker failed to start: ${e.message}`, { cause: e })));
    worker.once('exit', (code) => reject(new MotError(`PooledDetector.create: a worker exited (code ${code}) before loading the model`)));
  });
}
