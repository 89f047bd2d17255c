// Tensors
export type { Tensor } from './tensor.js';
export { tensor, sizeOf, expectRank } from './tensor.js';

// --- convolution and GEMM (C1) ---
export type { GemmOptions } from './gemm.js';
export { gemm } from './gemm.js';
export type { ConvPadding, ConvGeometry } from './conv-padding.js';
export { convGeometry, convOutputSize, samePadding, resolveConvPadding } from './conv-padding.js';
export type { WindowOptions } from './im2col.js';
export { im2col } from './im2col.js';
export type { Col2imOptions } from './col2im.js';
export { col2im } from './col2im.js';
export type { Conv2dOptions } from './conv-args.js';
export { conv2d } from './conv2d.js';
export type { ConvPath, PrepareConv2dOptions } from './prepared-conv2d.js';
export { PreparedConv2d, choosePath, prepareConv2d } from './prepared-conv2d.js';
export type { WasmVariant } from './wasm/wasm-kernels.js';
export { WasmKernels, defaultWasmKernels, relaxedSimdSupported, wasmSimdSupported } from './wasm/wasm-kernels.js';
export type { SigmoidWasmOptions } from './sigmoid-wasm.js';
export { sigmoidWasm } from './sigmoid-wasm.js';
export type { Conv2dTransposeOptions } from './conv2d-transpose.js';
export { conv2dTranspose } from './conv2d-transpose.js';
export type { DeformConv2dOptions } from './deform-conv2d.js';
export { deformConv2d } from './deform-conv2d.js';
// --- end convolution ---

// --- pooling, normalisation, activations, resize/layout, ROI ops (C2) ---
export type { PoolPadding, Pool2dOptions, PoolGeometry } from './pool-padding.js';
export { poolGeometry } from './pool-padding.js';
export { maxPool2d, maxPool2dBackward } from './max-pool2d.js';
export type { AvgPool2dOptions } from './avg-pool2d.js';
export { avgPool2d, avgPool2dBackward } from './avg-pool2d.js';
export { globalAvgPool2d, globalMaxPool2d } from './global-pool2d.js';
export type { BatchNormParams } from './batch-norm.js';
export { batchNorm } from './batch-norm.js';
export type { BatchNormTrainParams, BatchNormTrainResult } from './batch-norm-train.js';
export { batchNormTrain } from './batch-norm-train.js';
export type { FoldConvParams, FoldableBatchNorm } from './fold-batch-norm.js';
export { foldBatchNorm } from './fold-batch-norm.js';
export type { LayerNormOptions } from './layer-norm.js';
export { layerNorm } from './layer-norm.js';
export type { InstanceNormOptions } from './instance-norm.js';
export { instanceNorm } from './instance-norm.js';
export type { GroupNormOptions } from './group-norm.js';
export { groupNorm } from './group-norm.js';
export type { ActivationKind } from './activations.js';
export {
  LEAKY_RELU_DEFAULT_ALPHA,
  applyActivationInPlace,
  activation,
  relu,
  relu6,
  leakyRelu,
  sigmoid,
  tanh,
  mish,
  hardSwish,
  silu,
} from './activations.js';
export { softmax } from './softmax.js';
export type { ResizeOptions } from './resize.js';
export { resizeNearest, resizeBilinear } from './resize.js';
export { concat } from './concat.js';
export { split } from './split.js';
export type { PadOptions } from './pad.js';
export { pad } from './pad.js';
export { transpose } from './transpose.js';
export { reshape } from './reshape.js';
export type { BinaryOp } from './elementwise.js';
export { add, sub, mul, div, broadcastShape, broadcastOffsets } from './elementwise.js';
export type { RoiPoolOptions } from './roi-pool.js';
export { roiPool, roiPoolBackward } from './roi-pool.js';
export type { RoiAlignOptions } from './roi-align.js';
export { roiAlign } from './roi-align.js';
export { spatialPyramidPool } from './spatial-pyramid-pool.js';
// --- end pooling ---

// --- boxes, losses, box coding, NMS, anchors, model analysis (C3) ---
export type { NmsOptions } from './nms.js';
export { nms } from './nms.js';
export type { NmsSelection } from './nms-impl.js';
export type { SoftNmsOptions } from './soft-nms.js';
export { softNms } from './soft-nms.js';
export type { BatchedNmsOptions } from './batched-nms.js';
export { batchedNms } from './batched-nms.js';
export { diouNms } from './diou-nms.js';
export type { Reduction, LossOutput, LossOptions } from './loss-reduction.js';
export { iouLoss, giouLoss, diouLoss, ciouLoss } from './box-losses.js';
export type { SmoothL1Options } from './smooth-l1-loss.js';
export { smoothL1Loss } from './smooth-l1-loss.js';
export type { FocalLossOptions } from './focal-loss.js';
export { focalLoss } from './focal-loss.js';
export type { BoxCodingOptions } from './box-coding.js';
export { encodeBoxDeltas, decodeBoxDeltas, RCNN_BOX_WEIGHTS, BBOX_XFORM_CLIP } from './box-coding.js';
export { decodeYoloV2 } from './yolo-v2-decode.js';
export { distributionToDistance, gridCentres, distanceToBox } from './gfl.js';
export { rpnAnchors } from './anchors-rpn.js';
export type { FpnAnchorOptions, FpnLevelAnchors } from './anchors-fpn.js';
export { fpnAnchors } from './anchors-fpn.js';
export type { SsdBoxOptions, SsdDefaultBoxes } from './anchors-ssd.js';
export { ssdDefaultBoxes } from './anchors-ssd.js';
export type { KmeansAnchorOptions, KmeansAnchors } from './kmeans-anchors.js';
export { kmeansAnchors } from './kmeans-anchors.js';
export type { LayerSpec, Pair, PaddingSpec, ConvSpec, DepthwiseSpec, PoolSpec, GlobalPoolSpec, FcSpec, BatchNormSpec, ActivationSpec, ConcatSpec, AddSpec, ResizeSpec, PadSpec, SliceSpec, FlattenSpec, ReshapeSpec, TransposeSpec } from './layer-spec.js';
export type { ReceptiveField, LayerAnalysis, ModelAnalysis, AnalyzeOptions } from './model-analysis.js';
export { analyzeModel } from './model-analysis.js';
export type { BuiltinModel } from './builtin-models.js';
export { builtinModel, BUILTIN_MODEL_NAMES } from './builtin-models.js';
// --- end boxes ---
