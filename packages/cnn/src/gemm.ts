import { ShapeError } from '@mot/core';

/** Options of {@link gemm}. */
export interface GemmOptions {
  /** Added to every element of row i of C (length M): the convolution bias per output channel. */
  bias?: ArrayLike<number>;
  /** When true, C += A * B (C's previous contents are kept); default false (C is overwritten). */
  accumulate?: boolean;
}

// Blocking, after Goto & van de Geijn, "Anatomy of high-performance matrix
// multiplication" (ACM TOMS 2008): a KC x NC panel of B and an MC x KC block
// of A are copied into contiguous, micro-panel-interleaved buffers so that
// the inner kernel streams both linearly, and the MR x NR block of C lives in
// local variables for a whole KC sweep. KC x NR x 8 bytes of packed B stays
// in L1, MC x KC of packed A in L2. Measured here on the NanoDet GEMM shapes
// (Node 20, best of 10, 2-core VM): register tiles from 2x4 to 8x4 and 4x8
// all land within 4.0-4.7 GFLOP/s, 4x4 best; unrolling the k loop, other
// KC/MC/NC and float32 packing are slower; reading B unpacked halves the
// speed. The kernel alone peaks near 5 GFLOP/s: each typed-array load costs
// a bounds check and scalar JS has no fused multiply-add, so the loop is
// bound by instruction issue, not memory.
const MR = 4;
const NR = 4;
const KC = 256;
const MC = 64;
const NC = 1024;

// Packed buffers are float64: the arithmetic is float64 anyway (JS numbers),
// so the kernel's loads need no float32 -> float64 conversion. Reused across
// calls (JS is single-threaded here) and grown on demand.
let packA = new Float64Array(MC * KC);
let packB = new Float64Array(KC * (NC + NR));
const edge = new Float64Array(MR * NR);

/**
 * Single-precision matrix product C = A * B (+ bias per row) on row-major
 * Float32Arrays, cache-blocked with packed panels and a register-tiled inner
 * kernel; accumulates in float64 and rounds to float32 once per block of K.
 *
 * @param m rows of A and C
 * @param n columns of B and C
 * @param k columns of A = rows of B
 * @param a `[m, k]` row-major (first m*k elements are read)
 * @param b `[k, n]` row-major (first k*n elements are read)
 * @param c `[m, n]` output; allocated when omitted. Must not alias `a` or `b`.
 * @returns `c`
 * @throws ShapeError when a size is not a non-negative integer or an array is too short
 * @example
 * // [1 2; 3 4] * [5; 6] = [17; 39]
 * gemm(2, 1, 2, Float32Array.of(1, 2, 3, 4), Float32Array.of(5, 6)); // Float32Array [17, 39]
 */
export function gemm(
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  b: Float32Array,
  c?: Float32Array,
  options: GemmOptions = {},
): Float32Array {
  for (const [name, v] of [['m', m], ['n', n], ['k', k]] as const) {
    if (!Number.isInteger(v) || v < 0) throw new ShapeError(`gemm: ${name} must be a non-negative integer, got ${v}`);
  }
  if (a.length < m * k) throw new ShapeError(`gemm: a must have at least m*k = ${m * k} elements, got ${a.length}`);
  if (b.length < k * n) throw new ShapeError(`gemm: b must have at least k*n = ${k * n} elements, got ${b.length}`);
  const out = c ?? new Float32Array(m * n);
  if (out.length < m * n) throw new ShapeError(`gemm: c must have at least m*n = ${m * n} elements, got ${out.length}`);
  const { bias, accumulate = false } = options;
  if (bias !== undefined && bias.length !== m) {
    throw new ShapeError(`gemm: bias must have length m = ${m}, got ${bias.length}`);
  }
  gemmImpl(m, n, k, a, b, out, bias, accumulate);
  return out;
}

/** {@link gemm} without validation, for callers that have checked their sizes. */
export function gemmImpl(
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
  bias: ArrayLike<number> | undefined,
  accumulate: boolean,
): void {
  for (let i = 0; i < m; i++) {
    const add = bias === undefined ? 0 : bias[i];
    const row = i * n;
    if (!accumulate) c.fill(add, row, row + n);
    else if (add !== 0) for (let j = row; j < row + n; j++) c[j] += add;
  }
  if (m === 0 || n === 0 || k === 0) return;
  if (packA.length < MC * KC) packA = new Float64Array(MC * KC);
  if (packB.length < KC * (NC + NR)) packB = new Float64Array(KC * (NC + NR));
  const pa = packA;
  const pb = packB;
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      packPanelB(b, n, pc, kc, jc, nc, pb);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        packBlockA(a, k, ic, mc, pc, kc, pa);
        for (let jr = 0; jr < nc; jr += NR) {
          const nr = Math.min(NR, nc - jr);
          const bo = (jr / NR) * kc * NR;
          for (let ir = 0; ir < mc; ir += MR) {
            const mr = Math.min(MR, mc - ir);
            kernel(pa, (ir / MR) * kc * MR, pb, bo, kc, c, (ic + ir) * n + jc + jr, n, mr, nr);
          }
        }
      }
    }
  }
}

/** Copies B[pc..pc+kc, jc..jc+nc] as NR-column micro-panels, each kc x NR row-major, zero-padded. */
function packPanelB(b: Float32Array, n: number, pc: number, kc: number, jc: number, nc: number, pb: Float64Array): void {
  let q = 0;
  for (let jr = 0; jr < nc; jr += NR) {
    const nr = Math.min(NR, nc - jr);
    let row = pc * n + jc + jr;
    if (nr === NR) {
      for (let p = 0; p < kc; p++, row += n, q += NR) {
        pb[q] = b[row];
        pb[q + 1] = b[row + 1];
        pb[q + 2] = b[row + 2];
        pb[q + 3] = b[row + 3];
      }
    } else {
      for (let p = 0; p < kc; p++, row += n, q += NR) {
        for (let j = 0; j < NR; j++) pb[q + j] = j < nr ? b[row + j] : 0;
      }
    }
  }
}

/** Copies A[ic..ic+mc, pc..pc+kc] as MR-row micro-panels, each kc x MR (column of MR per k), zero-padded. */
function packBlockA(a: Float32Array, k: number, ic: number, mc: number, pc: number, kc: number, pa: Float64Array): void {
  let q = 0;
  for (let ir = 0; ir < mc; ir += MR) {
    const mr = Math.min(MR, mc - ir);
    for (let i = 0; i < MR; i++) {
      if (i < mr) {
        const src = (ic + ir + i) * k + pc;
        for (let p = 0, d = q + i; p < kc; p++, d += MR) pa[d] = a[src + p];
      } else {
        for (let p = 0, d = q + i; p < kc; p++, d += MR) pa[d] = 0;
      }
    }
    q += kc * MR;
  }
}

/** C[ci.., MR x NR block, row stride ldc] += packed A micro-panel x packed B micro-panel over kc. */
function kernel(
  pa: Float64Array,
  ao: number,
  pb: Float64Array,
  bo: number,
  kc: number,
  c: Float32Array,
  ci: number,
  ldc: number,
  mr: number,
  nr: number,
): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
  let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  for (let p = 0, ap = ao, bp = bo; p < kc; p++, ap += MR, bp += NR) {
    const a0 = pa[ap], a1 = pa[ap + 1], a2 = pa[ap + 2], a3 = pa[ap + 3];
    const b0 = pb[bp], b1 = pb[bp + 1], b2 = pb[bp + 2], b3 = pb[bp + 3];
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
  }
  if (mr === MR && nr === NR) {
    let r = ci;
    c[r] += c00; c[r + 1] += c01; c[r + 2] += c02; c[r + 3] += c03;
    r += ldc;
    c[r] += c10; c[r + 1] += c11; c[r + 2] += c12; c[r + 3] += c13;
    r += ldc;
    c[r] += c20; c[r + 1] += c21; c[r + 2] += c22; c[r + 3] += c23;
    r += ldc;
    c[r] += c30; c[r + 1] += c31; c[r + 2] += c32; c[r + 3] += c33;
    return;
  }
  // Edge block: only the mr x nr corner exists in C.
  const t = edge;
  t[0] = c00; t[1] = c01; t[2] = c02; t[3] = c03;
  t[4] = c10; t[5] = c11; t[6] = c12; t[7] = c13;
  t[8] = c20; t[9] = c21; t[10] = c22; t[11] = c23;
  t[12] = c30; t[13] = c31; t[14] = c32; t[15] = c33;
  for (let i = 0; i < mr; i++) {
    const r = ci + i * ldc;
    for (let j = 0; j < nr; j++) c[r + j] += t[i * NR + j];
  }
}
