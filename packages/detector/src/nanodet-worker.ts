/**
 * Worker-thread entry of {@link PooledDetector}: one NanoDet detector of its
 * own (own model, own session, own work buffers), frames in, detections out,
 * one frame at a time. Not part of the public API.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Detection, Frame } from '@mot/core';
import { NanoDetDetector, type NanoDetOptions } from './nanodet-detector.js';
import { type SerializedError, serializeError } from './worker-errors.js';

/** Main thread to worker. */
export interface DetectRequest {
  readonly id: number;
  readonly frame: Frame;
}

/** Worker to main thread. */
export type WorkerReply =
  | { readonly kind: 'ready' }
  | { readonly kind: 'failed'; readonly error: SerializedError }
  | { readonly kind: 'detections'; readonly id: number; readonly detections: Detection[] }
  | { readonly kind: 'error'; readonly id: number; readonly error: SerializedError };

const port = parentPort;
if (port !== null) {
  const post = (m: WorkerReply) => port.postMessage(m);
  try {
    const detector = await NanoDetDetector.create(workerData as NanoDetOptions);
    port.on('message', (req: DetectRequest) => {
      detector.detect(req.frame).then(
        (detections) => post({ kind: 'detections', id: req.id, detections }),
        (e: unknown) => post({ kind: 'error', id: req.id, error: serializeError(e) }),
      );
    });
    post({ kind: 'ready' });
  } catch (e) {
    post({ kind: 'failed', error: serializeError(e) });
  }
}
