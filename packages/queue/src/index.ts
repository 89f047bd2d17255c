// @mot/queue: many videos, and long ones, across processes and machines on
// BullMQ and Redis.
export { DEFAULT_REDIS_URL, redisOptions } from './redis-connection.js';
export type { Segment } from './plan-segments.js';
export { planSegments, planSegmentsBySeconds } from './plan-segments.js';
export type { SegmentResult, StitchOptions, BoundaryReport, StitchResult } from './stitch-segments.js';
export { stitchSegments } from './stitch-segments.js';
export type { TrackOutputs, TrackJobData, StitchJobData } from './track-job.js';
export { jobKey, resultPaths, segmentResultPath } from './track-job.js';
export type { MotCommand, TrackProgress, TrackRunResult } from './run-mot-track.js';
export { TrackRunError, runMotTrack } from './run-mot-track.js';
export type { VideoJobSpec, JobStatus, QueueStatus } from './track-queue.js';
export { DEFAULT_QUEUE, JOB_ATTEMPTS, TrackQueue } from './track-queue.js';
export type { TrackWorkerOptions, TrackJobResult, StitchJobResult, TrackWorker } from './track-worker.js';
export { runStitch, startTrackWorker } from './track-worker.js';
