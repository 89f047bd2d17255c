/**
 * A declarative description of a network's layers, enough to derive output
 * shapes, parameter and MAC counts and receptive fields without weights.
 * Shapes exclude the batch axis: feature maps are [C, H, W], vectors [F].
 */

/** One number for both axes, or [vertical, horizontal]. */
export type Pair = number | readonly [number, number];

/**
 * Padding: one number for all four sides, [top, bottom, left, right], or
 * TensorFlow's 'same' (output = ceil(in / stride), extra pixel at the end) / 'valid' (none).
 */
export type PaddingSpec = number | readonly [number, number, number, number] | 'same' | 'valid';

interface Base {
  /** Unique name; later layers refer to it in `inputs`. 'input' is the model input. */
  name: string;
  /** Names of the layers feeding this one. Default: the previous layer (or the model input). */
  inputs?: readonly string[];
}

/** 2-D convolution. Params = outChannels * inChannels / groups * kh * kw (+ outChannels with bias). */
export interface ConvSpec extends Base {
  type: 'conv';
  outChannels: number;
  kernel: Pair;
  /** Default 1. */
  stride?: Pair;
  /** Default 0. */
  padding?: PaddingSpec;
  /** Default 1. */
  dilation?: Pair;
  /** Default 1; inChannels and outChannels must both divide by it. */
  groups?: number;
  /** Default true. */
  bias?: boolean;
}

/** Depthwise convolution: groups = channels, outChannels = channels * multiplier. */
export interface DepthwiseSpec extends Base {
  type: 'depthwise';
  kernel: Pair;
  stride?: Pair;
  padding?: PaddingSpec;
  dilation?: Pair;
  /** Default 1. */
  multiplier?: number;
  /** Default true. */
  bias?: boolean;
}

/** Max or average pooling. No parameters, no MACs counted. */
export interface PoolSpec extends Base {
  type: 'maxpool' | 'avgpool';
  kernel: Pair;
  /** Default: the kernel. */
  stride?: Pair;
  padding?: PaddingSpec;
  /** Round the output size up (PyTorch ceil_mode); a window may not start in the end padding. Default false. */
  ceilMode?: boolean;
}

/** Global pooling to [C, 1, 1]. */
export interface GlobalPoolSpec extends Base {
  type: 'globalavgpool' | 'globalmaxpool';
}

/** Fully connected layer; a feature map input is flattened (C * H * W features). */
export interface FcSpec extends Base {
  type: 'fc';
  outFeatures: number;
  /** Default true. */
  bias?: boolean;
}

/** Batch norm: 2C learnable parameters (4C with the running statistics, see analyzeModel). */
export interface BatchNormSpec extends Base {
  type: 'bn';
}

/** Any elementwise unary op (ReLU, sigmoid, ...). `fn` is a label for the table. */
export interface ActivationSpec extends Base {
  type: 'activation';
  fn?: string;
}

/** Concatenation along channels; all inputs must share H and W. */
export interface ConcatSpec extends Base {
  type: 'concat';
  inputs: readonly string[];
}

/** Elementwise sum of inputs of identical shape (residuals, pyramid merges). */
export interface AddSpec extends Base {
  type: 'add';
  inputs: readonly string[];
}

/** Spatial resize to `size` [H, W] (or by `scale`). */
export interface ResizeSpec extends Base {
  type: 'resize';
  size?: readonly [number, number];
  scale?: number;
  /** Default 'nearest'. */
  mode?: 'nearest' | 'bilinear';
}

/** Explicit spatial padding. */
export interface PadSpec extends Base {
  type: 'pad';
  padding: readonly [number, number, number, number];
}

/** Channels [start, end) of a feature map (a split output). */
export interface SliceSpec extends Base {
  type: 'slice';
  start: number;
  end: number;
}

/** Flatten to a vector. */
export interface FlattenSpec extends Base {
  type: 'flatten';
}

/** Reshape to `shape` (batch excluded; one -1 is inferred). */
export interface ReshapeSpec extends Base {
  type: 'reshape';
  shape: readonly number[];
}

/** Permutes the (non-batch) axes: output axis i is input axis perm[i]. */
export interface TransposeSpec extends Base {
  type: 'transpose';
  perm: readonly number[];
}

/** Any layer {@link analyzeModel} understands. */
export type LayerSpec =
  | ConvSpec
  | DepthwiseSpec
  | PoolSpec
  | GlobalPoolSpec
  | FcSpec
  | BatchNormSpec
  | ActivationSpec
  | ConcatSpec
  | AddSpec
  | ResizeSpec
  | PadSpec
  | SliceSpec
  | FlattenSpec
  | ReshapeSpec
  | TransposeSpec;
