import { ConfigError, ShapeError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { conv2d } from './conv2d.js';
import { deformConv2d } from './deform-conv2d.js';
import { type Tensor, tensor } from './tensor.js';
import { assertClose, randInt, randTensor, rng } from './testing/c1-oracle.js';

const test = suite('deformConv2d');
const x22 = (): Tensor => tensor([1, 1, 2, 2], [1, 2, 3, 4]);
const one = (): Tensor => tensor([1, 1, 1, 1], [1]);

/** Offsets [1, 2, 2, 2] for a 1x1 kernel: the same (dy, dx) at each of the 2x2 outputs. */
const uniformOffset = (dy: number, dx: number): Tensor => tensor([1, 2, 2, 2], [dy, dy, dy, dy, dx, dx, dx, dx]);

test('bilinear sampling at fractional offsets, zero outside the input (hand-computed)', () => {
  // 1x1 kernel, offset (+0.5, +0.5): output (y, x) samples input [1 2; 3 4] at (y + 0.5, x + 0.5)
  // (0.5, 0.5): (1 + 2 + 3 + 4) / 4 = 2.5; (0.5, 1.5): (2 + 4 + 0 + 0) / 4 = 1.5
  // (1.5, 0.5): (3 + 4 + 0 + 0) / 4 = 1.75; (1.5, 1.5): 4 / 4 = 1
  assert.equal([...deformConv2d(x22(), uniformOffset(0.5, 0.5), one()).data], [2.5, 1.5, 1.75, 1]);
  // offset (-0.25, 0): y = -0.25 lies between the zero row -1 (weight 0.25) and row 0 (weight 0.75)
  // -> [0.75 * 1, 0.75 * 2, row 0.75: 0.25 * 1 + 0.75 * 3, 0.25 * 2 + 0.75 * 4]
  assert.equal([...deformConv2d(x22(), uniformOffset(-0.25, 0), one()).data], [0.75, 1.5, 2.5, 3.5]);
  // one pixel or more outside: 0
  assert.equal([...deformConv2d(x22(), uniformOffset(0, -2), one()).data], [0, 0, 0, 0]);
});

test('the v2 mask scales each sampled value', () => {
  const mask = tensor([1, 1, 2, 2], [1, 0.5, 0, 2]);
  // zero offsets: [1, 2, 3, 4] * [1, 0.5, 0, 2]
  assert.equal([...deformConv2d(x22(), uniformOffset(0, 0), one(), { mask }).data], [1, 1, 0, 8]);
  // with a bias: the bias is not masked
  assert.equal([...deformConv2d(x22(), uniformOffset(0, 0), one(), { mask, bias: [1] }).data], [2, 2, 1, 9]);
});

function randomCase(seed: number) {
  const r = rng(seed);
  const groups = randInt(r, 1, 2), dg = randInt(r, 1, 2);
  const cin = groups * dg * randInt(r, 1, 2), cout = groups * randInt(r, 1, 3);
  const k = randInt(r, 1, 3), s = randInt(r, 1, 2), d = randInt(r, 1, 2);
  const h = randInt(r, 6, 11), w = randInt(r, 6, 11);
  const x = randTensor(r, [2, cin, h, w]);
  const wt = randTensor(r, [cout, cin / groups, k, k]);
  const bias = randTensor(r, [cout]).data;
  return { r, groups, dg, cin, cout, k, s, d, h, w, x, wt, bias };
}

test('zero offsets (and a mask of ones) equal conv2d (stride, dilation, padding, groups, deformable groups)', () => {
  for (let seed = 500; seed < 515; seed++) {
    const { r, groups, dg, cout, k, s, d, x, wt, bias } = randomCase(seed);
    const padding = [randInt(r, 0, 2), randInt(r, 0, 2), randInt(r, 0, 2), randInt(r, 0, 2)] as const;
    const ref = conv2d(x, wt, { stride: s, dilation: d, padding, groups, bias });
    const [n, , ho, wo] = ref.shape;
    const offset = tensor([n, 2 * dg * k * k, ho, wo]);
    const mask = tensor([n, dg * k * k, ho, wo], new Float32Array(n * dg * k * k * ho * wo).fill(1));
    const opts = { stride: s, dilation: d, padding, groups, bias, deformableGroups: dg };
    const label = `seed ${seed}: cout ${cout} k ${k} s ${s} d ${d} g ${groups} dg ${dg}`;
    assertClose(deformConv2d(x, offset, wt, opts), ref, `${label} v1`);
    assertClose(deformConv2d(x, offset, wt, { ...opts, mask }), ref, `${label} v2`);
  }
});

test('integer offsets equal conv2d on the input shifted by them, per deformable group', () => {
  for (let seed = 600; seed < 610; seed++) {
    const { r, groups, dg, cin, k, s, d, h, w, x, wt, bias } = randomCase(seed);
    const shifts = Array.from({ length: dg }, () => [randInt(r, -2, 2), randInt(r, -2, 2)] as const);
    // shifted[c, y, x] = input[c, y + dy, x + dx] (0 outside) with (dy, dx) of c's deformable group
    const shifted = tensor(x.shape);
    const per = cin / dg;
    for (let b = 0; b < 2; b++)
      for (let c = 0; c < cin; c++) {
        const [dy, dx] = shifts[Math.floor(c / per)];
        for (let y = 0; y < h; y++)
          for (let xx = 0; xx < w; xx++) {
            const sy = y + dy, sx = xx + dx;
            if (sy >= 0 && sy < h && sx >= 0 && sx < w) shifted.data[((b * cin + c) * h + y) * w + xx] = x.data[((b * cin + c) * h + sy) * w + sx];
          }
      }
    // VALID padding: every tap position lies inside the input, so both read the same pixels
    const ref = conv2d(shifted, wt, { stride: s, dilation: d, groups, bias });
    const [n, , ho, wo] = ref.shape;
    const taps = k * k;
    const offset = tensor([n, 2 * dg * taps, ho, wo]);
    for (let b = 0; b < n; b++)
      for (let g = 0; g < dg; g++)
        for (let t = 0; t < taps; t++) {
          const ch = (b * 2 * dg * taps + 2 * (g * taps + t)) * ho * wo;
          offset.data.fill(shifts[g][0], ch, ch + ho * wo);
          offset.data.fill(shifts[g][1], ch + ho * wo, ch + 2 * ho * wo);
        }
    assertClose(deformConv2d(x, offset, wt, { stride: s, dilation: d, groups, bias, deformableGroups: dg }), ref, `seed ${seed}`);
  }
});

test('a constant mask m scales the unbiased output by m', () => {
  const { dg, k, s, x, wt, groups } = randomCase(700);
  const ref = conv2d(x, wt, { stride: s, padding: 'same', groups });
  const [n, , ho, wo] = ref.shape;
  const r = rng(701);
  const offset = randTensor(r, [n, 2 * dg * k * k, ho, wo]);
  const mask = tensor([n, dg * k * k, ho, wo], new Float32Array(n * dg * k * k * ho * wo).fill(0.3));
  const opts = { stride: s, padding: 'same' as const, groups, deformableGroups: dg };
  const v1 = deformConv2d(x, offset, wt, opts);
  const scaled = tensor(v1.shape, v1.data.map((v) => 0.3 * v));
  assertClose(deformConv2d(x, offset, wt, { ...opts, mask }), scaled, 'mask 0.3');
});

const isShape = (re: RegExp) => (e: unknown) => e instanceof ShapeError && re.test((e as Error).message);
const isConfig = (re: RegExp) => (e: unknown) => e instanceof ConfigError && re.test((e as Error).message);

test('throws on offset / mask shapes, deformable groups and conv2d argument errors', () => {
  const x = tensor([1, 4, 5, 5]);
  const w = tensor([2, 4, 3, 3]);
  const off = tensor([1, 18, 3, 3]);
  assert.throws(() => deformConv2d(x, tensor([1, 18, 3, 4]), w), isShape(/deformConv2d: offset must have shape \[N, 2\*dg\*kh\*kw, Ho, Wo\] = \[1, 18, 3, 3\]/));
  assert.throws(() => deformConv2d(x, tensor([18, 3, 3]), w), isShape(/deformConv2d: offset must have rank 4/));
  assert.throws(() => deformConv2d(x, off, w, { mask: tensor([1, 18, 3, 3]) }), isShape(/mask must have shape \[N, dg\*kh\*kw, Ho, Wo\] = \[1, 9, 3, 3\]/));
  assert.throws(() => deformConv2d(x, off, w, { deformableGroups: 3 }), isShape(/deformableGroups must divide input channels 4, got 3/));
  assert.throws(() => deformConv2d(x, off, w, { deformableGroups: 0 }), isConfig(/deformableGroups must be an integer >= 1, got 0/));
  assert.throws(() => deformConv2d(x, off, tensor([2, 3, 3, 3])), isShape(/deformConv2d: weight must have shape/));
  assert.throws(() => deformConv2d(tensor([1, 4, 2, 2]), off, w), isShape(/deformConv2d: input must be at least as large/));
});

test.run();
