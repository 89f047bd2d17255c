import { ConfigError, ShapeError } from '@mot/core';
import { type ActivationKind, applyActivationInPlace } from './activations.js';
import { type Conv2dOptions, checkConvArgs } from './conv-args.js';
import type { ConvGeometry } from './conv-padding.js';
import { conv2d } from './conv2d.js';
import { type Tensor, expectRank, tensor } from './tensor.js';
import { packRowsA, padRows, winogradWeightsF2, winogradWeightsF4 } from './wasm/pack-weights.js';
import { KC, MR, NR, type WasmKernels, defaultWasmKernels, wasmSimdSupported } from './wasm/wasm-kernels.js';

/**
 * How a prepared convolution runs:
 * - `'js'`: {@link conv2d} (im2col + blocked GEMM in TypeScript, float64 accumulation); works everywhere.
 * - `'gemm'`: im2col into packed panels + the WebAssembly SIMD GEMM micro-kernel (float32 accumulation).
 * - `'winograd'`: Winograd F(2x2, 3x3) in WebAssembly: 3x3, stride 1, dilation 1, one group only.
 * - `'winograd4'`: Winograd F(4x4, 3x3) (4x fewer multiplications than direct, larger rounding error), same conditions.
 */
export type ConvPath = 'js' | 'gemm' | 'winograd' | 'winograd4';

/** Options of {@link prepareConv2d}. */
export interface PrepareConv2dOptions extends Conv2dOptions {
  /** Applied to the output (fused into the kernel for relu and leakyRelu with 0 <= alpha <= 1); default 'linear'. */
  activation?: ActivationKind;
  /** Slope of leakyRelu. */
  alpha?: number;
  /** Force a path; default 'auto' (see {@link choosePath}). */
  path?: ConvPath | 'auto';
  /** The WebAssembly instance to run on (default: this thread's). */
  kernels?: WasmKernels;
}

/**
 * The path 'auto' picks for a convolution, by measurement on NanoDet's convs
 * (packages/cnn/README.md): Winograd F(4x4,3x3) (faster than F(2x2,3x3) on
 * 12 of NanoDet's 13 distinct 3x3 stride-1 shapes, network outputs still within
 * 3e-6 of onnxruntime's scale) for 3x3 stride-1 undilated single-group convs with at
 * least 8 input and output channels; the wasm GEMM
 * for every other single-group conv; the TypeScript path for grouped and
 * depthwise convs, or when WebAssembly SIMD is missing.
 */
export function choosePath(cin: number, cout: number, kh: number, kw: number, groups: number, geo: Pick<ConvGeometry, 'sh' | 'sw' | 'dh' | 'dw'>): ConvPath {
  if (groups !== 1 || !wasmSimdSupported()) return 'js';
  if (winogradApplies(kh, kw, groups, geo) && cin >= 8 && cout >= 8) return 'winograd4';
  return 'gemm';
}

function winogradApplies(kh: number, kw: number, groups: number, geo: Pick<ConvGeometry, 'sh' | 'sw' | 'dh' | 'dw'>): boolean {
  return kh === 3 && kw === 3 && groups === 1 && geo.sh === 1 && geo.sw === 1 && geo.dh === 1 && geo.dw === 1;
}

/**
 * Bytes of Winograd V and M per block of tiles (at least 4 panels of 8 tiles,
 * so that each GEMM call still sweeps a few panels per pass over the weights):
 * under a 512 KiB L2 with room for the weights' stream. On the loaded
 * 2-core machine, CPU ms of 32->32 at 104x104 went 5.4-7.6 -> 4.6-6.1 and
 * 64->64 at 52x52 3.8-5.6 -> 3.7-4.1; 128-channel shapes within the noise.
 */
export const WINO_BLOCK_BYTES = 384 * 1024;

/**
 * Bytes of packed im2col columns per block of the GEMM path, for a B larger
 * than GEMM_UNBLOCKED_BYTES. Noisy CPU ms on the loaded machine: 64->64 3x3
 * stride 2 at 104x104 (B 6.2 MB) 13.9-14.8 -> 12.6-13.9; 128 ch 1x1 at 52x52
 * (B 1.4 MB) got slower blocked (4.9-6.0 -> 6.5-6.7), hence the threshold.
 */
export const GEMM_BLOCK_BYTES = 256 * 1024;
export const GEMM_UNBLOCKED_BYTES = 2 * 1024 * 1024;

const ACT_CODE: Partial<Record<ActivationKind, number>> = { linear: 0, relu: 1, leakyRelu: 2 };

/**
 * A convolution with constant weights, bias and activation, prepared once
 * (weights packed for the chosen path, Winograd-transformed where it applies)
 * and run per frame: what a graph runtime does at session creation.
 */
export class PreparedConv2d {
  readonly path: ConvPath;
  readonly cout: number;
  readonly cin: number;
  private readonly weight: Tensor;
  private readonly options: Conv2dOptions;
  private readonly activation: ActivationKind;
  private readonly alpha: number;
  private readonly actCode: number;
  private readonly kernels: WasmKernels | undefined;
  private readonly packed: Float32Array | undefined;
  private readonly bias: Float32Array | undefined;
  private readonly zeros: Float32Array | undefined;

  /** Use {@link prepareConv2d}. */
  constructor(weight: Tensor, options: PrepareConv2dOptions, path: ConvPath) {
    const [cout, cinG, kh, kw] = weight.shape;
    this.weight = weight;
    this.cout = cout;
    this.cin = cinG * (options.groups ?? 1);
    this.path = path;
    const { activation = 'linear', alpha = 0.2, kernels: _k, path: _p, ...convOptions } = options;
    this.options = convOptions;
    this.activation = activation;
    this.alpha = alpha;
    const code = ACT_CODE[activation];
    this.actCode = code === undefined || (activation === 'leakyRelu' && !(alpha >= 0 && alpha <= 1)) ? -1 : code;
    if (path === 'js') return;
    this.kernels = options.kernels ?? defaultWasmKernels();
    this.bias = padRows(options.bias, cout);
    if (path === 'winograd' || path === 'winograd4') {
      this.packed = path === 'winograd' ? winogradWeightsF2(weight.data, cout, cinG) : winogradWeightsF4(weight.data, cout, cinG);
      this.zeros = padRows(undefined, cout);
    } else {
      this.packed = packRowsA(weight.data, cout, cinG * kh * kw);
    }
  }

  /**
   * Number of floats {@link run} writes for `input` (N * Cout * Ho * Wo), so
   * that a caller can hand it a recycled `out` array of that length.
   * @throws ShapeError as {@link run} does
   */
  outputLength(input: Tensor): number {
    const { n, geo } = checkConvArgs('conv2d', input, this.weight, this.options);
    return n * this.cout * geo.outH * geo.outW;
  }

  /**
   * Runs the convolution on an NCHW batch.
   * @param input `[N, Cin, H, W]`
   * @param options `out`: write into this array (e.g. a view of a SharedArrayBuffer that
   *   another thread fills with other channels) instead of a new one, length N*Cout*Ho*Wo;
   *   `channels`: compute only output channels [c0, c1) (c0 a multiple of 4), so that
   *   threads can split a conv by output channel
   * @returns `[N, Cout, Ho, Wo]`, bias and activation applied (with `channels`, only those are written)
   * @throws ShapeError as {@link conv2d} does, or for an `out` that is too short
   * @throws ConfigError for a channel range outside [0, Cout] or not starting at a multiple of 4
   */
  run(input: Tensor, options: { out?: Float32Array; channels?: readonly [number, number] } = {}): Tensor {
    const { n, geo } = checkConvArgs('conv2d', input, this.weight, this.options);
    const [c0, c1] = options.channels ?? [0, this.cout];
    if (!Number.isInteger(c0) || !Number.isInteger(c1) || c0 < 0 || c1 > this.cout || c0 >= c1 || c0 % MR !== 0) {
      throw new ConfigError(`PreparedConv2d.run: channels must be [c0, c1) with 0 <= c0 < c1 <= ${this.cout} and c0 a multiple of ${MR}, got [${options.channels?.join(', ')}]`);
    }
    const plane = geo.outH * geo.outW;
    const outSize = this.cout * plane;
    if (options.out !== undefined && options.out.length < n * outSize) {
      throw new ShapeError(`PreparedConv2d.run: out must have at least N*Cout*Ho*Wo = ${n * outSize} elements, got ${options.out.length}`);
    }
    const out = tensor([n, this.cout, geo.outH, geo.outW], options.out?.subarray(0, n * outSize));
    if (this.path === 'js') {
      const y = conv2d(input, this.weight, this.options);
      if (this.activation !== 'linear') applyActivationInPlace(y.data, this.activation, this.alpha);
      for (let b = 0; b < n; b++) out.data.set(y.data.subarray(b * outSize + c0 * plane, b * outSize + c1 * plane), b * outSize + c0 * plane);
      return out;
    }
    const inSize = this.cin * geo.inH * geo.inW;
    for (let b = 0; b < n; b++) {
      const x = input.data.subarray(b * inSize, (b + 1) * inSize);
      const y = out.data.subarray(b * outSize + c0 * plane, b * outSize + c1 * plane);
      if (this.path === 'winograd') this.runWinograd(x, y, geo, 2, c0, c1);
      else if (this.path === 'winograd4') this.runWinograd(x, y, geo, 4, c0, c1);
      else this.runGemm(x, y, geo, c0, c1);
      if (this.actCode < 0) applyActivationInPlace(y, this.activation, this.alpha);
    }
    return out;
  }

  /** Output channels [c0, c1) of one image into y (those channels' planes). */
  private runGemm(x: Float32Array, y: Float32Array, geo: ConvGeometry, c0: number, c1: number): void {
    const kr = this.kernels as WasmKernels;
    const ex = kr.exports;
    const { inH, inW, kh, kw, outH, outW } = geo;
    const k = this.cin * kh * kw;
    const nCols = outH * outW;
    const nPad = Math.ceil(nCols / NR) * NR;
    const rows = c1 - c0;
    const mb = Math.ceil(rows / MR);
    const aOff = kr.place(this.packed as Float32Array) + (c0 / MR) * k * MR * 4;
    const biasOff = kr.place(this.bias as Float32Array) + c0 * 4;
    // A packed B of several MB (im2col of a large map) goes to memory and
    // back: im2col + GEMM then run in blocks of panels whose B fits in
    // GEMM_BLOCK_BYTES (at least 4 panels), so B is reread from L2. Smaller
    // ones run in one block (blocking measured slower on 128 ch 1x1 at 52x52).
    const panels = nPad / NR;
    const perBlock =
      k * nPad * 4 <= GEMM_UNBLOCKED_BYTES ? panels : Math.max(Math.min(4, panels), Math.min(panels, Math.floor(GEMM_BLOCK_BYTES / (k * NR * 4))));
    // Input and output already in this instance's memory (the graph runtime
    // keeps feature maps there) are read and written in place; others are
    // copied in and out through scratch.
    const xIn = kr.owns(x);
    const yIn = kr.owns(y);
    // With whole MR-row blocks (every NanoDet conv: Cout a multiple of 4) the GEMM
    // writes its tiles straight into the NCHW output (row stride nCols); only a
    // last, partial panel of columns goes through a panel-layout C and is copied
    // out. Otherwise all of C is in panels, unpacked at the end. Writing in place
    // saves a pass over the output: 5.5 MB for NanoDet's first conv.
    const direct = rows % MR === 0;
    const full = direct ? Math.floor(nCols / NR) : 0;
    const cFloats = direct ? (full < panels ? mb * MR * NR : 0) : mb * MR * nPad;
    const [xScratch, bOff, cOff, yScratch] = kr.scratch(xIn ? 0 : x.length, k * perBlock * NR, cFloats, yIn ? 0 : rows * nCols);
    const xOff = xIn ? x.byteOffset : xScratch;
    const yOff = yIn ? y.byteOffset : yScratch;
    if (!xIn) kr.heap.set(x, xOff >> 2);
    const act = Math.max(this.actCode, 0);
    for (let jp0 = 0; jp0 < panels; jp0 += perBlock) {
      const np = Math.min(perBlock, panels - jp0);
      ex.im2col_pack(xOff, this.cin, inH, inW, kh, kw, geo.sh, geo.sw, geo.dh, geo.dw, geo.padTop, geo.padLeft, outH, outW, bOff, jp0, jp0 + np);
      if (!direct) {
        ex.gemm(aOff, bOff, cOff + jp0 * mb * MR * NR * 4, mb, np, k, biasOff, 0, act, this.alpha, KC, 0);
        continue;
      }
      const inside = Math.min(np, full - jp0);
      if (inside > 0) ex.gemm(aOff, bOff, yOff + jp0 * NR * 4, mb, inside, k, biasOff, 0, act, this.alpha, KC, nCols);
      if (inside < np) {
        // The partial panel (the block's last): into C, then its nCols - full*NR columns into y.
        ex.gemm(aOff, bOff + inside * k * NR * 4, cOff, mb, 1, k, biasOff, 0, act, this.alpha, KC, 0);
        ex.copy_planes(cOff, yOff + full * NR * 4, 1, rows, nCols - full * NR, 0, NR, 0, nCols);
      }
    }
    if (!direct) ex.unpack_panels(cOff, mb * MR, rows, nCols, yOff);
    if (!yIn) y.set(kr.heap.subarray(yOff >> 2, (yOff >> 2) + rows * nCols));
  }

  /** Winograd F(m x m, 3x3), m = 2 or 4: tiles of m x m outputs from (m+2) x (m+2) inputs, (m+2)^2 GEMMs. */
  private runWinograd(x: Float32Array, y: Float32Array, geo: ConvGeometry, m: 2 | 4, c0: number, c1: number): void {
    const kr = this.kernels as WasmKernels;
    const ex = kr.exports;
    const { inH, inW, outH, outW, padTop, padLeft } = geo;
    const cin = this.cin;
    // U_xi is packed for all Cout rows (stride coutAll); this call computes rows [c0, c1).
    const coutAll = Math.ceil(this.cout / MR) * MR;
    const cout = c1 - c0;
    const elems = (m + 2) * (m + 2);
    const th = Math.ceil(outH / m);
    const twp = Math.ceil(Math.ceil(outW / m) / 4) * 4;
    const hp = m * th + 2;
    // F(4x4) reads a fifth v128 per row: two floats past the last tile's six.
    const wp = m * twp + (m === 2 ? 2 : 4);
    const tiles = Math.ceil((th * twp) / NR) * NR;
    const coutPad = Math.ceil(cout / MR) * MR;
    const uOff = kr.place(this.packed as Float32Array) + c0 * cin * 4;
    const biasOff = kr.place(this.bias as Float32Array) + c0 * 4;
    const zeroOff = kr.place(this.zeros as Float32Array);
    const outPlane = m * th * m * twp;
    // F(4x4) runs in blocks of panels (NR tiles each) whose V and M fit in
    // WINO_BLOCK_BYTES together (transform, 36 GEMMs, untransform per block),
    // so they stay in L2; F(2x2) in one block.
    const panels = tiles / NR;
    const perBlock = m === 2 ? panels : Math.max(Math.min(4, panels), Math.min(panels, Math.floor(WINO_BLOCK_BYTES / (elems * (cin + coutPad) * NR * 4))));
    const vStride = oddLines(cin * perBlock * NR);
    const mStride = oddLines(coutPad * perBlock * NR);
    // In-place input and output as in runGemm.
    const xIn = kr.owns(x);
    const yIn = kr.owns(y);
    // tmpOff: the F(4x4) transforms' 36-v128 scratch tile.
    // oOff: F(2x2)'s padded output planes (cropped into y at the end); F(4x4)
    // writes y's layout itself, straight into y when it is in memory.
    const oFloats = m === 2 ? cout * outPlane : yIn ? 0 : cout * outH * outW;
    const [xScratch, xpOff, vOff, mOff, oOff, tmpOff] = kr.scratch(xIn ? 0 : x.length, cin * hp * wp, elems * vStride, elems * mStride, oFloats, 36 * 4);
    const xOff = xIn ? x.byteOffset : xScratch;
    const yOff = yIn ? y.byteOffset : oOff;
    const heap = kr.heap;
    if (!xIn) heap.set(x, xOff >> 2);
    const rows = Math.min(inH, hp - padTop);
    const cols = Math.min(inW, wp - padLeft);
    ex.pad_planes(xOff, xpOff, cin, rows, cols, inH * inW, inW, hp, wp, padTop, padLeft, 0);
    const mb = coutPad / MR;
    const act = Math.max(this.actCode, 0);
    for (let jp0 = 0; jp0 < panels; jp0 += perBlock) {
      const np = Math.min(perBlock, panels - jp0);
      if (m === 2) ex.wino_in(xpOff, cin, hp, wp, th, twp, vOff, vStride);
      else ex.wino4_in(xpOff, cin, hp, wp, th, twp, vOff, vStride, jp0, jp0 + np, tmpOff);
      for (let xi = 0; xi < elems; xi++) {
        ex.gemm(uOff + xi * coutAll * cin * 4, vOff + xi * vStride * 4, mOff + xi * mStride * 4, mb, np, cin, zeroOff, 0, 0, 0, KC, 0);
      }
      if (m === 2) ex.wino_out(mOff, cout, th, twp, coutPad, mStride, oOff, biasOff, act, this.alpha);
      else ex.wino4_out(mOff, cout, th, twp, coutPad, mStride, yOff, biasOff, act, this.alpha, jp0, jp0 + np, tmpOff, outH, outW);
    }
    // F(2x2): crop the tiles' padded planes to the output, straight into y when it is in memory.
    if (m === 2) ex.copy_planes(oOff, yOff, cout, outH, outW, outPlane, m * twp, outH * outW, outW);
    if (!yIn) y.set(kr.heap.subarray(oOff >> 2, (oOff >> 2) + cout * outH * outW));
  }
}

/**
 * A stride between the (m+2)^2 Winograd matrices, in floats: at least `floats`,
 * a whole number of 64-byte cache lines, and an odd number of them. The input
 * and output transforms touch all 36 (or 16) matrices at the same offset in
 * turn; with a stride that is a multiple of 4 KiB (cin * tiles often is, e.g.
 * 128 * 208 floats) those addresses all fall in one L1 set, which holds 8 lines,
 * so every access missed. An odd number of lines puts 64 consecutive matrices
 * in 64 different sets.
 */
export function oddLines(floats: number): number {
  const lines = Math.ceil(floats / 16);
  return (lines % 2 === 1 ? lines : lines + 1) * 16;
}

/**
 * Prepares a convolution with constant weights for repeated runs on inputs
 * of any spatial size: picks the path (or takes `options.path`), packs the
 * weights for it once.
 *
 * @param weight `[Cout, Cin / groups, kh, kw]`
 * @param options as {@link conv2d}'s, plus activation, path and the wasm instance
 * @returns a {@link PreparedConv2d}; `prepared.run(x)` equals `conv2d(x, weight, options)` then the activation
 * @throws ShapeError for a weight not of rank 4 or a bias not of length Cout
 * @throws ConfigError for a forced path that does not apply (winograd on a non-3x3-stride-1 conv, wasm on a grouped conv)
 * @example
 * const conv = prepareConv2d(tensor([1, 1, 2, 2], [1, 1, 1, 1]));
 * conv.run(tensor([1, 1, 3, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9])).data; // [12, 16, 24, 28]
 */
export function prepareConv2d(weight: Tensor, options: PrepareConv2dOptions = {}): PreparedConv2d {
  const [cout, cinG, kh, kw] = expectRank(weight, 4, 'prepareConv2d: weight');
  const groups = options.groups ?? 1;
  if (!Number.isInteger(groups) || groups < 1) throw new ConfigError(`prepareConv2d: groups must be an integer >= 1, got ${groups}`);
  if (options.bias !== undefined && options.bias.length !== cout) {
    throw new ShapeError(`prepareConv2d: bias must have length Cout = ${cout}, got ${options.bias.length}`);
  }
  // Stride and dilation only: the spatial size comes with each input.
  const pair = (v: number | readonly [number, number] | undefined): [number, number] => (v === undefined ? [1, 1] : typeof v === 'number' ? [v, v] : [v[0], v[1]]);
  const [sh, sw] = pair(options.stride);
  const [dh, dw] = pair(options.dilation);
  const geo = { sh, sw, dh, dw };
  const want = options.path ?? 'auto';
  if (want === 'auto') return new PreparedConv2d(weight, options, choosePath(cinG * groups, cout, kh, kw, groups, geo));
  if ((want === 'winograd' || want === 'winograd4') && !winogradApplies(kh, kw, groups, geo)) {
    throw new ConfigError(`prepareConv2d: path '${want}' needs a 3x3 kernel, stride 1, dilation 1 and one group, got ${kh}x${kw}, stride ${sh}x${sw}, dilation ${dh}x${dw}, groups ${groups}`);
  }
  if (want !== 'js' && groups !== 1) throw new ConfigError(`prepareConv2d: path '${want}' needs groups = 1, got ${groups}`);
  if (want !== 'js' && !wasmSimdSupported()) throw new ConfigError(`prepareConv2d: path '${want}' needs WebAssembly SIMD, which this runtime lacks`);
  return new PreparedConv2d(weight, options, want);
}
