import { ConfigError, ShapeError } from '@mot/core';
import { type Tensor, expectRank } from './tensor.js';

/**
 * Checks ROI-op arguments shared by `roiPool` and `roiAlign`: `x` is
 * `[N, C, H, W]`, `boxes` is `[K, 5]` rows of (batchIndex, x1, y1, x2, y2)
 * with an integer batch index in [0, N) and finite coordinates, and the
 * output size is positive. Returns the resolved dimensions. Internal.
 */
export function checkRoiArgs(
  fn: string,
  x: Tensor,
  boxes: Tensor,
  outputSize: number | readonly [number, number],
  spatialScale: number,
): { n: number; c: number; h: number; w: number; k: number; ph: number; pw: number } {
  const [n, c, h, w] = expectRank(x, 4, `${fn}: input`);
  const [k, five] = expectRank(boxes, 2, `${fn}: boxes`);
  if (five !== 5) throw new ShapeError(`${fn}: boxes must be [K, 5] (batchIndex, x1, y1, x2, y2), got [${boxes.shape.join(', ')}]`);
  const size: readonly number[] = typeof outputSize === 'number' ? [outputSize, outputSize] : outputSize;
  if (!Array.isArray(size) || size.length !== 2 || !size.every((d) => Number.isInteger(d) && d > 0)) {
    throw new ConfigError(`${fn}: outputSize must be a positive integer or [h, w] of them, got ${JSON.stringify(outputSize)}`);
  }
  if (typeof spatialScale !== 'number' || !Number.isFinite(spatialScale) || spatialScale <= 0) {
    throw new ConfigError(`${fn}: spatialScale must be a finite number > 0, got ${String(spatialScale)}`);
  }
  const b = boxes.data;
  for (let r = 0; r < k; r++) {
    const bi = b[r * 5];
    if (!Number.isInteger(bi) || bi < 0 || bi >= n) {
      throw new ShapeError(`${fn}: boxes[${r}] batch index must be an integer in [0, ${n}), got ${bi}`);
    }
    for (let j = 1; j < 5; j++) {
      if (!Number.isFinite(b[r * 5 + j])) {
        throw new ShapeError(`${fn}: boxes[${r}] coordinates must be finite, got [${Array.from(b.subarray(r * 5 + 1, r * 5 + 5)).join(', ')}]`);
      }
    }
  }
  return { n, c, h, w, k, ph: size[0], pw: size[1] };
}
