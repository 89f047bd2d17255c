import { ConfigError, ShapeError } from '@mot/core';
import { col2imImpl } from './col2im.js';
import { readBias, readGroups, scratchBuffer } from './conv-args.js';
import { type ConvGeometry, type ConvPadding, intPair, resolveConvPadding } from './conv-padding.js';
import { gemmImpl } from './gemm.js';
import { type Tensor, expectRank, tensor } from './tensor.js';

/** Options of {@link conv2dTranspose}. */
export interface Conv2dTransposeOptions {
  /** Added to output channel o (length Cout). */
  bias?: ArrayLike<number>;
  /** `s` or `[sh, sw]`, px of output per input pixel; default 1. */
  stride?: number | readonly [number, number];
  /**
   * Padding of the equivalent forward convolution (rows/columns cropped from
   * the full transposed output), as PyTorch's `padding`; default `'valid'`.
   * `'same'` gives an output of exactly `H * sh x W * sw` with TensorFlow's
   * SAME split (tf.conv2dTranspose with that output shape).
   */
  padding?: ConvPadding;
  /** Extra rows/columns at the bottom/right, `p` or `[ph, pw]`, each < stride or < dilation; default 0. */
  outputPadding?: number | readonly [number, number];
  /** `d` or `[dh, dw]`, px between kernel taps; default 1. */
  dilation?: number | readonly [number, number];
  /** Channel groups; default 1. */
  groups?: number;
}

/**
 * Transposed 2-D convolution ("deconvolution"), the adjoint of {@link conv2d}
 * with the same weight: every input pixel scatters weight-scaled copies of
 * the kernel into the output, stride px apart. Computed per image and group
 * as columns = weightᵀ · input (GEMM) followed by col2im.
 *
 * Weight layout is PyTorch's `ConvTranspose2d.weight`: `[Cin, Cout / groups, kh, kw]`
 * (tfjs's conv2dTranspose filter `[kh, kw, Cout, Cin]` is its permutation (2, 3, 1, 0)).
 *
 * @param input `[N, Cin, H, W]`
 * @param weight `[Cin, Cout / groups, kh, kw]`
 * @returns `[N, Cout, Ho, Wo]`, Ho = (H - 1) * sh - padTop - padBottom + (kh - 1) * dh + 1 + outputPadding
 *   (`'same'`: Ho = H * sh)
 * @throws ShapeError on a wrong rank, weight dimension 0 not Cin, groups not dividing Cin,
 *   a bias not of length Cout, or an empty output
 * @throws ConfigError on a malformed stride, padding, outputPadding, dilation or groups
 * @example
 * // each pixel of [1 2; 3 4] becomes a 2x2 block (stride 2, all-ones 2x2 kernel)
 * conv2dTranspose(tensor([1, 1, 2, 2], [1, 2, 3, 4]), tensor([1, 1, 2, 2], [1, 1, 1, 1]), { stride: 2 }).shape; // [1, 1, 4, 4]
 */
export function conv2dTranspose(input: Tensor, weight: Tensor, options: Conv2dTransposeOptions = {}): Tensor {
  const fn = 'conv2dTranspose';
  const [n, cin, h, w] = expectRank(input, 4, `${fn}: input`);
  const [wCin, coutG, kh, kw] = expectRank(weight, 4, `${fn}: weight`);
  const groups = readGroups(fn, options.groups);
  if (wCin !== cin) {
    throw new ShapeError(`${fn}: weight must have shape [Cin = ${cin}, Cout / groups, kh, kw], got [${weight.shape.join(', ')}]`);
  }
  if (cin % groups !== 0) throw new ShapeError(`${fn}: groups must divide input channels ${cin}, got groups ${groups}`);
  if (kh === 0 || kw === 0 || coutG === 0) {
    throw new ShapeError(`${fn}: weight must have non-zero Cout / groups, kh and kw, got [${weight.shape.join(', ')}]`);
  }
  const geo = transposeGeometry(fn, h, w, kh, kw, options);
  const cout = coutG * groups;
  const bias = readBias(fn, options.bias, cout);
  const cinG = cin / groups;
  const rows = coutG * kh * kw;
  const plane = h * w;
  const outPlane = geo.inH * geo.inW;
  // weightᵀ per group: [Cout/g * kh * kw, Cin/g], so that columns = weightᵀ · input.
  const wT = new Float32Array(groups * rows * cinG);
  for (let g = 0; g < groups; g++) {
    for (let c = 0; c < cinG; c++) {
      const src = (g * cinG + c) * rows;
      for (let r = 0; r < rows; r++) wT[(g * rows + r) * cinG + c] = weight.data[src + r];
    }
  }
  const out = tensor([n, cout, geo.inH, geo.inW]);
  const col = scratchBuffer(rows * plane);
  for (let b = 0; b < n; b++) {
    for (let g = 0; g < groups; g++) {
      const inOff = (b * cin + g * cinG) * plane;
      gemmImpl(rows, plane, cinG, wT.subarray(g * rows * cinG), input.data.subarray(inOff, inOff + cinG * plane), col, undefined, false);
      col2imImpl(col, 0, coutG, geo, out.data, (b * cout + g * coutG) * outPlane);
    }
    if (bias !== undefined) {
      for (let o = 0; o < cout; o++) {
        const base = (b * cout + o) * outPlane;
        for (let i = base; i < base + outPlane; i++) out.data[i] += bias[o];
      }
    }
  }
  return out;
}

/**
 * Geometry of the forward convolution that this transposed convolution is
 * the adjoint of: its input is our output (`inH x inW`), its output our input.
 */
function transposeGeometry(fn: string, h: number, w: number, kh: number, kw: number, options: Conv2dTransposeOptions): ConvGeometry {
  const [sh, sw] = intPair(fn, 'stride', options.stride, 1, 1);
  const [dh, dw] = intPair(fn, 'dilation', options.dilation, 1, 1);
  const [oph, opw] = intPair(fn, 'outputPadding', options.outputPadding, 0, 0);
  if ((oph >= sh && oph >= dh) || (opw >= sw && opw >= dw)) {
    throw new ConfigError(
      `${fn}: outputPadding must be smaller than stride or dilation, got outputPadding [${oph}, ${opw}], stride [${sh}, ${sw}], dilation [${dh}, ${dw}]`,
    );
  }
  const fullH = (h - 1) * sh + (kh - 1) * dh + 1;
  const fullW = (w - 1) * sw + (kw - 1) * dw + 1;
  let padTop: number, padBottom: number, padLeft: number, padRight: number, outH: number, outW: number;
  if (options.padding === 'same') {
    // SAME of the forward conv on an (H * sh)-sized input; when the kernel is
    // shorter than the stride the last rows get no contribution (negative crop).
    outH = h * sh + oph;
    outW = w * sw + opw;
    padTop = Math.floor(Math.max(fullH - h * sh, 0) / 2);
    padLeft = Math.floor(Math.max(fullW - w * sw, 0) / 2);
    padBottom = fullH - padTop - outH;
    padRight = fullW - padLeft - outW;
  } else {
    [padTop, padBottom, padLeft, padRight] = resolveConvPadding(fn, options.padding, 0, 0, kh, kw, sh, sw, dh, dw);
    outH = fullH - padTop - padBottom + oph;
    outW = fullW - padLeft - padRight + opw;
  }
  if (outH <= 0 || outW <= 0) {
    throw new ShapeError(
      `${fn}: output must be at least 1x1, got ${outH}x${outW} (input ${h}x${w}, padding [${padTop}, ${padBottom}, ${padLeft}, ${padRight}])`,
    );
  }
  return { inH: outH, inW: outW, kh, kw, sh, sw, dh, dw, padTop, padBottom, padLeft, padRight, outH: h, outW: w };
}
