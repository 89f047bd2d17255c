/**
 * Groups a NanoDet graph's raw outputs into pyramid levels. The model has two
 * outputs per level (packages/detector/models/nanodet/README.md): class scores `[1, N, C]`
 * (already sigmoid) and box distributions `[1, N, 4 * (regMax + 1)]`, with
 * N = grid * grid cells of a square input; output names carry no meaning, so
 * the levels are recognised by shape.
 */
import { ShapeError } from '@mot/core';

/** One pyramid level's head outputs. */
export interface NanoDetLevel {
  /** Input px per cell (8, 16, 32 for NanoDet at 416). */
  readonly stride: number;
  /** Cells per row (= per column). */
  readonly grid: number;
  /** Class scores after sigmoid, row-major `[grid * grid, numClasses]`; row i is cell (i % grid, floor(i / grid)). */
  readonly scores: Float32Array;
  /** Side distributions, row-major `[grid * grid, 4 * (regMax + 1)]`, side-major (left, top, right, bottom). */
  readonly distributions: Float32Array;
  /** Largest bin index (10 for NanoDet-g). */
  readonly regMax: number;
}

/** A raw output: its shape and data (a @mot/cnn Tensor, or an onnxruntime tensor's dims and data). */
export interface RawOutput {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/**
 * Sorts raw outputs into levels, finest first.
 *
 * @param outputs the graph outputs by name (extra outputs, e.g. feature maps of rank 4, are ignored)
 * @param numClasses class count C (80 for COCO): an output `[1, N, C]` holds scores, `[1, N, 4k]` (4k != C) distributions
 * @param inputSize the square input side, px (stride = inputSize / grid)
 * @returns one entry per level, ascending stride
 * @throws ShapeError when the outputs do not pair up into square levels
 * @example
 * // NanoDet at 416: strides [8, 16, 32], grids [52, 26, 13], regMax 10
 * nanodetLevels(session.run({ input_1: input }), 80, 416).map((l) => l.stride);
 */
export function nanodetLevels(outputs: Readonly<Record<string, RawOutput>>, numClasses: number, inputSize: number): NanoDetLevel[] {
  const fn = 'nanodetLevels';
  const byCells = new Map<number, { scores?: Float32Array; dist?: Float32Array; channels?: number }>();
  for (const [name, t] of Object.entries(outputs)) {
    if (t.shape.length !== 3) continue;
    const [b, n, c] = t.shape;
    if (b !== 1 || t.data.length !== n * c) throw new ShapeError(`${fn}: output '${name}' must be [1, N, C] with N * C values, got [${t.shape.join(', ')}]`);
    const e = byCells.get(n) ?? {};
    if (c === numClasses) e.scores = t.data;
    else if (c % 4 === 0 && c >= 8) {
      e.dist = t.data;
      e.channels = c;
    } else throw new ShapeError(`${fn}: output '${name}' must have ${numClasses} (scores) or 4 * (regMax + 1) (distribution) channels, got ${c}`);
    byCells.set(n, e);
  }
  const levels: NanoDetLevel[] = [];
  for (const [n, e] of byCells) {
    const grid = Math.round(Math.sqrt(n));
    if (e.scores === undefined || e.dist === undefined || grid * grid !== n || inputSize % grid !== 0) {
      throw new ShapeError(
        `${fn}: outputs must pair up as [1, N, ${numClasses}] scores and [1, N, 4 * (regMax + 1)] distributions over a square grid dividing ${inputSize}, got N = ${n} with ${e.scores ? 'scores' : 'no scores'} and ${e.dist ? 'distributions' : 'no distributions'}`,
      );
    }
    levels.push({ stride: inputSize / grid, grid, scores: e.scores, distributions: e.dist, regMax: (e.channels as number) / 4 - 1 });
  }
  if (levels.length === 0) throw new ShapeError(`${fn}: outputs must include [1, N, C] head outputs, got none of rank 3`);
  return levels.sort((a, b) => a.stride - b.stride);
}
