// @mot/pipeline: the one import most users need. Each operator lives in its
// own file beside this one.
export type { Point, CountLine, Zone, LineCount, ZoneCount, FrameResult } from './types.js';

// Annotation
export { annotate } from './annotate.js';
export type { AnnotateOptions } from './annotate.js';
export { idColour } from './draw/id-colour.js';
export { referencePoint } from './reference-point.js';

// Counting
export { countLines } from './count-lines.js';
export type { CountingOptions } from './count-lines.js';
export { zoneOccupancy } from './zone-occupancy.js';
export { parseCountLine, parseZone } from './geometry-spec.js';
export { pointInPolygon } from './point-in-polygon.js';
