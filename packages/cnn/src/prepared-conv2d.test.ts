import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ConfigError, ShapeError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { applyActivationInPlace } from './activations.js';
import type { ConvPadding } from './conv-padding.js';
import { conv2d } from './conv2d.js';
import { type ConvPath, choosePath, oddLines, prepareConv2d } from './prepared-conv2d.js';
import { type Tensor, tensor } from './tensor.js';
import { randInt, rng } from './testing/c1-oracle.js';
import { WasmKernels, relaxedSimdSupported } from './wasm/wasm-kernels.js';

const test = suite('prepareConv2d');

function randomTensor(r: () => number, shape: number[]): Tensor {
  const n = shape.reduce((a, d) => a * d, 1);
  return tensor(shape, Float32Array.from({ length: n }, () => 2 * r() - 1));
}

/** max |a - b| / max(1, max |b|): the error relative to the output's scale. */
function relError(a: Float32Array, b: Float32Array): number {
  let e = 0;
  let scale = 1;
  for (let i = 0; i < a.length; i++) {
    e = Math.max(e, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return e / scale;
}

// Tolerance of the wasm paths against the TypeScript conv2d (float64
// accumulation, itself tested against tf.conv2d): float32 accumulation over
// K <= 9 * 24 terms of magnitude <= 1 stays near 1e-6 of the output scale;
// Winograd F(2x2,3x3) adds the transforms' roundings (seen here <= 2e-6).
const TOL = 1e-5;
// F(4x4,3x3)'s transforms have entries up to 8 (A) and 1/24 (G): about 10x the
// rounding of F(2x2): on 60 random 3x3 SAME convs (Cin <= 64) seen up to 6.1e-6
// of the output scale, against 3.9e-7 for F(2x2) and 9.3e-7 for the wasm GEMM.
const TOL_F4 = 5e-5;

test('the 2x2 window example of the docs (wasm GEMM)', () => {
  const y = prepareConv2d(tensor([1, 1, 2, 2], [1, 1, 1, 1]), { path: 'gemm' }).run(tensor([1, 1, 3, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9]));
  assert.equal(y.shape, [1, 1, 2, 2]);
  assert.equal([...y.data], [12, 16, 24, 28]);
});

test('Winograd F(2x2) and F(4x4) on a hand-computed 3x3 SAME conv: an all-ones kernel sums each 3x3 neighbourhood', () => {
  const x = tensor([1, 1, 3, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  for (const path of ['winograd', 'winograd4'] as const) {
    const y = prepareConv2d(tensor([1, 1, 3, 3], new Float32Array(9).fill(1)), { path, padding: 1, bias: [0.5] }).run(x);
    // corners: 1+2+4+5 = 12, edges: 1+2+3+4+5+6 = 21, centre 45; each + 0.5 (F(4x4)'s 1/6, 1/24 round: 1e-5)
    const want = [12.5, 21.5, 16.5, 27.5, 45.5, 33.5, 24.5, 39.5, 28.5];
    want.forEach((v, i) => assert.ok(Math.abs(y.data[i] - v) <= 1e-5 * 45, `${path} [${i}] ${y.data[i]} vs ${v}`));
  }
});

test('wasm GEMM and Winograd equal conv2d on randomized shapes (odd sizes, padding, stride 2, dilation, batches)', () => {
  for (let seed = 1; seed <= 40; seed++) {
    const r = rng(seed);
    const n = randInt(r, 1, 2), cin = randInt(r, 1, 24), cout = randInt(r, 1, 21);
    const h = randInt(r, 3, 30), w = randInt(r, 3, 30);
    const k = randInt(r, 1, 3);
    const stride = seed % 3 === 0 ? 2 : 1;
    const dilation = seed % 5 === 0 && stride === 1 ? 2 : 1;
    const span = (k - 1) * dilation + 1;
    const padding: ConvPadding = seed % 4 === 0 ? 'same' : seed % 4 === 1 ? 'valid' : [randInt(r, 0, 2), randInt(r, 0, 2), randInt(r, 0, 2), randInt(r, 0, 2)];
    if (padding === 'valid' && (h < span || w < span)) continue;
    const x = randomTensor(r, [n, cin, h, w]);
    const weight = randomTensor(r, [cout, cin, k, k]);
    const bias = randomTensor(r, [cout]).data;
    const options = { stride, padding, dilation, bias };
    const ref = conv2d(x, weight, options);
    const paths: ConvPath[] = k === 3 && stride === 1 && dilation === 1 ? ['gemm', 'winograd', 'winograd4'] : ['gemm'];
    for (const path of paths) {
      const y = prepareConv2d(weight, { ...options, path }).run(x);
      assert.equal(y.shape, ref.shape, `seed ${seed} ${path}`);
      const e = relError(y.data, ref.data);
      assert.ok(e <= (path === 'winograd4' ? TOL_F4 : TOL), `seed ${seed} ${path} [${x.shape}] k${k} s${stride} d${dilation} pad ${JSON.stringify(padding)}: error ${e}`);
    }
  }
});

test('fused relu and leaky relu equal conv2d then the activation; relu6 runs after the kernel', () => {
  const r = rng(7);
  const x = randomTensor(r, [1, 9, 11, 13]);
  const weight = randomTensor(r, [10, 9, 3, 3]);
  for (const [activation, alpha] of [['relu', 0], ['leakyRelu', 0.1], ['relu6', 0]] as const) {
    const ref = conv2d(x, weight, { padding: 1 });
    applyActivationInPlace(ref.data, activation, alpha);
    for (const path of ['gemm', 'winograd', 'winograd4', 'js'] as const) {
      const y = prepareConv2d(weight, { padding: 1, activation, alpha, path }).run(x);
      assert.ok(relError(y.data, ref.data) <= (path === 'winograd4' ? TOL_F4 : TOL), `${activation} ${path}`);
    }
  }
});

test('plain SIMD and relaxed SIMD (FMA) builds agree within the float32 rounding of one product per term', () => {
  if (!relaxedSimdSupported()) return; // Node 20 without --experimental-wasm-relaxed-simd: nothing to compare
  const r = rng(11);
  const x = randomTensor(r, [1, 32, 26, 26]);
  const weight = randomTensor(r, [40, 32, 3, 3]);
  for (const path of ['gemm', 'winograd', 'winograd4'] as const) {
    const a = prepareConv2d(weight, { padding: 1, path, kernels: WasmKernels.create('simd') }).run(x);
    const b = prepareConv2d(weight, { padding: 1, path, kernels: WasmKernels.create('relaxed') }).run(x);
    assert.ok(relError(a.data, b.data) <= TOL, path);
  }
  console.log('  relaxed SIMD: plain and FMA builds compared'); // packages/detector/src/relaxed-simd.test.ts looks for this line
});

test('two instances (one per worker thread) give identical results', () => {
  const r = rng(3);
  const x = randomTensor(r, [1, 8, 15, 17]);
  const weight = randomTensor(r, [12, 8, 3, 3]);
  const a = prepareConv2d(weight, { padding: 1, path: 'winograd4', kernels: WasmKernels.create('simd') }).run(x);
  const b = prepareConv2d(weight, { padding: 1, path: 'winograd4', kernels: WasmKernels.create('simd') }).run(x);
  assert.equal([...a.data], [...b.data]);
});

test('channel ranges written into a caller-provided (shared) array assemble the whole output', () => {
  const r = rng(5);
  const x = randomTensor(r, [2, 12, 11, 9]);
  const weight = randomTensor(r, [18, 12, 3, 3]);
  const bias = randomTensor(r, [18]).data;
  for (const path of ['js', 'gemm', 'winograd', 'winograd4'] as const) {
    const conv = prepareConv2d(weight, { padding: 1, bias, activation: 'leakyRelu', alpha: 0.1, path });
    const whole = conv.run(x);
    const out = new Float32Array(new SharedArrayBuffer(whole.data.length * 4));
    for (const range of [[0, 8], [8, 12], [12, 18]] as const) conv.run(x, { out, channels: range });
    assert.equal([...out], [...whole.data], path);
  }
  const conv = prepareConv2d(weight, { padding: 1, path: 'gemm' });
  assert.throws(() => conv.run(x, { channels: [2, 8] }), (e: unknown) => e instanceof ConfigError && /multiple of 4/.test((e as Error).message));
  assert.throws(() => conv.run(x, { channels: [0, 19] }), (e: unknown) => e instanceof ConfigError);
  assert.throws(() => conv.run(x, { out: new Float32Array(10) }), (e: unknown) => e instanceof ShapeError && /out must have/.test((e as Error).message));
});

test("'auto' picks Winograd F(4x4) for 3x3 stride 1 with >= 8 channels, the GEMM otherwise, JS for groups", () => {
  const g1 = { sh: 1, sw: 1, dh: 1, dw: 1 };
  assert.is(choosePath(64, 64, 3, 3, 1, g1), 'winograd4');
  assert.is(choosePath(3, 32, 3, 3, 1, g1), 'gemm');
  assert.is(choosePath(64, 64, 3, 3, 1, { ...g1, sh: 2, sw: 2 }), 'gemm');
  assert.is(choosePath(64, 64, 1, 1, 1, g1), 'gemm');
  assert.is(choosePath(64, 64, 3, 3, 64, g1), 'js');
  assert.is(prepareConv2d(tensor([16, 16, 3, 3]), { padding: 1 }).path, 'winograd4');
});

test('Winograd F(4x4): an odd number of four-tile groups (the transforms walk panels of two groups) still equals conv2d', () => {
  // groups = ceil(H/4) * ceil(ceil(W/4)/4): 3, 3, 5, 6 and 4 here; the last panel of an odd count holds one group.
  for (const [h, w] of [[9, 7], [11, 13], [17, 15], [12, 30], [13, 13]]) {
    const weight = tensor([10, 9, 3, 3], Float32Array.from({ length: 810 }, (_, i) => Math.sin(i * 1.3)));
    const x = tensor([1, 9, h, w], Float32Array.from({ length: 9 * h * w }, (_, i) => Math.cos(i * 0.7)));
    const ref = conv2d(x, weight, { padding: 1, bias: Float32Array.from({ length: 10 }, (_, i) => i - 4.5) });
    const y = prepareConv2d(weight, { padding: 1, path: 'winograd4', bias: Float32Array.from({ length: 10 }, (_, i) => i - 4.5) }).run(x);
    assert.ok(relError(y.data, ref.data) <= TOL_F4, `${h}x${w}: ${relError(y.data, ref.data)}`);
  }
});

test('Winograd F(4x4) in several blocks of panels (64 channels, 40x40: 15 panels in blocks of 4, the last of 3) equals conv2d', () => {
  const weight = tensor([64, 64, 3, 3], Float32Array.from({ length: 64 * 64 * 9 }, (_, i) => Math.sin(i * 0.37) / 8));
  const x = tensor([1, 64, 40, 40], Float32Array.from({ length: 64 * 1600 }, (_, i) => Math.cos(i * 0.11)));
  const ref = conv2d(x, weight, { padding: 1 });
  const y = prepareConv2d(weight, { padding: 1, path: 'winograd4', activation: 'leakyRelu', alpha: 0.1 }).run(x);
  const want = Float32Array.from(ref.data, (v) => Math.max(v, 0.1 * v));
  assert.ok(relError(y.data, want) <= TOL_F4, `${relError(y.data, want)}`);
});

test('wasm GEMM in several blocks of panels (im2col B above GEMM_UNBLOCKED_BYTES: 8 ch 3x3 stride 2 on 8x400x400) equals conv2d', () => {
  // k = 72, 200 * 200 columns: B = 11.5 MB, 5000 panels in blocks of 113 (the last shorter), bias and leaky relu fused.
  const weight = tensor([12, 8, 3, 3], Float32Array.from({ length: 12 * 72 }, (_, i) => Math.sin(i * 0.7)));
  const x = tensor([1, 8, 400, 400], Float32Array.from({ length: 8 * 160000 }, (_, i) => Math.cos(i * 0.013)));
  const bias = Float32Array.from({ length: 12 }, (_, i) => i / 4 - 1);
  const ref = conv2d(x, weight, { stride: 2, padding: 1, bias });
  const want = Float32Array.from(ref.data, (v) => Math.max(v, 0.1 * v));
  const y = prepareConv2d(weight, { stride: 2, padding: 1, bias, path: 'gemm', activation: 'leakyRelu', alpha: 0.1 }).run(x);
  assert.ok(relError(y.data, want) <= TOL, `${relError(y.data, want)}`);
});

test('wasm GEMM straight into the NCHW output: a partial last panel in a blocked run, Cout not a multiple of 4, out in kernel memory, nothing written past out', () => {
  // 8 ch 3x3 stride 2 on 401x397: 201 x 199 = 39999 columns, 4999 whole panels and one of 7
  // columns, B = 11.5 MB in blocks. Cout 12 writes C in place; Cout 10 takes the panel path.
  const kernels = WasmKernels.create();
  const x = tensor([1, 8, 401, 397], Float32Array.from({ length: 8 * 401 * 397 }, (_, i) => Math.cos(i * 0.013)));
  for (const cout of [12, 10]) {
    const weight = tensor([cout, 8, 3, 3], Float32Array.from({ length: cout * 72 }, (_, i) => Math.sin(i * 0.7)));
    const bias = Float32Array.from({ length: cout }, (_, i) => i / 4 - 1);
    const want = conv2d(x, weight, { stride: 2, padding: 1, bias }).data.map((v) => Math.max(v, 0));
    const conv = prepareConv2d(weight, { stride: 2, padding: 1, bias, path: 'gemm', activation: 'relu', kernels });
    const n = conv.outputLength(x);
    assert.is(n, cout * 201 * 199);
    const inMemory = kernels.alloc(n + 1).fill(Number.NaN);
    for (const out of [undefined, inMemory]) {
      const y = conv.run(x, out === undefined ? {} : { out: out.subarray(0, n) });
      assert.ok(relError(y.data, want) <= TOL, `Cout ${cout}: ${relError(y.data, want)}`);
    }
    assert.ok(Number.isNaN(inMemory[n]), `Cout ${cout}: the float after out was written`);
  }
});

test('Winograd F(4x4) stores only the output: last tiles of 1, 2 and 3 columns and rows, out in kernel memory, nothing written past out', () => {
  const kernels = WasmKernels.create();
  const weight = tensor([8, 8, 3, 3], Float32Array.from({ length: 8 * 72 }, (_, i) => Math.sin(i * 0.37) / 8));
  for (const [h, w] of [[13, 13], [26, 26], [7, 5], [4, 11]]) {
    const x = tensor([1, 8, h, w], Float32Array.from({ length: 8 * h * w }, (_, i) => Math.cos(i * 0.11)));
    const want = conv2d(x, weight, { padding: 1 }).data;
    const conv = prepareConv2d(weight, { padding: 1, path: 'winograd4', kernels });
    const inMemory = kernels.alloc(want.length + 1).fill(Number.NaN);
    for (const out of [undefined, inMemory.subarray(0, want.length)]) {
      const y = conv.run(x, out === undefined ? {} : { out });
      assert.ok(relError(y.data, want) <= TOL_F4, `${h}x${w}: ${relError(y.data, want)}`);
    }
    assert.ok(Number.isNaN(inMemory[want.length]), `${h}x${w}: the float after out was written`);
  }
});

test('outputLength is the length run writes (stride 2, padding, batch 2), and run fills a recycled out array completely', () => {
  const weight = tensor([5, 3, 3, 3], Float32Array.from({ length: 135 }, (_, i) => Math.sin(i)));
  const x = tensor([2, 3, 9, 7], Float32Array.from({ length: 378 }, (_, i) => Math.cos(i)));
  for (const path of ['js', 'gemm'] as const) {
    const conv = prepareConv2d(weight, { stride: 2, padding: 1, path });
    const y = conv.run(x);
    assert.is(conv.outputLength(x), y.data.length);
    assert.is(y.data.length, 2 * 5 * 5 * 4);
    const stale = new Float32Array(y.data.length).fill(Number.NaN);
    assert.equal(conv.run(x, { out: stale }).data, y.data);
  }
});

test('Winograd matrix strides: an odd number of 64-byte lines, at least the matrix, so 36 matrices fall in 36 L1 sets', () => {
  assert.is(oddLines(1), 16);
  assert.is(oddLines(16), 16);
  assert.is(oddLines(17), 48); // 2 lines -> 3
  assert.is(oddLines(128 * 208), 128 * 208 + 16); // 1664 lines (a multiple of 4 KiB) -> 1665
  for (const floats of [1, 100, 4096, 26624, 12345, 65536]) {
    const s = oddLines(floats);
    assert.ok(s >= floats && s - floats < 48 && s % 16 === 0 && (s / 16) % 2 === 1, `${floats} -> ${s}`);
    // the 64-byte line of matrix i's first float, modulo the 64 sets of a 32 KiB 8-way L1
    const sets = new Set(Array.from({ length: 36 }, (_, i) => ((i * s) / 16) % 64));
    assert.is(sets.size, 36);
  }
});

test('rejects a forced path that does not apply, and a bias of the wrong length', () => {
  assert.throws(() => prepareConv2d(tensor([4, 4, 3, 3]), { path: 'winograd', stride: 2 }), (e: unknown) => e instanceof ConfigError && /winograd/.test((e as Error).message));
  assert.throws(() => prepareConv2d(tensor([4, 2, 3, 3]), { path: 'gemm', groups: 2 }), (e: unknown) => e instanceof ConfigError && /groups = 1/.test((e as Error).message));
  assert.throws(() => prepareConv2d(tensor([4, 4, 3, 3]), { bias: [1, 2] }), (e: unknown) => e instanceof ShapeError && /bias/.test((e as Error).message));
  assert.throws(() => prepareConv2d(tensor([4, 4, 3, 3]), { path: 'gemm' }).run(tensor([1, 3, 8, 8])), (e: unknown) => e instanceof ShapeError);
});

test('the committed kernels-binary.ts is what scripts/build-wasm.mjs assembles from the source', () => {
  const script = fileURLToPath(new URL('../../../scripts/build-wasm.mjs', import.meta.url));
  const res = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
  assert.is(res.status, 0, res.stderr);
});

test('input and out in the kernels\' memory are used in place, with the results of plain arrays, after the memory grows', () => {
  const r = rng(77);
  const kernels = WasmKernels.create('simd');
  for (const [path, cin, cout, k, stride] of [['gemm', 5, 12, 3, 2], ['gemm', 16, 8, 1, 1], ['winograd', 8, 8, 3, 1], ['winograd4', 12, 20, 3, 1]] as const) {
    const weight = randomTensor(r, [cout, cin, k, k]);
    const bias = Float32Array.from({ length: cout }, () => r() - 0.5);
    const conv = prepareConv2d(weight, { bias, stride, padding: k === 3 ? 1 : 0, path, activation: 'leakyRelu', alpha: 0.1, kernels });
    const x = randomTensor(r, [2, cin, 19, 23]);
    const plain = conv.run(x);
    const xIn = kernels.alloc(x.data.length);
    xIn.set(x.data);
    const out = kernels.alloc(conv.outputLength(x) + 3);
    out.fill(7);
    kernels.scratch(3_000_000); // the memory grows; the views stay attached
    const y = conv.run(tensor(x.shape, xIn), { out: out.subarray(0, conv.outputLength(x)) });
    assert.ok(kernels.owns(y.data), path);
    assert.equal(y.data, plain.data, `${path}: same floats in place as through copies`);
    assert.equal([...out.subarray(out.length - 3)], [7, 7, 7], `${path}: nothing written past out`);
    assert.equal(xIn, x.data, `${path}: input untouched`);
  }
});

test.run();
