import { ConfigError, ShapeError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { transpose } from './transpose.js';
import { tensor } from './tensor.js';
import { WasmKernels, relaxedSimdSupported } from './wasm/wasm-kernels.js';
import { expectClose, randInt, randTensor, rng, tf, tfReady } from './testing/c2-oracle.js';

function randomShape(r: () => number, rank: number): number[] {
  return Array.from({ length: rank }, () => randInt(r, 1, 5));
}

const tp = suite('transpose');
tp.before(async () => {
  await tfReady();
});

tp('hand case: default perm reverses the axes', () => {
  const y = transpose(tensor([2, 3], [1, 2, 3, 4, 5, 6]));
  assert.equal(y.shape, [3, 2]);
  assert.equal([...y.data], [1, 4, 2, 5, 3, 6]);
});

tp('matches tf.transpose for random permutations of ranks 1-5', () => {
  for (let seed = 0; seed < 20; seed++) {
    const r = rng(seed + 200);
    const rank = randInt(r, 1, 5);
    const shape = randomShape(r, rank);
    const perm = shape.map((_, i) => i);
    for (let i = rank - 1; i > 0; i--) {
      const j = randInt(r, 0, i);
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    const x = randTensor(r, shape);
    const y = transpose(x, perm);
    const expected = tf.tidy(() => tf.transpose(tf.tensor(x.data, shape), perm).dataSync());
    assert.equal(y.shape, perm.map((p) => shape[p]));
    expectClose(y.data, expected, `seed ${seed}`, 'transpose vs tf.transpose');
  }
});

tp('throws when perm is not a permutation', () => {
  const x = tensor([2, 3]);
  assert.throws(() => transpose(x, [0, 0]), (e: unknown) => e instanceof ConfigError && /permutation of 0..1/.test(e.message));
  assert.throws(() => transpose(x, [0]), (e: unknown) => e instanceof ConfigError);
  assert.throws(() => transpose(x, [1, 2]), (e: unknown) => e instanceof ConfigError);
});

tp('out: both walks (last-two swap and the general odometer) overwrite a stale buffer in full; too short is a ShapeError', () => {
  const x = tensor([2, 3, 2], Float32Array.from({ length: 12 }, (_, i) => i));
  for (const perm of [[0, 2, 1], [2, 0, 1]]) {
    const want = transpose(x, perm);
    const out = new Float32Array(12).fill(Number.NaN);
    const y = transpose(x, perm, out);
    assert.is(y.data.buffer, out.buffer);
    assert.equal(y.shape, want.shape);
    assert.equal([...y.data], [...want.data]);
  }
  assert.equal([...transpose(x, [0, 2, 1], new Float32Array(12)).data], [0, 2, 4, 1, 3, 5, 6, 8, 10, 7, 9, 11]);
  assert.throws(() => transpose(x, [0, 2, 1], new Float32Array(11)), (e: unknown) => e instanceof ShapeError && /at least 12/.test((e as Error).message));
});

tp('last-two swap equals the direct out[b][j][i] = x[b][i][j] on NanoDet heads, row bands, 8-column groups and remainders, size-1 axes', () => {
  const r = rng(31);
  const shapes = [[1, 80, 2704], [1, 44, 169], [2, 130, 17], [300, 9], [3, 1, 9], [1, 9, 1], [1, 1, 1], [5, 8], [2, 3, 7, 9], [2, 2, 8, 16]];
  for (const shape of shapes) {
    const rank = shape.length;
    const perm = [...shape.keys()];
    [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
    const x = randTensor(r, shape);
    const rows = shape[rank - 2];
    const cols = shape[rank - 1];
    const want = new Float32Array(x.data.length);
    for (let b = 0; b < x.data.length / (rows * cols); b++) {
      for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) want[b * rows * cols + j * rows + i] = x.data[b * rows * cols + i * cols + j];
    }
    const y = transpose(x, perm);
    assert.equal(y.shape, perm.map((p) => shape[p]));
    assert.ok(y.data.every((v, i) => v === want[i]), `[${shape.join(', ')}]`);
  }
});

tp('last-two swap into an out view at a non-zero byteOffset of a SharedArrayBuffer writes it in full and nothing outside', () => {
  const x = tensor([1, 3, 10], Float32Array.from({ length: 30 }, (_, i) => i));
  const backing = new Float32Array(new SharedArrayBuffer(4 * 36)).fill(-1);
  const out = backing.subarray(3, 33);
  const y = transpose(x, [0, 2, 1], out);
  assert.is(y.data.buffer, backing.buffer);
  assert.is(y.data.byteOffset, 12);
  assert.equal([...y.data], Array.from({ length: 30 }, (_, k) => (k % 3) * 10 + Math.floor(k / 3)));
  assert.equal([...backing.subarray(0, 3), ...backing.subarray(33)], [-1, -1, -1, -1, -1, -1]);
});

tp.run();

const tw = suite('transpose of the last two axes in WebAssembly SIMD (x and out in kernel memory)');

tw('equals the JavaScript copy for rows and columns with 0-3 left over, several planes, one row or column, both builds', () => {
  for (const variant of relaxedSimdSupported() ? (['simd', 'relaxed'] as const) : (['simd'] as const)) {
    const kr = WasmKernels.create(variant);
    for (const shape of [[1, 80, 2704], [1, 44, 169], [3, 5, 7], [2, 6, 9], [1, 1, 13], [4, 13, 1], [2, 4, 4], [1, 3, 3]]) {
      const n = shape.reduce((p, d) => p * d, 1);
      const data = Float32Array.from({ length: n }, (_, i) => i + 0.5);
      const want = transpose(tensor(shape, data), [0, 2, 1]).data;
      const x = kr.alloc(n);
      x.set(data);
      const out = kr.alloc(n + 1).fill(-1);
      const got = transpose(tensor(shape, x), [0, 2, 1], out.subarray(0, n), kr);
      assert.equal(got.shape, [shape[0], shape[2], shape[1]]);
      assert.equal(Array.from(got.data), Array.from(want), `${variant} [${shape}]`);
      assert.is(out[n], -1, `${variant} [${shape}]: nothing written past out`);
    }
  }
});

tw.run();
