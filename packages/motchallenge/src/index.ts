// Types
export type { MotRows, MotFileKind } from './mot-rows.js';

// MOT text files (det.txt, gt.txt, results)
export type { ParseMotOptions } from './parse-mot-text.js';
export { parseMotText, readMotFile } from './parse-mot-text.js';
export { rowsByFrame } from './rows-by-frame.js';
export { selectRows } from './select-rows.js';

// seqinfo.ini
export type { SeqInfo } from './seqinfo.js';
export { parseSeqInfo, readSeqInfo } from './seqinfo.js';

// .npy and deep_sort detections
export type { NpyArray } from './npy.js';
export { parseNpy, readNpy } from './npy.js';
export type { DeepSortDetections, DeepSortDetectionsOptions } from './deepsort-detections.js';
export { readDeepSortDetections, deepSortDetectionsFromNpy } from './deepsort-detections.js';
export { encodeNpy, writeNpy } from './write-npy.js';
export { writeDeepSortDetections } from './write-deepsort-detections.js';

// Writing results
export type { ResultRow, FormatResultOptions } from './format-result-rows.js';
export { formatResultRows, formatFixed, writeMotResults } from './format-result-rows.js';
export { writeFileAtomic } from './write-file-atomic.js';
export { ensureDirectory } from './ensure-directory.js';
