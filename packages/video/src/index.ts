// Errors
export { VideoSourceError } from './errors.js';
export type { VideoSourceErrorWhere } from './errors.js';

// Finding ffmpeg
export { resolveFfmpeg } from './resolve-ffmpeg.js';
export type { FfmpegTools, FfmpegSource } from './resolve-ffmpeg.js';

// Reading videos and images
export { probeVideo } from './probe-video.js';
export type { VideoInfo } from './probe-video.js';
export { readFrames } from './read-frames.js';
export type { ReadFramesOptions } from './read-frames.js';
export { videoFrames } from './video-frames.js';
export type { VideoFramesOptions } from './video-frames.js';
export { readImage } from './read-image.js';

// Backpressure for async stages
export { pullConcatMap } from './pull-concat-map.js';
export type { PullSource } from './pull-concat-map.js';
