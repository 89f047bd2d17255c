// @mot/pipeline: the one import most users need. Each operator lives in its
// own file beside this one.

// Types
export type { Point, CountLine, Zone, LineCount, ZoneCount, FrameResult } from './types.js';

// Tracking a video
export type { TrackOptions } from './track.js';
export { track } from './track.js';
export type { TrackSource, SourceOptions } from './frame-source.js';
export type { ImageFolderOptions, NumberedImage } from './image-folder-frames.js';
export { imageFolderFrames, listNumberedImages } from './image-folder-frames.js';

// Operators
export type { DetectionFilter } from './detect.js';
export { detect, filterDetections } from './detect.js';
export { embed } from './embed.js';
export { trackWith } from './track-with.js';
export { releasePixels } from './release-pixels.js';
export { toMotRows, formatMotRows } from './to-mot-rows.js';
export type { JsonLinesOptions } from './to-json-lines.js';
export { toJsonLines, formatJsonLine } from './to-json-lines.js';

// Backpressure
export { orderedMap } from './ordered-map.js';
export type { PullThroughOptions } from './pull-through.js';
export { pullThrough } from './pull-through.js';

// Annotation
export { annotate } from './annotate.js';
export type { AnnotateOptions } from './annotate.js';
export { idColour } from './draw/id-colour.js';
export { referencePoint } from './reference-point.js';
export { writeResultVideo } from './write-result-video.js';

// Counting
export { countLines } from './count-lines.js';
export type { CountingOptions } from './count-lines.js';
export { zoneOccupancy } from './zone-occupancy.js';
export { parseCountLine, parseZone } from './geometry-spec.js';
export { pointInPolygon } from './point-in-polygon.js';
