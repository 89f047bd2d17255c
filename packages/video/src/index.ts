// Errors
export { VideoSourceError } from './errors.js';
export type { VideoSourceErrorWhere } from './errors.js';
export { VideoWriteError } from './errors.js';
export type { VideoWriteErrorWhere } from './errors.js';

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
export { holdPull } from './hold-pull.js';
export type { PullSource } from './pull-concat-map.js';

// Writing videos
export { writeVideo } from './write-video.js';
export { VideoWriter } from './video-writer.js';
export type { WriteVideoOptions } from './video-writer.js';
