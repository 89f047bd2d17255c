import { ConfigError, ShapeError } from '@mot/core';
import { type Conv2dOptions, checkConvArgs, scratchBuffer } from './conv-args.js';
import type { ConvGeometry } from './conv-padding.js';
import { gemmImpl } from './gemm.js';
import { type Tensor, expectRank, tensor } from './tensor.js';

/** Options of {@link deformConv2d}: those of conv2d plus the modulation mask and deformable groups. */
export interface DeformConv2dOptions extends Conv2dOptions {
  /**
   * DCNv2 modulation `[N, deformableGroups * kh * kw, Ho, Wo]`: each sampled
   * value is multiplied by it (channel `g * kh * kw + i * kw + j`). Omitted: v1 (all ones).
   */
  mask?: Tensor;
  /** Input channels split into this many groups, each with its own offsets (and mask); default 1. */
  deformableGroups?: number;
}

/**
 * Deformable convolution v1 (Dai et al. 2017) and v2 with modulation (Zhu et
 * al. 2019), laid out as torchvision.ops.deform_conv2d: kernel tap (i, j) of
 * output (y, x) reads the input at
 * (y * sh - padTop + i * dh + Δy, x * sw - padLeft + j * dw + Δx)
 * by bilinear interpolation, pixels outside the input counting as 0, scales it
 * by the mask, and the taps are combined with the weight as in conv2d
 * (deformable im2col followed by GEMM).
 *
 * @param input `[N, Cin, H, W]`
 * @param offset `[N, 2 * deformableGroups * kh * kw, Ho, Wo]`, px: channel
 *   `2 * (g * kh * kw + i * kw + j)` is Δy and the next one Δx of tap (i, j) for
 *   input channels of deformable group g
 * @param weight `[Cout, Cin / groups, kh, kw]`
 * @param options bias, stride, padding, dilation, groups as in conv2d; mask, deformableGroups
 * @returns `[N, Cout, Ho, Wo]` (Ho, Wo as conv2d's)
 * @throws ShapeError on conv2d's shape errors, an offset or mask of the wrong shape,
 *   or deformableGroups not dividing Cin
 * @throws ConfigError on conv2d's option errors or a deformableGroups that is not an integer >= 1
 * @example
 * // a 1x1 kernel sampling half a pixel right and down averages the 2x2 block: 2.5
 * const x = tensor([1, 1, 2, 2], [1, 2, 3, 4]);
 * const off = tensor([1, 2, 2, 2], new Float32Array(8).fill(0.5));
 * deformConv2d(x, off, tensor([1, 1, 1, 1], [1])).data[0]; // 2.5
 */
export function deformConv2d(input: Tensor, offset: Tensor, weight: Tensor, options: DeformConv2dOptions = {}): Tensor {
  const fn = 'deformConv2d';
  const { n, cin, cout, groups, cinG, coutG, geo, bias } = checkConvArgs(fn, input, weight, options);
  const dg = options.deformableGroups ?? 1;
  if (!Number.isInteger(dg) || dg < 1) throw new ConfigError(`${fn}: deformableGroups must be an integer >= 1, got ${dg}`);
  if (cin % dg !== 0) throw new ShapeError(`${fn}: deformableGroups must divide input channels ${cin}, got ${dg}`);
  const { kh, kw, outH, outW } = geo;
  const taps = kh * kw;
  const l = outH * outW;
  const offShape = [n, 2 * dg * taps, outH, outW];
  expectRank(offset, 4, `${fn}: offset`);
  if (offset.shape.some((d, i) => d !== offShape[i])) {
    throw new ShapeError(`${fn}: offset must have shape [N, 2*dg*kh*kw, Ho, Wo] = [${offShape.join(', ')}], got [${offset.shape.join(', ')}]`);
  }
  const mask = options.mask;
  if (mask !== undefined) {
    const maskShape = [n, dg * taps, outH, outW];
    expectRank(mask, 4, `${fn}: mask`);
    if (mask.shape.some((d, i) => d !== maskShape[i])) {
      throw new ShapeError(`${fn}: mask must have shape [N, dg*kh*kw, Ho, Wo] = [${maskShape.join(', ')}], got [${mask.shape.join(', ')}]`);
    }
  }
  const out = tensor([n, cout, outH, outW]);
  const kG = cinG * taps;
  const col = scratchBuffer(cin * taps * l);
  for (let b = 0; b < n; b++) {
    deformIm2col(input.data, b * cin * geo.inH * geo.inW, cin, cin / dg, geo, offset.data, b * 2 * dg * taps * l, mask?.data, b * dg * taps * l, col);
    for (let g = 0; g < groups; g++) {
      const outOff = (b * cout + g * coutG) * l;
      gemmImpl(
        coutG, l, kG,
        weight.data.subarray(g * coutG * kG, (g + 1) * coutG * kG),
        col.subarray(g * kG * l, (g + 1) * kG * l),
        out.data.subarray(outOff, outOff + coutG * l),
        bias?.subarray(g * coutG, (g + 1) * coutG),
        false,
      );
    }
  }
  return out;
}

/**
 * Writes the `[Cin * kh * kw, Ho * Wo]` columns of one image: the bilinear
 * sample at each tap's offset position, times the mask when given.
 */
function deformIm2col(
  x: Float32Array,
  xOff: number,
  cin: number,
  chPerDg: number,
  geo: ConvGeometry,
  off: Float32Array,
  offBase: number,
  mask: Float32Array | undefined,
  maskBase: number,
  col: Float32Array,
): void {
  const { inH, inW, kh, kw, sh, sw, dh, dw, padTop, padLeft, outH, outW } = geo;
  const plane = inH * inW;
  const taps = kh * kw;
  const l = outH * outW;
  let d = 0;
  for (let c = 0; c < cin; c++) {
    const g = Math.floor(c / chPerDg);
    const src = xOff + c * plane;
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) {
        const tap = g * taps + i * kw + j;
        const oy0 = offBase + 2 * tap * l;
        const ox0 = oy0 + l;
        const m0 = maskBase + tap * l;
        for (let oy = 0; oy < outH; oy++) {
          const yBase = oy * sh - padTop + i * dh;
          for (let ox = 0; ox < outW; ox++, d++) {
            const q = oy * outW + ox;
            const y = yBase + off[oy0 + q];
            const xx = ox * sw - padLeft + j * dw + off[ox0 + q];
            let v = 0;
            // One pixel or more outside, all four corners are padding (0); nearer, only the corners that exist count.
            if (y > -1 && y < inH && xx > -1 && xx < inW) {
              const y0 = Math.floor(y);
              const x0 = Math.floor(xx);
              const fy = y - y0;
              const fx = xx - x0;
              const top = y0 >= 0;
              const bottom = y0 + 1 < inH;
              const left = x0 >= 0;
              const right = x0 + 1 < inW;
              const p = src + y0 * inW + x0;
              if (top && left) v += (1 - fy) * (1 - fx) * x[p];
              if (top && right) v += (1 - fy) * fx * x[p + 1];
              if (bottom && left) v += fy * (1 - fx) * x[p + inW];
              if (bottom && right) v += fy * fx * x[p + inW + 1];
            }
            col[d] = mask === undefined ? v : v * mask[m0 + q];
          }
        }
      }
    }
  }
}
