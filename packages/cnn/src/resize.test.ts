import { ConfigError, ShapeError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type ResizeOptions, resizeBilinear, resizeNearest } from './resize.js';
import { tensor } from './tensor.js';
import { WasmKernels } from './wasm/wasm-kernels.js';
import { expectClose, fromNhwc, randInt, randTensor, rng, tf, tfReady, toNhwc } from './testing/c2-oracle.js';

const CONVENTIONS: [string, ResizeOptions][] = [
  ['legacy', {}],
  ['alignCorners', { alignCorners: true }],
  ['halfPixelCenters', { halfPixelCenters: true }],
];

/** Output sizes up and down, odd and even, including 1 (the alignCorners special case). */
function randomSizes(seed: number) {
  const r = rng(seed);
  const shape = [randInt(r, 1, 2), randInt(r, 1, 3), randInt(r, 1, 9), randInt(r, 1, 9)];
  const size: [number, number] = [randInt(r, 1, 17), randInt(r, 1, 17)];
  return { r, shape, size };
}

const bil = suite('resizeBilinear');

bil.before(async () => {
  await tfReady();
});

bil('hand cases for the three conventions on a 1x2 row [0, 3] -> 1x4', () => {
  const x = tensor([1, 1, 1, 2], [0, 3]);
  // alignCorners: sources 0, 1/3, 2/3, 1 -> 0, 1, 2, 3
  expectClose(resizeBilinear(x, [1, 4], { alignCorners: true }).data, [0, 1, 2, 3], 'align');
  // legacy: sources 0, 0.5, 1, 1.5 (clamped to 1) -> 0, 1.5, 3, 3
  expectClose(resizeBilinear(x, [1, 4]).data, [0, 1.5, 3, 3], 'legacy');
  // half pixel: sources (o + 0.5) / 2 - 0.5 = -0.25 (clamped 0), 0.25, 0.75, 1.25 (clamped 1) -> 0, 0.75, 2.25, 3
  expectClose(resizeBilinear(x, [1, 4], { halfPixelCenters: true }).data, [0, 0.75, 2.25, 3], 'half');
});

bil('matches tf.image.resizeBilinear for every convention over 30 random sizes', () => {
  for (let seed = 0; seed < 30; seed++) {
    const { r, shape, size } = randomSizes(seed);
    const x = randTensor(r, shape);
    for (const [name, o] of CONVENTIONS) {
      const expected = tf.tidy(() =>
        fromNhwc(tf.image.resizeBilinear(toNhwc(x), size, o.alignCorners ?? false, o.halfPixelCenters ?? false)),
      );
      expectClose(resizeBilinear(x, size, o).data, expected, `seed ${seed} ${name}`, `resizeBilinear ${name} vs tfjs`);
    }
  }
});

bil('throws on bad rank, size, empty input and both flags', () => {
  const x = tensor([1, 1, 2, 2]);
  assert.throws(() => resizeBilinear(tensor([2, 2]), [3, 3]), (e: unknown) => e instanceof ShapeError);
  assert.throws(() => resizeBilinear(x, [0, 3]), (e: unknown) => e instanceof ConfigError && /size must be/.test(e.message));
  assert.throws(() => resizeBilinear(x, [2.5, 3]), (e: unknown) => e instanceof ConfigError);
  assert.throws(() => resizeBilinear(tensor([1, 1, 0, 2]), [3, 3]), (e: unknown) => e instanceof ConfigError && /height and width/.test(e.message));
  assert.throws(() => resizeBilinear(x, [3, 3], { alignCorners: true, halfPixelCenters: true }), (e: unknown) => e instanceof ConfigError && /not both/.test(e.message));
});

bil.run();

const nn = suite('resizeNearest');

nn.before(async () => {
  await tfReady();
});

nn('hand cases: row [1, 2, 3] -> 5 columns in the three conventions', () => {
  const x = tensor([1, 1, 1, 3], [1, 2, 3]);
  // legacy: floor(o * 3/5) = 0, 0, 1, 1, 2
  assert.equal([...resizeNearest(x, [1, 5]).data], [1, 1, 2, 2, 3]);
  // alignCorners: round(o * 2/4) = round(0, .5, 1, 1.5, 2) = 0, 1, 1, 2, 2 (half rounds up)
  assert.equal([...resizeNearest(x, [1, 5], { alignCorners: true }).data], [1, 2, 2, 3, 3]);
  // half pixel: floor((o + .5) * 3/5) = floor(.3, .9, 1.5, 2.1, 2.7) = 0, 0, 1, 2, 2
  assert.equal([...resizeNearest(x, [1, 5], { halfPixelCenters: true }).data], [1, 1, 2, 3, 3]);
});

nn('matches tf.image.resizeNearestNeighbor for every convention over 30 random sizes', () => {
  for (let seed = 100; seed < 130; seed++) {
    const { r, shape, size } = randomSizes(seed);
    const x = randTensor(r, shape);
    for (const [name, o] of CONVENTIONS) {
      const expected = tf.tidy(() =>
        fromNhwc(tf.image.resizeNearestNeighbor(toNhwc(x), size, o.alignCorners ?? false, o.halfPixelCenters ?? false)),
      );
      expectClose(resizeNearest(x, size, o).data, expected, `seed ${seed} ${name}`, `resizeNearest ${name} vs tfjs`);
    }
  }
});

nn('throws on bad size and both flags', () => {
  const x = tensor([1, 1, 2, 2]);
  assert.throws(() => resizeNearest(x, [3] as never), (e: unknown) => e instanceof ConfigError);
  assert.throws(() => resizeNearest(x, [3, 3], { alignCorners: true, halfPixelCenters: true }), (e: unknown) => e instanceof ConfigError);
  assert.throws(() => resizeNearest(tensor([1, 2, 2]), [3, 3]), (e: unknown) => e instanceof ShapeError);
});

nn.run();

const sep = suite('resizeBilinear (separable rows)');

/** Every output straight from its four taps: lerp along x in each of the two rows, then along y (float64). */
function directBilinear(x: Float32Array, [n, c, h, w]: number[], [oh, ow]: [number, number]): Float32Array {
  const tap = (o: number, inSize: number, outSize: number) => {
    const s = Math.min(Math.max((inSize / outSize) * (o + 0.5) - 0.5, 0), inSize - 1);
    const f = Math.floor(s);
    return [f, Math.min(f + 1, inSize - 1), s - f];
  };
  const out = new Float32Array(n * c * oh * ow);
  let o = 0;
  for (let p = 0; p < n * c; p++) {
    for (let oy = 0; oy < oh; oy++) {
      const [y0, y1, fy] = tap(oy, h, oh);
      for (let ox = 0; ox < ow; ox++) {
        const [x0, x1, fx] = tap(ox, w, ow);
        const at = (y: number, xx: number) => x[p * h * w + y * w + xx];
        const t = at(y0, x0) + (at(y0, x1) - at(y0, x0)) * fx;
        const b = at(y1, x0) + (at(y1, x1) - at(y1, x0)) * fx;
        out[o++] = t + (b - t) * fy;
      }
    }
  }
  return out;
}

sep('half-pixel, NanoDet\'s 2x up and down (13 <-> 26 <-> 52) and odd ratios: bit for bit the direct four-tap formula', () => {
  const r = rng(77);
  for (const [h, w, oh, ow] of [[13, 13, 26, 26], [26, 26, 52, 52], [52, 52, 26, 26], [26, 26, 13, 13], [5, 7, 9, 3], [1, 4, 3, 8], [9, 9, 2, 17]]) {
    const shape = [1, 3, h, w];
    const x = randTensor(r, shape);
    const y = resizeBilinear(x, [oh, ow], { halfPixelCenters: true });
    assert.equal(y.shape, [1, 3, oh, ow]);
    assert.equal(y.data, directBilinear(x.data, shape, [oh, ow]), `${h}x${w} -> ${oh}x${ow}`);
  }
});

sep('out: written in full (a stale buffer gives the same values), too short is a ShapeError', () => {
  const x = randTensor(rng(5), [1, 2, 4, 4]);
  const want = resizeBilinear(x, [8, 8], { halfPixelCenters: true }).data;
  const out = new Float32Array(2 * 64).fill(Number.NaN);
  const y = resizeBilinear(x, [8, 8], { halfPixelCenters: true, out });
  assert.is(y.data.buffer, out.buffer);
  assert.equal(y.data, want);
  assert.throws(() => resizeBilinear(x, [8, 8], { out: new Float32Array(127) }), (e: unknown) => e instanceof ShapeError && /at least/.test((e as Error).message));
});

sep('2x up / 2x down fast paths: edge shapes, several planes, non-finite values and signed zeros, bit for bit the direct formula', () => {
  const r = rng(91);
  const specials = [Infinity, -Infinity, Number.NaN, -0, 0];
  const sameBits = (a: Float32Array, b: Float32Array) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
  // [h, w, oh, ow]: the smallest 2x up (2x2), thin planes, odd sizes; 2x down to 1 px, odd outputs.
  const shapes = [[2, 2, 4, 4], [2, 5, 4, 10], [7, 2, 14, 4], [3, 3, 6, 6], [2, 2, 1, 1], [2, 6, 1, 3], [10, 2, 5, 1], [14, 6, 7, 3], [1, 1, 2, 2], [1, 3, 2, 6]];
  for (const [h, w, oh, ow] of shapes) {
    for (const special of [false, true]) {
      const shape = [2, 3, h, w];
      const x = randTensor(r, shape);
      if (special) for (let i = 0; i < x.data.length; i += 3) x.data[i] = specials[(i / 3) % specials.length];
      const y = resizeBilinear(x, [oh, ow], { halfPixelCenters: true });
      assert.equal(y.shape, [2, 3, oh, ow]);
      assert.ok(sameBits(y.data, directBilinear(x.data, shape, [oh, ow])), `${h}x${w} -> ${oh}x${ow}${special ? ' with Inf/NaN/-0' : ''}`);
    }
  }
});

sep('fast paths write into an out view at a non-zero byteOffset of a SharedArrayBuffer, and nothing outside it', () => {
  const x = randTensor(rng(3), [1, 2, 3, 4]);
  for (const [oh, ow] of [[6, 8], [1, 2]] as [number, number][]) {
    const n = 2 * oh * ow;
    const backing = new Float32Array(new SharedArrayBuffer(4 * (n + 8))).fill(-7);
    const out = backing.subarray(4, 4 + n);
    const src = oh === 6 ? x : resizeBilinear(x, [2, 4], { halfPixelCenters: true });
    const y = resizeBilinear(src, [oh, ow], { halfPixelCenters: true, out });
    assert.is(y.data.buffer, backing.buffer);
    assert.is(y.data.byteOffset, 16);
    assert.equal(Array.from(y.data), Array.from(directBilinear(src.data, [...src.shape], [oh, ow])));
    assert.equal(Array.from(backing.subarray(0, 4)), [-7, -7, -7, -7]);
    assert.equal(Array.from(backing.subarray(4 + n)), [-7, -7, -7, -7]);
  }
});

sep('2x up of [[0, 4], [8, 12]], hand-computed: taps at -0.25 (clamped), 0.25, 0.75, 1.25 (clamped)', () => {
  const y = resizeBilinear(tensor([1, 1, 2, 2], [0, 4, 8, 12]), [4, 4], { halfPixelCenters: true });
  // Along x a row [a, b] becomes [a, a + (b - a) / 4, a + 3 (b - a) / 4, b]; then the same along y.
  assert.equal(Array.from(y.data), [0, 1, 3, 4, 2, 3, 5, 6, 6, 7, 9, 10, 8, 9, 11, 12]);
  // 2x down of that 4x4 averages each 2x2 block.
  assert.equal(Array.from(resizeBilinear(y, [2, 2], { halfPixelCenters: true }).data), [1.5, 4.5, 7.5, 10.5]);
});

sep.run();

const rw = suite('resizeBilinear by 2 in WebAssembly (x and out in kernel memory)');

rw('equals the TypeScript paths bit for bit: up and down by 2, even and odd sizes, several planes, infinities, nothing written past out', () => {
  const kr = WasmKernels.create();
  for (const [n, c, h, w] of [[1, 96, 13, 13], [1, 3, 26, 26], [2, 2, 2, 2], [1, 2, 3, 5], [1, 1, 7, 2], [1, 2, 2, 9]]) {
    const len = n * c * h * w;
    const data = Float32Array.from({ length: len }, (_, i) => Math.sin(i * 0.77) * 10 ** ((i % 7) - 3));
    data[len >> 1] = Number.POSITIVE_INFINITY; // t + (b - t) * 0 is NaN next to it, as in the TypeScript path
    for (const [size, from] of [[[2 * h, 2 * w], [n, c, h, w]], [[h, w], [n, c, 2 * h, 2 * w]]] as const) {
      const inLen = from.reduce((p, d) => p * d, 1);
      const src = Float32Array.from({ length: inLen }, (_, i) => data[i % len] * (i % 3 === 0 ? -1 : 1));
      const want = resizeBilinear(tensor([...from], src), size, { halfPixelCenters: true }).data;
      const x = kr.alloc(inLen);
      x.set(src);
      const out = kr.alloc(want.length + 1).fill(42);
      const got = resizeBilinear(tensor([...from], x), size, { halfPixelCenters: true, out: out.subarray(0, want.length), kernels: kr }).data;
      const label = `[${from}] -> ${size}`;
      assert.ok(got.buffer === out.buffer, `${label}: written into out`);
      assert.equal(Array.from(got), Array.from(want), label);
      assert.is(out[want.length], 42, `${label}: nothing written past out`);
    }
  }
});

rw.run();
