import { ConfigError, ShapeError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { conv2d } from './conv2d.js';
import { conv2dTranspose } from './conv2d-transpose.js';
import { type Tensor, tensor } from './tensor.js';
import { addBias, assertClose, fromNhwc, permute4, randInt, randTensor, rng, tf, tfReady, tfRun, toNhwc } from './testing/c1-oracle.js';

const test = suite('conv2dTranspose');
const x22 = (): Tensor => tensor([1, 1, 2, 2], [1, 2, 3, 4]);
const ones22 = (): Tensor => tensor([1, 1, 2, 2], [1, 1, 1, 1]);

test('stride 1 scatters each pixel into a 2x2 block, overlaps summing', () => {
  const y = conv2dTranspose(x22(), ones22());
  assert.equal(y.shape, [1, 1, 3, 3]);
  // [1, 1+2, 2; 1+3, 1+2+3+4, 2+4; 3, 3+4, 4]
  assert.equal([...y.data], [1, 3, 2, 4, 10, 6, 3, 7, 4]);
});

test('stride 2 tiles the 2x2 blocks without overlap; padding crops; outputPadding adds a bottom/right row', () => {
  assert.equal([...conv2dTranspose(x22(), ones22(), { stride: 2 }).data], [1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]);
  // padding 1 crops one row/column on every side of the 4x4 -> the centre 2x2
  assert.equal([...conv2dTranspose(x22(), ones22(), { stride: 2, padding: 1 }).data], [1, 2, 3, 4]);
  // outputPadding 1 keeps one more row and column at the bottom/right: the cropped
  // 4x4's row 3 / column 3 ([3, 4, 4] / [2, 4, 4]), then + bias 10
  const y = conv2dTranspose(x22(), ones22(), { stride: 2, padding: 1, outputPadding: 1, bias: [10] });
  assert.equal(y.shape, [1, 1, 3, 3]);
  assert.equal([...y.data], [11, 12, 12, 13, 14, 14, 13, 14, 14]);
});

test('equals tf.conv2dTranspose (SAME and VALID, output padding via the output shape) on randomized shapes', async () => {
  await tfReady();
  for (let seed = 300; seed < 330; seed++) {
    const r = rng(seed);
    const n = randInt(r, 1, 2), cin = randInt(r, 1, 6), cout = randInt(r, 1, 7);
    const h = randInt(r, 2, 9), w = randInt(r, 2, 9), kh = randInt(r, 1, 4), kw = randInt(r, 1, 4);
    const sh = randInt(r, 1, 3), sw = randInt(r, 1, 3);
    const same = r() < 0.5;
    // VALID: any extra of 0..s-1 rows still maps back to an H x W input under the forward conv
    const oph = same ? 0 : randInt(r, 0, sh - 1), opw = same ? 0 : randInt(r, 0, sw - 1);
    const outH = same ? h * sh : (h - 1) * sh + kh + oph;
    const outW = same ? w * sw : (w - 1) * sw + kw + opw;
    const x = randTensor(r, [n, cin, h, w]);
    const wt = randTensor(r, [cin, cout, kh, kw]);
    const bias = randTensor(r, [cout]).data;
    const expected = tfRun(() => {
      // ours [Cin, Cout, kh, kw] -> tfjs [kh, kw, Cout, Cin]
      const f = tf.tensor4d(permute4(wt.data, wt.shape, [2, 3, 1, 0]), [kh, kw, cout, cin]);
      return fromNhwc(tf.conv2dTranspose(toNhwc(x), f, [n, outH, outW, cout], [sh, sw], same ? 'same' : 'valid'));
    });
    const actual = conv2dTranspose(x, wt, {
      stride: [sh, sw], padding: same ? 'same' : 'valid', outputPadding: [oph, opw], bias,
    });
    assertClose(actual, addBias(expected, bias), `seed ${seed}: x [${x.shape}] w [${wt.shape}] s ${sh},${sw} ${same ? 'same' : `valid op ${oph},${opw}`}`);
  }
});

test('is the adjoint of conv2d with the same weight: <conv2d(x), r> = <x, conv2dTranspose(r)> (dilation, groups, asymmetric padding)', () => {
  for (let seed = 400; seed < 412; seed++) {
    const rnd = rng(seed);
    const groups = randInt(rnd, 1, 3), cinG = randInt(rnd, 1, 3), coutG = randInt(rnd, 1, 3);
    const h = randInt(rnd, 7, 13), w = randInt(rnd, 7, 13), kh = randInt(rnd, 1, 3), kw = randInt(rnd, 1, 3);
    const s = randInt(rnd, 1, 2), d = randInt(rnd, 1, 2);
    const pad = [randInt(rnd, 0, 2), randInt(rnd, 0, 2), randInt(rnd, 0, 2), randInt(rnd, 0, 2)] as const;
    const x = randTensor(rnd, [2, groups * cinG, h, w]);
    const wt = randTensor(rnd, [groups * coutG, cinG, kh, kw]);
    const y = conv2d(x, wt, { stride: s, dilation: d, padding: pad, groups });
    const r = randTensor(rnd, y.shape);
    const [, , ho, wo] = y.shape;
    // outputPadding brings the transposed output back to exactly H x W
    const op: [number, number] = [h - ((ho - 1) * s - pad[0] - pad[1] + (kh - 1) * d + 1), w - ((wo - 1) * s - pad[2] - pad[3] + (kw - 1) * d + 1)];
    const xt = conv2dTranspose(r, wt, { stride: s, dilation: d, padding: pad, groups, outputPadding: op });
    assert.equal(xt.shape, x.shape, `seed ${seed}: shape`);
    let lhs = 0, rhs = 0, scale = 0;
    for (let i = 0; i < y.data.length; i++) { lhs += y.data[i] * r.data[i]; scale += Math.abs(y.data[i] * r.data[i]); }
    for (let i = 0; i < x.data.length; i++) rhs += x.data[i] * xt.data[i];
    assert.ok(Math.abs(lhs - rhs) <= 1e-5 * Math.max(1, scale), `seed ${seed}: ${lhs} vs ${rhs}`);
  }
});

const isShape = (re: RegExp) => (e: unknown) => e instanceof ShapeError && re.test((e as Error).message);
const isConfig = (re: RegExp) => (e: unknown) => e instanceof ConfigError && re.test((e as Error).message);

test('throws on a wrong rank, channel mismatch, bad groups, bias length, empty output and too much outputPadding', () => {
  const x = tensor([1, 4, 3, 3]);
  assert.throws(() => conv2dTranspose(tensor([4, 3, 3]), tensor([4, 2, 2, 2])), isShape(/conv2dTranspose: input must have rank 4/));
  assert.throws(() => conv2dTranspose(x, tensor([4, 2, 2])), isShape(/conv2dTranspose: weight must have rank 4/));
  assert.throws(() => conv2dTranspose(x, tensor([3, 2, 2, 2])), isShape(/weight must have shape \[Cin = 4/));
  assert.throws(() => conv2dTranspose(x, tensor([4, 2, 2, 2]), { groups: 3 }), isShape(/groups must divide input channels 4/));
  assert.throws(() => conv2dTranspose(x, tensor([4, 2, 2, 2]), { bias: [1] }), isShape(/bias must have length Cout = 2/));
  assert.throws(() => conv2dTranspose(x, tensor([4, 2, 1, 1]), { padding: 2 }), isShape(/output must be at least 1x1, got -1x-1/));
  assert.throws(() => conv2dTranspose(x, tensor([4, 2, 2, 2]), { stride: 2, outputPadding: 2 }), isConfig(/outputPadding must be smaller than stride or dilation/));
  assert.throws(() => conv2dTranspose(x, tensor([4, 2, 2, 2]), { groups: 1.5 }), isConfig(/groups must be an integer >= 1/));
  assert.throws(() => conv2dTranspose(x, tensor([4, 2, 2, 2]), { padding: 'full' as 'same' }), isConfig(/padding must be/));
});

test.run();
