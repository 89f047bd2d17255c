// --- runtime ---
export type {
  DType,
  GraphValue,
  FusedActivation,
  Pads4,
  AutoPad,
  Conv2dAttrs,
  MaxPool2dAttrs,
  PadAttrs,
  ResizeAttrs,
  OpAttrs,
  OpType,
  GraphNode,
  NodeOf,
  GraphSource,
  Graph,
} from './runtime/graph.js';
export { OP_TYPES } from './runtime/graph.js';
export { UnsupportedOpError, ModelLoadError, NodeExecutionError } from './runtime/errors.js';
export { decodeFloat16 } from './runtime/float16.js';
export { loadTfjsGraphModel } from './runtime/load-tfjs-graph-model.js';
export { loadOnnxModel } from './runtime/load-onnx-model.js';
export type { OptimizeReport } from './runtime/optimize/optimize-graph.js';
export { optimizeGraph } from './runtime/optimize/optimize-graph.js';
export { foldConstants } from './runtime/optimize/fold-constants.js';
export { cancelTransposes } from './runtime/optimize/cancel-transposes.js';
export { foldPads } from './runtime/optimize/fold-pads.js';
export { fuseConv } from './runtime/optimize/fuse-conv.js';
export { dropIdentities } from './runtime/optimize/drop-identities.js';
export { eliminateDeadCode } from './runtime/optimize/eliminate-dead-code.js';
export type { GraphSummary } from './runtime/graph-summary.js';
export { graphSummary } from './runtime/graph-summary.js';
export type { SessionOptions, RunOptions, OpTime, RunProfile, ProfiledRun } from './runtime/execute.js';
export { Session, createSession } from './runtime/execute.js';
export type { GraphLayers } from './runtime/graph-layers.js';
export { graphToLayerSpecs } from './runtime/graph-layers.js';
export type { AnalyzeModelFileOptions } from './runtime/analyze-model-file.js';
export { analyzeModelFile } from './runtime/analyze-model-file.js';
// --- end runtime ---

// --- nanodet ---
// Detector interface and precomputed detections
export type { Detector, DetectFn } from './detector.js';
export { toDetector } from './detector.js';
export type { PrecomputedOptions } from './precomputed-detector.js';
export { PrecomputedDetector } from './precomputed-detector.js';

// NanoDet: preprocessing, decode, detector, engines
export { COCO_CLASSES, parseClassFilter } from './coco-classes.js';
export type { LetterboxOptions, LetterboxTransform } from './letterbox.js';
export { letterbox, inputBoxesToImage, imageBoxToInput, NANODET_MEAN_BGR, NANODET_STD_BGR } from './letterbox.js';
export type { NanoDetLevel, RawOutput } from './nanodet-levels.js';
export { nanodetLevels } from './nanodet-levels.js';
export type { NanoDetDecodeOptions, DecodedDetections } from './nanodet-decode.js';
export { decodeNanoDet } from './nanodet-decode.js';
export type { NanoDetBackend, NanoDetEngine } from './nanodet-engine.js';
export type { CnnEngineOptions } from './cnn-engine.js';
export { createCnnEngine } from './cnn-engine.js';
export type { OrtEngineOptions } from './ort-engine.js';
export { createOrtEngine } from './ort-engine.js';
export type { WalkNode } from './find-head-inputs.js';
export { findHeadInputs } from './find-head-inputs.js';
export { DEFAULT_NANODET_MODEL, DEFAULT_NANODET_ONNX } from './default-model.js';
export type { NanoDetOptions, NanoDetInference, FeatureMap } from './nanodet-detector.js';
export { NanoDetDetector } from './nanodet-detector.js';

// Appearance embeddings
export type { AppearanceExtractor } from './appearance-extractor.js';
export { withAppearance } from './with-appearance.js';
export type { FpnLevelOptions } from './fpn-level.js';
export { fpnLevel } from './fpn-level.js';
export type { RoiAlignExtractorOptions } from './roi-align-extractor.js';
export { RoiAlignExtractor } from './roi-align-extractor.js';
export type { HsvHistogramOptions } from './hsv-histogram-extractor.js';
export { HsvHistogramExtractor } from './hsv-histogram-extractor.js';
export { l2Normalise } from './l2-normalise.js';
// --- end nanodet ---
