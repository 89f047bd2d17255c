import { type Conv2dOptions, checkConvArgs, scratchBuffer } from './conv-args.js';
import type { ConvGeometry } from './conv-padding.js';
import { gemmImpl } from './gemm.js';
import { im2colImpl } from './im2col.js';
import { type Tensor, tensor } from './tensor.js';

/**
 * 2-D convolution (cross-correlation, as in every CNN framework) of an NCHW
 * batch: out[n, o, y, x] = bias[o] + sum over c in o's group, i, j of
 * weight[o, c, i, j] * input[n, c, y * sh - padTop + i * dh, x * sw - padLeft + j * dw]
 * (zero outside the input).
 *
 * Computed per image and group as GEMM(weight `[Cout/g, Cin/g*kh*kw]`,
 * im2col columns `[Cin/g*kh*kw, Ho*Wo]`), the output landing in NCHW order
 * directly; a 1x1 kernel with stride 1 and no padding multiplies the input
 * planes without im2col; depthwise (`groups = Cin`) runs a direct loop.
 *
 * @param input `[N, Cin, H, W]`
 * @param weight `[Cout, Cin / groups, kh, kw]` (PyTorch layout)
 * @param options bias (length Cout), stride, padding (`'same'` is TensorFlow's), dilation, groups
 * @returns `[N, Cout, Ho, Wo]`, Ho = floor((H + padTop + padBottom - (kh - 1) * dh - 1) / sh) + 1 (same for W)
 * @throws ShapeError on a wrong rank, weight channels not Cin / groups, groups not dividing Cin or Cout,
 *   a bias not of length Cout, or an empty output
 * @throws ConfigError on a malformed stride, padding, dilation or groups
 * @example
 * // 3x3 input 1..9, 2x2 all-ones kernel, valid: sums of each 2x2 window
 * const y = conv2d(tensor([1, 1, 3, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9]), tensor([1, 1, 2, 2], [1, 1, 1, 1]));
 * // y.shape = [1, 1, 2, 2], y.data = [12, 16, 24, 28]
 */
export function conv2d(input: Tensor, weight: Tensor, options: Conv2dOptions = {}): Tensor {
  const { n, cin, cout, groups, cinG, coutG, geo, bias } = checkConvArgs('conv2d', input, weight, options);
  const { inH, inW, kh, kw, outH, outW } = geo;
  const out = tensor([n, cout, outH, outW]);
  const plane = inH * inW;
  const l = outH * outW;
  if (groups === cin && cinG === 1 && coutG <= 4) {
    depthwiseImpl(input.data, weight.data, bias, out.data, n, cin, coutG, geo);
    return out;
  }
  const kG = cinG * kh * kw;
  const direct =
    kh === 1 && kw === 1 && geo.sh === 1 && geo.sw === 1 &&
    geo.padTop === 0 && geo.padBottom === 0 && geo.padLeft === 0 && geo.padRight === 0;
  const col = direct ? undefined : scratchBuffer(kG * l);
  for (let b = 0; b < n; b++) {
    for (let g = 0; g < groups; g++) {
      const inOff = (b * cin + g * cinG) * plane;
      let rhs: Float32Array;
      if (col === undefined) {
        rhs = input.data.subarray(inOff, inOff + cinG * plane);
      } else {
        im2colImpl(input.data, inOff, cinG, geo, col, 0);
        rhs = col;
      }
      const outOff = (b * cout + g * coutG) * l;
      gemmImpl(
        coutG, l, kG,
        weight.data.subarray(g * coutG * kG, (g + 1) * coutG * kG),
        rhs,
        out.data.subarray(outOff, outOff + coutG * l),
        bias?.subarray(g * coutG, (g + 1) * coutG),
        false,
      );
    }
  }
  return out;
}

/**
 * Depthwise convolution, one input channel per group and `mult` outputs per
 * channel (output channel c * mult + m reads input channel c). Tap-major: each
 * kernel tap adds a shifted, scaled copy of the input plane to a float64
 * accumulator plane, so the inner loop is a contiguous multiply-add.
 */
function depthwiseImpl(
  x: Float32Array,
  w: Float32Array,
  bias: Float32Array | undefined,
  y: Float32Array,
  n: number,
  cin: number,
  mult: number,
  geo: ConvGeometry,
): void {
  const { inH, inW, kh, kw, sh, sw, dh, dw, padTop, padLeft, outH, outW } = geo;
  const plane = inH * inW;
  const l = outH * outW;
  const acc = new Float64Array(l);
  for (let b = 0; b < n; b++) {
    for (let c = 0; c < cin; c++) {
      const src = (b * cin + c) * plane;
      for (let m = 0; m < mult; m++) {
        const o = c * mult + m;
        acc.fill(bias === undefined ? 0 : bias[o]);
        for (let i = 0; i < kh; i++) {
          for (let j = 0; j < kw; j++) {
            const wv = w[(o * kh + i) * kw + j];
            const xOff = j * dw - padLeft;
            const oxLo = Math.min(outW, Math.max(0, Math.ceil(-xOff / sw)));
            const oxHi = Math.max(oxLo, Math.min(outW, Math.floor((inW - 1 - xOff) / sw) + 1));
            for (let oy = 0; oy < outH; oy++) {
              const iy = oy * sh - padTop + i * dh;
              if (iy < 0 || iy >= inH) continue;
              const s = src + iy * inW + xOff;
              const d = oy * outW;
              for (let ox = oxLo, si = s + oxLo * sw; ox < oxHi; ox++, si += sw) acc[d + ox] += wv * x[si];
            }
          }
        }
        y.set(acc, (b * cin * mult + o) * l);
      }
    }
  }
}
