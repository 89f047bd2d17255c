import { ConfigError, ShapeError } from '@mot/core';
import { type ConvGeometry, type ConvPadding, convGeometry } from './conv-padding.js';
import { type Tensor, expectRank } from './tensor.js';

/** Options shared by `conv2d` and `deformConv2d`. */
export interface Conv2dOptions {
  /** Added to output channel o (length Cout). */
  bias?: ArrayLike<number>;
  /** `s` or `[sh, sw]`, px; default 1. */
  stride?: number | readonly [number, number];
  /** See {@link ConvPadding}; default `'valid'`. */
  padding?: ConvPadding;
  /** `d` or `[dh, dw]`, px between kernel taps; default 1. */
  dilation?: number | readonly [number, number];
  /** Channel groups: input and output channels split into `groups` independent convolutions; default 1. `groups = Cin` is depthwise. */
  groups?: number;
}

/** Validated sizes of a forward convolution. */
export interface ConvArgs {
  n: number;
  cin: number;
  cout: number;
  groups: number;
  cinG: number;
  coutG: number;
  geo: ConvGeometry;
  bias: Float32Array | undefined;
}

/** Reads `groups` (integer >= 1). */
export function readGroups(fn: string, groups: number | undefined): number {
  const g = groups ?? 1;
  if (!Number.isInteger(g) || g < 1) throw new ConfigError(`${fn}: groups must be an integer >= 1, got ${groups}`);
  return g;
}

/** Reads an optional per-channel vector of length `len` as a Float32Array. */
export function readBias(fn: string, bias: ArrayLike<number> | undefined, len: number): Float32Array | undefined {
  if (bias === undefined) return undefined;
  if (bias.length !== len) throw new ShapeError(`${fn}: bias must have length Cout = ${len}, got ${bias.length}`);
  return bias instanceof Float32Array ? bias : Float32Array.from(bias);
}

/**
 * Checks input `[N, Cin, H, W]`, weight `[Cout, Cin / groups, kh, kw]`,
 * groups and bias of a forward convolution and resolves its geometry.
 */
export function checkConvArgs(fn: string, input: Tensor, weight: Tensor, options: Conv2dOptions): ConvArgs {
  const [n, cin, h, w] = expectRank(input, 4, `${fn}: input`);
  const [cout, wCin, kh, kw] = expectRank(weight, 4, `${fn}: weight`);
  const groups = readGroups(fn, options.groups);
  if (cin % groups !== 0 || cout % groups !== 0) {
    throw new ShapeError(`${fn}: groups must divide input channels ${cin} and output channels ${cout}, got groups ${groups}`);
  }
  if (wCin !== cin / groups) {
    throw new ShapeError(
      `${fn}: weight must have shape [Cout, Cin / groups = ${cin / groups}, kh, kw], got [${weight.shape.join(', ')}] (input channels ${cin})`,
    );
  }
  if (kh === 0 || kw === 0) throw new ShapeError(`${fn}: weight kernel must be at least 1x1, got ${kh}x${kw}`);
  const geo = convGeometry(fn, h, w, kh, kw, options.stride, options.padding, options.dilation);
  const bias = readBias(fn, options.bias, cout);
  return { n, cin, cout, groups, cinG: cin / groups, coutG: cout / groups, geo, bias };
}

let scratch = new Float32Array(0);

/**
 * A module-level float32 work buffer of at least `len` elements (contents
 * undefined). Reused so that a conv per layer per frame does not allocate
 * and zero megabytes; valid until the next call.
 */
export function scratchBuffer(len: number): Float32Array {
  if (scratch.length < len) scratch = new Float32Array(len);
  return scratch;
}
