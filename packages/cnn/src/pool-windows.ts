import type { PoolGeometry } from './pool-padding.js';

/**
 * Input rows/columns covered by each output row/column of a pooling, clipped
 * to the input: window `o` spans `[start[o], end[o])`. `full[o]` is the window
 * length clipped to input + bottom/right padding instead, which is PyTorch's
 * divisor for average pooling with padding counted (a ceil-mode overhang past
 * the padding is not counted). Internal to the pooling kernels.
 */
export interface PoolWindows {
  rowStart: Int32Array;
  rowEnd: Int32Array;
  rowFull: Int32Array;
  colStart: Int32Array;
  colEnd: Int32Array;
  colFull: Int32Array;
}

function axis(out: number, inSize: number, k: number, s: number, padBefore: number, padAfter: number) {
  const start = new Int32Array(out);
  const end = new Int32Array(out);
  const full = new Int32Array(out);
  for (let o = 0; o < out; o++) {
    const a = o * s - padBefore;
    const b = a + k;
    start[o] = Math.max(a, 0);
    end[o] = Math.min(b, inSize);
    full[o] = Math.min(b, inSize + padAfter) - a;
  }
  return [start, end, full] as const;
}

/** Precomputes the clipped windows of `g` (kept out of the inner loops). */
export function poolWindows(g: PoolGeometry): PoolWindows {
  const [rowStart, rowEnd, rowFull] = axis(g.outH, g.inH, g.kh, g.sh, g.padTop, g.padBottom);
  const [colStart, colEnd, colFull] = axis(g.outW, g.inW, g.kw, g.sw, g.padLeft, g.padRight);
  return { rowStart, rowEnd, rowFull, colStart, colEnd, colFull };
}
