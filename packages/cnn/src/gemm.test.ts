import { ShapeError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { gemm } from './gemm.js';
import { randInt, rng } from './testing/c1-oracle.js';

const test = suite('gemm');

test('multiplies a hand-computed 2x2 by 2x1, with bias and accumulate', () => {
  const a = Float32Array.of(1, 2, 3, 4);
  const b = Float32Array.of(5, 6);
  // [1*5 + 2*6; 3*5 + 4*6] = [17; 39]
  assert.equal([...gemm(2, 1, 2, a, b)], [17, 39]);
  assert.equal([...gemm(2, 1, 2, a, b, undefined, { bias: [1, -1] })], [18, 38]);
  const c = Float32Array.of(100, 200);
  gemm(2, 1, 2, a, b, c, { accumulate: true, bias: [1, 0] });
  assert.equal([...c], [118, 239]);
});

test('k = 0 leaves bias only', () => {
  assert.equal([...gemm(2, 3, 0, new Float32Array(0), new Float32Array(0), undefined, { bias: [1, 2] })], [1, 1, 1, 2, 2, 2]);
});

/** Brute-force float64 triple loop. */
function naive(m: number, n: number, k: number, a: Float32Array, b: Float32Array): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let p = 0; p < k; p++) for (let j = 0; j < n; j++) c[i * n + j] += a[i * k + p] * b[p * n + j];
  return c;
}

test('equals a float64 triple loop on edge-sized and multi-block shapes', () => {
  // sizes straddle the register tile (4 x 4) and cache blocks (K 256, M 64, N 1024)
  const shapes = [[1, 1, 1], [3, 5, 7], [4, 4, 4], [5, 9, 13], [65, 1030, 257], [16, 1500, 27], [130, 37, 600]];
  const r = rng(9);
  for (const [m, n, k] of shapes) {
    const a = Float32Array.from({ length: m * k }, () => 2 * r() - 1);
    const b = Float32Array.from({ length: k * n }, () => 2 * r() - 1);
    const bias = Float32Array.from({ length: m }, () => randInt(r, -3, 3));
    const got = gemm(m, n, k, a, b, undefined, { bias });
    const want = naive(m, n, k, a, b);
    let err = 0, scale = 1;
    for (let i = 0; i < m * n; i++) {
      const w = want[i] + bias[Math.floor(i / n)];
      err = Math.max(err, Math.abs(got[i] - w));
      scale = Math.max(scale, Math.abs(w));
    }
    assert.ok(err <= 1e-5 * scale, `${m}x${n}x${k}: max abs error ${err}, scale ${scale}`);
  }
});

const isShape = (re: RegExp) => (e: unknown) => e instanceof ShapeError && re.test((e as Error).message);

test('throws ShapeError on bad sizes, short arrays and a bias of the wrong length', () => {
  const z = new Float32Array(4);
  assert.throws(() => gemm(-1, 2, 2, z, z), isShape(/gemm: m must be a non-negative integer, got -1/));
  assert.throws(() => gemm(2, 2.5, 2, z, z), isShape(/gemm: n must be a non-negative integer, got 2.5/));
  assert.throws(() => gemm(2, 2, 3, z, new Float32Array(6)), isShape(/gemm: a must have at least m\*k = 6 elements, got 4/));
  assert.throws(() => gemm(2, 2, 2, z, new Float32Array(3)), isShape(/gemm: b must have at least k\*n = 4 elements, got 3/));
  assert.throws(() => gemm(2, 2, 2, z, z, new Float32Array(3)), isShape(/gemm: c must have at least m\*n = 4 elements, got 3/));
  assert.throws(() => gemm(2, 2, 2, z, z, undefined, { bias: [1] }), isShape(/gemm: bias must have length m = 2, got 1/));
});

test.run();
