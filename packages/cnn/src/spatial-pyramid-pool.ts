import { ConfigError, ShapeError } from '@mot/core';
import { type Tensor, expectRank, tensor } from './tensor.js';

/**
 * Spatial pyramid pooling (He et al., SPP-net, 2014): for each level l, max
 * pooling into an l x l grid of bins, flattened per sample in (C, l, l)
 * order, and the levels concatenated, so any H x W gives a fixed-length
 * vector. Bin i of n along an axis of size S covers [floor(i * S / n),
 * ceil((i + 1) * S / n)) (PyTorch's adaptive max pooling), which never leaves
 * a bin empty when S >= 1; SPP-net's own window = ceil(S / n), stride = floor(S / n)
 * layout differs from it when n does not divide S.
 *
 * @param x input `[N, C, H, W]`, H, W >= 1
 * @param levels bins per side for each level; default `[1, 2, 4]`
 * @returns `[N, C * sum(l * l)]`
 * @throws ShapeError when `x` is not rank 4 or has an empty plane
 * @throws ConfigError when `levels` is empty or holds a non-positive integer
 * @example
 * spatialPyramidPool(tensor([1, 1, 2, 2], [1, 2, 3, 4]), [1, 2]).data; // [4, 1, 2, 3, 4]
 */
export function spatialPyramidPool(x: Tensor, levels: readonly number[] = [1, 2, 4]): Tensor {
  const [n, c, h, w] = expectRank(x, 4, 'spatialPyramidPool: input');
  if (h === 0 || w === 0) throw new ShapeError(`spatialPyramidPool: input planes must be non-empty, got [${x.shape.join(', ')}]`);
  if (!Array.isArray(levels) || levels.length === 0 || !levels.every((l) => Number.isInteger(l) && l > 0)) {
    throw new ConfigError(`spatialPyramidPool: levels must be a non-empty list of positive integers, got ${JSON.stringify(levels)}`);
  }
  const perSample = c * levels.reduce((s, l) => s + l * l, 0);
  const out = new Float32Array(n * perSample);
  const src = x.data;
  for (let b = 0; b < n; b++) {
    let o = b * perSample;
    for (const l of levels) {
      for (let ch = 0; ch < c; ch++) {
        const plane = (b * c + ch) * h * w;
        for (let i = 0; i < l; i++) {
          const ys = Math.floor((i * h) / l);
          const ye = Math.ceil(((i + 1) * h) / l);
          for (let j = 0; j < l; j++) {
            const xs = Math.floor((j * w) / l);
            const xe = Math.ceil(((j + 1) * w) / l);
            let m = -Infinity;
            for (let y = ys; y < ye; y++) {
              for (let xx = xs; xx < xe; xx++) if (src[plane + y * w + xx] > m) m = src[plane + y * w + xx];
            }
            out[o++] = m;
          }
        }
      }
    }
  }
  return tensor([n, perSample], out);
}
