import { MR } from './wasm-kernels.js';

/**
 * Packs a row-major `[m, k]` matrix (a conv weight `[Cout, Cin*kh*kw]`) into
 * the GEMM kernel's A layout: blocks of MR rows, each k-major
 * (`packed[(ib * k + p) * MR + r] = a[(ib * MR + r) * k + p]`), rows past m zero.
 */
export function packRowsA(a: Float32Array | Float64Array, m: number, k: number, offset = 0, dst?: Float32Array, dstOffset = 0): Float32Array {
  const mb = Math.ceil(m / MR);
  const out = dst ?? new Float32Array(mb * MR * k);
  for (let ib = 0; ib < mb; ib++) {
    for (let r = 0; r < MR; r++) {
      const row = ib * MR + r;
      if (row >= m) continue;
      const src = offset + row * k;
      let d = dstOffset + ib * k * MR + r;
      for (let p = 0; p < k; p++, d += MR) out[d] = a[src + p];
    }
  }
  return out;
}

/** A per-row vector (bias) padded with zeros to a multiple of MR rows. */
export function padRows(v: ArrayLike<number> | undefined, m: number): Float32Array {
  const out = new Float32Array(Math.ceil(m / MR) * MR);
  if (v !== undefined) for (let i = 0; i < m; i++) out[i] = v[i];
  return out;
}

/**
 * Winograd F(2x2, 3x3) weight transform U = G g G^T for every (o, c) of a
 * `[cout, cin, 3, 3]` weight, G = [1 0 0; 1/2 1/2 1/2; 1/2 -1/2 1/2; 0 0 1]
 * (Lavin & Gray 2016), computed in float64, then each of the 16 elements xi
 * packed as its own A matrix `[cout, cin]`: element xi at `xi * coutPad * cin`.
 */
export function winogradWeightsF2(w: Float32Array, cout: number, cin: number): Float32Array {
  const coutPad = Math.ceil(cout / MR) * MR;
  const per = coutPad * cin;
  const u = new Float64Array(16 * cout * cin);
  const t = new Float64Array(12);
  for (let o = 0; o < cout; o++) {
    for (let c = 0; c < cin; c++) {
      const g = (o * cin + c) * 9;
      // t = G g (4x3)
      for (let j = 0; j < 3; j++) {
        const g0 = w[g + j], g1 = w[g + 3 + j], g2 = w[g + 6 + j];
        t[j] = g0;
        t[3 + j] = 0.5 * (g0 + g1 + g2);
        t[6 + j] = 0.5 * (g0 - g1 + g2);
        t[9 + j] = g2;
      }
      // u = t G^T (4x4), stored xi-major as [xi][o][c]
      for (let i = 0; i < 4; i++) {
        const t0 = t[i * 3], t1 = t[i * 3 + 1], t2 = t[i * 3 + 2];
        const row = [t0, 0.5 * (t0 + t1 + t2), 0.5 * (t0 - t1 + t2), t2];
        for (let j = 0; j < 4; j++) u[((i * 4 + j) * cout + o) * cin + c] = row[j];
      }
    }
  }
  const out = new Float32Array(16 * per);
  for (let xi = 0; xi < 16; xi++) packRowsA(u, cout, cin, xi * cout * cin, out, xi * per);
  return out;
}

// G of F(4x4, 3x3) for the points 0, 1, -1, 2, -2 and infinity (Lavin & Gray 2016).
const G4 = [
  [1 / 4, 0, 0],
  [-1 / 6, -1 / 6, -1 / 6],
  [-1 / 6, 1 / 6, -1 / 6],
  [1 / 24, 1 / 12, 1 / 6],
  [1 / 24, -1 / 12, 1 / 6],
  [0, 0, 1],
];

/**
 * Winograd F(4x4, 3x3) weight transform U = G g G^T (6x6 per (o, c)), float64,
 * each of the 36 elements packed as its own A matrix `[cout, cin]` at `xi * coutPad * cin`.
 */
export function winogradWeightsF4(w: Float32Array, cout: number, cin: number): Float32Array {
  const coutPad = Math.ceil(cout / MR) * MR;
  const per = coutPad * cin;
  const u = new Float64Array(36 * cout * cin);
  const t = new Float64Array(18);
  for (let o = 0; o < cout; o++) {
    for (let c = 0; c < cin; c++) {
      const g = (o * cin + c) * 9;
      for (let i = 0; i < 6; i++) {
        for (let j = 0; j < 3; j++) t[i * 3 + j] = G4[i][0] * w[g + j] + G4[i][1] * w[g + 3 + j] + G4[i][2] * w[g + 6 + j];
      }
      for (let i = 0; i < 6; i++) {
        for (let j = 0; j < 6; j++) {
          const v = t[i * 3] * G4[j][0] + t[i * 3 + 1] * G4[j][1] + t[i * 3 + 2] * G4[j][2];
          u[((i * 6 + j) * cout + o) * cin + c] = v;
        }
      }
    }
  }
  const out = new Float32Array(36 * per);
  for (let xi = 0; xi < 36; xi++) packRowsA(u, cout, cin, xi * cout * cin, out, xi * per);
  return out;
}
