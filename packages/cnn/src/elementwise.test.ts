import { ShapeError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { add, broadcastOffsets, broadcastShape, div, mul, sub } from './elementwise.js';
import { type Tensor, tensor } from './tensor.js';
import { WasmKernels, relaxedSimdSupported } from './wasm/wasm-kernels.js';
import { expectClose, randInt, randTensor, rng, tf, tfReady } from './testing/c2-oracle.js';

const isShapeError = (pattern: RegExp) => (e: unknown) => e instanceof ShapeError && pattern.test((e as Error).message);

const bs = suite('broadcastShape');

bs('aligns on the right and takes the non-1 dimension', () => {
  assert.equal(broadcastShape([2, 1], [3]), [2, 3]);
  assert.equal(broadcastShape([1, 64, 52, 52], [64, 1, 1]), [1, 64, 52, 52]);
  assert.equal(broadcastShape([], [4, 1]), [4, 1]);
  assert.equal(broadcastShape([5, 1, 3], [1, 7, 1]), [5, 7, 3]);
});

bs('throws ShapeError for shapes that do not broadcast', () => {
  assert.throws(() => broadcastShape([2, 3], [3, 2]), isShapeError(/^broadcastShape: shapes must broadcast .*got \[2, 3\] and \[3, 2\]$/));
});

bs('out: add/sub/mul/div overwrite a stale buffer in full (same shapes and broadcast); too short is a ShapeError', () => {
  const a = tensor([2, 2], [1, 2, 3, 4]);
  const b = tensor([2, 2], [10, 20, 30, 40]);
  const out = new Float32Array(4).fill(Number.NaN);
  assert.equal([...add(a, b, out).data], [11, 22, 33, 44]);
  assert.is(add(a, b, out).data.buffer, out.buffer);
  assert.equal([...sub(a, tensor([2], [1, 2]), out).data], [0, 0, 2, 2]);
  assert.equal([...mul(a, b, out).data], [10, 40, 90, 160]);
  assert.equal([...div(b, a, out).data], [10, 10, 10, 10]);
  assert.throws(() => add(a, b, new Float32Array(3)), (e: unknown) => e instanceof ShapeError && /at least 4/.test((e as Error).message));
});

bs.run();

const bo = suite('broadcastOffsets');

bo('maps each output element to its source element', () => {
  // [3] onto [2, 3]: the row repeats
  assert.equal([...broadcastOffsets([3], [2, 3])], [0, 1, 2, 0, 1, 2]);
  // [2, 1] onto [2, 3]: each of the 2 values repeats 3 times
  assert.equal([...broadcastOffsets([2, 1], [2, 3])], [0, 0, 0, 1, 1, 1]);
  // a scalar onto [2, 2]; the full shape onto itself is the identity
  assert.equal([...broadcastOffsets([], [2, 2])], [0, 0, 0, 0]);
  assert.equal([...broadcastOffsets([2, 2], [2, 2])], [0, 1, 2, 3]);
});

bo('throws ShapeError when the shape does not broadcast to the output', () => {
  // [2, 3] and [3] broadcast, but to [2, 3], not to [3]
  assert.throws(() => broadcastOffsets([2, 3], [3]), isShapeError(/^broadcastOffsets: shape \[2, 3\] must broadcast to \[3\], got \[2, 3\]$/));
  assert.throws(() => broadcastOffsets([4], [3]), isShapeError(/^broadcastShape: shapes must broadcast/));
});

bo.run();

type Kernel = (a: Tensor, b: Tensor) => Tensor;
type TfOp = (a: tf.Tensor, b: tf.Tensor) => tf.Tensor;

/** A random pair of shapes that broadcast: right-aligned suffixes of one shape, some dimensions set to 1. */
function randomPair(r: () => number): [number[], number[]] {
  const rank = randInt(r, 0, 4);
  const base = Array.from({ length: rank }, () => randInt(r, 1, 5));
  const operand = () => base.slice(randInt(r, 0, rank)).map((d) => (r() < 0.35 ? 1 : d));
  return [operand(), operand()];
}

/** Values in ±[0.5, 2]: away from 0, so that division stays finite. */
function randOperand(r: () => number, shape: number[]): Tensor {
  const t = randTensor(r, shape, 0.5, 2);
  for (let i = 0; i < t.data.length; i++) if (r() < 0.5) t.data[i] = -t.data[i];
  return t;
}

const cases: Array<[string, Kernel, TfOp, string]> = [
  ['add', add, tf.add, '[11, 12, 13, 21, 22, 23]: 10 + [1, 2, 3], 20 + [1, 2, 3]'],
  ['sub', sub, tf.sub, '[9, 8, 7, 19, 18, 17]: 10 - [1, 2, 3], 20 - [1, 2, 3]'],
  ['mul', mul, tf.mul, '[10, 20, 30, 20, 40, 60]: 10 * [1, 2, 3], 20 * [1, 2, 3]'],
  ['div', div, tf.div, '[10, 5, 10/3, 20, 10, 20/3]: 10 / [1, 2, 3], 20 / [1, 2, 3]'],
];
const HAND: Record<string, number[]> = {
  add: [11, 12, 13, 21, 22, 23],
  sub: [9, 8, 7, 19, 18, 17],
  mul: [10, 20, 30, 20, 40, 60],
  div: [10, 5, Math.fround(10 / 3), 20, 10, Math.fround(20 / 3)],
};

for (const [name, kernel, tfOp, arithmetic] of cases) {
  const s = suite(name);
  s.before(async () => {
    await tfReady();
  });

  s(`hand case [2, 1] ${name} [3] -> ${arithmetic}`, () => {
    const y = kernel(tensor([2, 1], [10, 20]), tensor([3], [1, 2, 3]));
    assert.equal(y.shape, [2, 3]);
    assert.equal([...y.data], HAND[name]);
  });

  s(`matches tf.${name} on 40 random broadcasting shape pairs (ranks 0-4, either side broadcast)`, () => {
    for (let seed = 0; seed < 40; seed++) {
      const r = rng(1000 + seed);
      const [sa, sb] = randomPair(r);
      const a = randOperand(r, sa);
      const b = randOperand(r, sb);
      const y = kernel(a, b);
      const expected = tf.tidy(() => tfOp(tf.tensor(a.data, sa), tf.tensor(b.data, sb)));
      assert.equal(y.shape, expected.shape, `seed ${seed}: [${sa}] ${name} [${sb}]`);
      expectClose(y.data, expected.dataSync(), `seed ${seed}: [${sa}] ${name} [${sb}]`, `${name} vs tf.${name}`);
      expected.dispose();
    }
  });

  s(`matches tf.${name} on a feature map with a per-channel [C, 1, 1] constant, both orders`, () => {
    const r = rng(7);
    const x = randOperand(r, [1, 5, 7, 9]);
    const c = randOperand(r, [5, 1, 1]);
    for (const [p, q] of [[x, c], [c, x]]) {
      const y = kernel(p, q);
      const expected = tf.tidy(() => tfOp(tf.tensor(p.data, p.shape as number[]), tf.tensor(q.data, q.shape as number[])));
      assert.equal(y.shape, [1, 5, 7, 9]);
      expectClose(y.data, expected.dataSync(), `[${p.shape}] ${name} [${q.shape}]`, `${name} vs tf.${name}`);
      expected.dispose();
    }
  });

  s(`same shapes (the unrolled flat loop): Math.fround(a ${name} b) per element for every length 1-19 and NanoDet's [1, 128, 52, 52], Inf/NaN/-0 included`, () => {
    const op = { add: (p: number, q: number) => p + q, sub: (p: number, q: number) => p - q, mul: (p: number, q: number) => p * q, div: (p: number, q: number) => p / q }[name] as (p: number, q: number) => number;
    const r = rng(55);
    const specials = [Infinity, -Infinity, Number.NaN, -0, 0, 1e-45, 3.4e38];
    const shapes = [...Array.from({ length: 19 }, (_, k) => [k + 1]), [1, 128, 52, 52], [2, 3, 5]];
    for (const shape of shapes) {
      const a = randOperand(r, shape);
      const b = randOperand(r, shape);
      for (let i = 0; i < a.data.length; i += 5) a.data[i] = specials[i % specials.length];
      for (let i = 0; i < b.data.length; i += 3) b.data[i] = specials[(i + 2) % specials.length];
      const y = kernel(a, b);
      assert.equal(y.shape, shape);
      const bad = y.data.findIndex((v, i) => !Object.is(v, Math.fround(op(a.data[i], b.data[i]))));
      assert.is(bad, -1, `[${shape}] at ${bad}`);
    }
  });

  s('same shapes into an out view at a non-zero byteOffset of a SharedArrayBuffer: written in full, nothing outside', () => {
    const a = randOperand(rng(8), [3, 7]);
    const b = randOperand(rng(9), [3, 7]);
    const backing = new Float32Array(new SharedArrayBuffer(4 * 25)).fill(-9);
    const y = (kernel as (p: Tensor, q: Tensor, o?: Float32Array) => Tensor)(a, b, backing.subarray(2, 23));
    assert.is(y.data.buffer, backing.buffer);
    assert.is(y.data.byteOffset, 8);
    assert.equal([...y.data], [...kernel(a, b).data]);
    assert.equal([...backing.subarray(0, 2), ...backing.subarray(23)], [-9, -9, -9, -9]);
  });

  s('an empty broadcast result is an empty tensor', () => {
    // [0, 3] with [3]: 0 rows of 3
    const y = kernel(tensor([0, 3]), tensor([3], [1, 2, 3]));
    assert.equal([y.shape, y.data.length], [[0, 3], 0]);
  });

  s('throws ShapeError for shapes that do not broadcast and for data that does not match its shape', () => {
    assert.throws(() => kernel(tensor([2, 3]), tensor([2])), isShapeError(new RegExp(`^${name}: a and b must broadcast .*got \\[2, 3\\] and \\[2\\]$`)));
    const bad = { shape: [2, 2], data: new Float32Array(3) };
    assert.throws(() => kernel(bad, tensor([1])), isShapeError(new RegExp(`^${name}: a data length 3 does not match shape \\[2, 2\\]`)));
    assert.throws(() => kernel(tensor([1]), bad), isShapeError(new RegExp(`^${name}: b data length 3`)));
  });

  s.run();
}

const simd = suite('add/sub/mul/div in WebAssembly SIMD (operands and out in kernel memory)');

simd('equal the JavaScript loop bit for bit, every op, lengths with 0-3 tail floats, out aliasing a, x/0 and 0/0, both builds', () => {
  for (const variant of relaxedSimdSupported() ? (['simd', 'relaxed'] as const) : (['simd'] as const)) {
    const kr = WasmKernels.create(variant);
    for (const n of [1, 3, 4, 7, 1001, 4 * 52 * 52]) {
      const av = Float32Array.from({ length: n }, (_, i) => Math.sin(i * 1.3) * 1e3);
      const bv = Float32Array.from({ length: n }, (_, i) => (i % 11 === 0 ? 0 : Math.cos(i * 0.7) * 1e-2));
      if (n > 2) av[1] = 0; // 0 / 0 where b[1] is not 0 either gives 0; b[0] = 0 gives x / 0 = +-Infinity
      for (const [name, kernel] of [['add', add], ['sub', sub], ['mul', mul], ['div', div]] as const) {
        const want = kernel(tensor([n], av), tensor([n], bv)).data;
        const a = kr.alloc(n);
        const b = kr.alloc(n);
        a.set(av);
        b.set(bv);
        const out = kr.alloc(n + 1).fill(7);
        const got = kernel(tensor([n], a), tensor([n], b), out.subarray(0, n), kr).data;
        assert.equal(Array.from(got), Array.from(want), `${variant} ${name} n=${n}`);
        assert.is(out[n], 7, `${variant} ${name} n=${n}: nothing written past out`);
        kernel(tensor([n], a), tensor([n], b), a, kr);
        assert.equal(Array.from(a), Array.from(want), `${variant} ${name} n=${n}, out = a`);
      }
    }
  }
});

simd.run();
