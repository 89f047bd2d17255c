import { ConfigError, ShapeError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { col2im } from './col2im.js';
import { im2col } from './im2col.js';
import { tensor } from './tensor.js';
import { randInt, randTensor, rng } from './testing/c1-oracle.js';

const test = suite('col2im');

test('sums overlapping windows (hand-computed coverage counts)', () => {
  // two 1x2 windows over a 1x3 row: the middle pixel is in both
  assert.equal([...col2im(tensor([1, 2, 2], [1, 1, 1, 1]), { kernel: [1, 2], outputSize: [1, 3] }).data], [1, 2, 1]);
  // 2x2 windows over 3x3 ones: corners in 1 window, edges in 2, centre in 4
  const ones = tensor([1, 1, 3, 3], new Float32Array(9).fill(1));
  const back = col2im(im2col(ones, { kernel: 2 }), { kernel: 2, outputSize: [3, 3] });
  assert.equal([...back.data], [1, 2, 1, 2, 4, 2, 1, 2, 1]);
});

test('drops entries in the padding', () => {
  // 1x1 input, 3x3 kernel, padding 1: only the centre tap (row 4) lands on the pixel
  const cols = tensor([1, 9, 1], [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.equal([...col2im(cols, { kernel: 3, padding: 1, outputSize: [1, 1] }).data], [5]);
});

test('is the adjoint of im2col: <im2col(x), y> = <x, col2im(y)> (stride, dilation, asymmetric padding)', () => {
  for (let seed = 900; seed < 915; seed++) {
    const r = rng(seed);
    const c = randInt(r, 1, 3), h = randInt(r, 4, 11), w = randInt(r, 4, 11);
    const opts = {
      kernel: [randInt(r, 1, 3), randInt(r, 1, 3)] as [number, number],
      stride: [randInt(r, 1, 3), randInt(r, 1, 3)] as [number, number],
      dilation: [randInt(r, 1, 2), randInt(r, 1, 2)] as [number, number],
      padding: [randInt(r, 0, 2), randInt(r, 0, 2), randInt(r, 0, 2), randInt(r, 0, 2)] as const,
    };
    const x = randTensor(r, [2, c, h, w]);
    const cols = im2col(x, opts);
    const y = randTensor(r, cols.shape);
    const back = col2im(y, { ...opts, outputSize: [h, w] });
    assert.equal(back.shape, x.shape);
    let lhs = 0, rhs = 0, scale = 0;
    for (let i = 0; i < y.data.length; i++) { lhs += cols.data[i] * y.data[i]; scale += Math.abs(cols.data[i] * y.data[i]); }
    for (let i = 0; i < x.data.length; i++) rhs += x.data[i] * back.data[i];
    assert.ok(Math.abs(lhs - rhs) <= 1e-5 * Math.max(1, scale), `seed ${seed}: ${lhs} vs ${rhs}`);
  }
});

const isShape = (re: RegExp) => (e: unknown) => e instanceof ShapeError && re.test((e as Error).message);

test('throws on a wrong rank, a row count not a multiple of kh*kw, a column count not Ho*Wo, a bad outputSize', () => {
  assert.throws(() => col2im(tensor([4, 1]), { kernel: 2, outputSize: [2, 2] }), isShape(/col2im: cols must have rank 3/));
  assert.throws(() => col2im(tensor([1, 5, 1]), { kernel: 2, outputSize: [2, 2] }), isShape(/col2im: cols dimension 1 must be a multiple of kh\*kw = 4, got 5/));
  assert.throws(() => col2im(tensor([1, 4, 2]), { kernel: 2, outputSize: [2, 2] }), isShape(/col2im: cols dimension 2 must be Ho\*Wo = 1\*1 = 1, got 2/));
  assert.throws(
    () => col2im(tensor([1, 4, 1]), { kernel: 2, outputSize: [0, 2] }),
    (e: unknown) => e instanceof ConfigError && /col2im: outputSize must be an integer >= 1/.test((e as Error).message),
  );
});

test.run();
