// The graph runtime: model formats (TensorFlow.js graph models, ONNX) into one
// NCHW graph IR, the optimiser, and the executor on @mot/cnn's kernels.
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
} from './graph.js';
export { OP_TYPES, isConstant } from './graph.js';
export { UnsupportedOpError, ModelLoadError, NodeExecutionError } from './errors.js';
export { decodeFloat16 } from './float16.js';
export { loadTfjsGraphModel } from './load-tfjs-graph-model.js';
export { loadOnnxModel } from './load-onnx-model.js';
export type { OptimizeReport } from './optimize/optimize-graph.js';
export { optimizeGraph } from './optimize/optimize-graph.js';
export { foldConstants } from './optimize/fold-constants.js';
export { cancelTransposes } from './optimize/cancel-transposes.js';
export { foldPads } from './optimize/fold-pads.js';
export { fuseConv } from './optimize/fuse-conv.js';
export { dropIdentities } from './optimize/drop-identities.js';
export { eliminateDeadCode } from './optimize/eliminate-dead-code.js';
export type { GraphSummary } from './graph-summary.js';
export { graphSummary } from './graph-summary.js';
export type { SessionOptions, RunOptions, OpTime, RunProfile, ProfiledRun } from './execute.js';
export { Session, createSession } from './execute.js';
export type { GraphLayers } from './graph-layers.js';
export { graphToLayerSpecs } from './graph-layers.js';
export type { AnalyzeModelFileOptions } from './analyze-model-file.js';
export { analyzeModelFile } from './analyze-model-file.js';
