/**
 * What one queued job is: the `mot track` arguments for one video (or one
 * segment of it) and where its results go. Everything here is plain JSON, as
 * BullMQ stores job data in Redis.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Segment } from './plan-segments.js';

/** Results to write besides the MOTChallenge tracks (`<name>.txt`). */
export interface TrackOutputs {
  /** `<name>.jsonl`: `mot track --json`. */
  readonly json: boolean;
  /** `<name>.mp4`: `mot track --annotated`. */
  readonly annotated: boolean;
}

/** Data of a `track` job. */
export interface TrackJobData {
  /** `mot track` arguments before the outputs: the input (a video, an image folder) and the user's track flags. */
  readonly argv: readonly string[];
  /** Base name of the results, e.g. `TUD-Campus` for `TUD-Campus.txt`. */
  readonly name: string;
  /** Absolute folder the results are written into. */
  readonly outDir: string;
  readonly outputs: TrackOutputs;
  /** Working directory `mot track` runs in: relative paths in `argv` are the user's, resolved where they ran `mot queue add`. */
  readonly cwd: string;
  /** Set for one segment of a segmented video: frames `first..last` only, into the segments folder. */
  readonly segment?: Segment;
}

/** Data of a `stitch` job, the parent of a segmented video's `track` jobs. */
export interface StitchJobData {
  readonly name: string;
  readonly outDir: string;
  readonly segments: readonly Segment[];
}

/** The job's identity: equal data, equal id, so adding the same video twice queues it once. */
export function jobKey(data: TrackJobData | StitchJobData): string {
  return createHash('sha256').update(JSON.stringify(data)).digest('hex').slice(0, 32);
}

/** Where a job's results end up. */
export function resultPaths(data: TrackJobData): { tracks: string; json?: string; annotated?: string } {
  if (data.segment) return { tracks: segmentResultPath(data.outDir, data.name, data.segment.index) };
  return {
    tracks: join(data.outDir, `${data.name}.txt`),
    json: data.outputs.json ? join(data.outDir, `${data.name}.jsonl`) : undefined,
    annotated: data.outputs.annotated ? join(data.outDir, `${data.name}.mp4`) : undefined,
  };
}

/** A segment's tracks, kept beside the final results until the stitch job has read them. */
export function segmentResultPath(outDir: string, name: string, index: number): string {
  return join(outDir, '.mot-segments', name, `${String(index).padStart(4, '0')}.txt`);
}

/** The marker a finished job leaves, so that a job run a second time writes nothing. */
export function doneMarkerPath(outDir: string, name: string, key: string): string {
  return join(outDir, '.mot-done', `${name}.${key}.json`);
}
