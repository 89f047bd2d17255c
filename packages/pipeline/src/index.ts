// @mot/pipeline: the one import most users need. Each operator lives in its
// own file beside this one.
export type { Point, CountLine, Zone, LineCount, ZoneCount, FrameResult } from './types.js';
