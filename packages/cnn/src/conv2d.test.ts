import { ConfigError, ShapeError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConvPadding } from './conv-padding.js';
import { conv2d } from './conv2d.js';
import { type Tensor, tensor } from './tensor.js';
import {
  type TfPad, addBias, assertClose, concatChannels, fromNhwc, permute4, randInt, randTensor, rng, sliceChannels, tf,
  tfConv2d, tfReady, tfRun, toNhwc,
} from './testing/c1-oracle.js';

const test = suite('conv2d');
const nine = (): Tensor => tensor([1, 1, 3, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9]);
const ones = (k: number): Tensor => tensor([1, 1, k, k], new Float32Array(k * k).fill(1));

test('sums each 2x2 window of a 3x3 input with an all-ones kernel (valid)', () => {
  const y = conv2d(nine(), ones(2));
  // [1+2+4+5, 2+3+5+6; 4+5+7+8, 5+6+8+9]
  assert.equal(y.shape, [1, 1, 2, 2]);
  assert.equal([...y.data], [12, 16, 24, 28]);
});

test("pads SAME as TensorFlow: the odd pixel goes to the bottom/right", () => {
  // total pad = (3 - 1) * 1 + (2 - 1) + 1 - 3 = 1 -> top 0, bottom 1, left 0, right 1
  const y = conv2d(nine(), ones(2), { padding: 'same' });
  assert.equal(y.shape, [1, 1, 3, 3]);
  // last column: 3+6, 6+9, 9; last row: 7+8, 8+9, 9
  assert.equal([...y.data], [12, 16, 9, 24, 28, 15, 15, 17, 9]);
});

test('stride 2 with padding 1, a 3x3 kernel and a bias', () => {
  // out = floor((3 + 2 - 3) / 2) + 1 = 2; windows centred on the corners of the input
  const y = conv2d(nine(), ones(3), { stride: 2, padding: 1, bias: [0.5] });
  // (0,0): 1+2+4+5, (0,2): 2+3+5+6, (2,0): 4+5+7+8, (2,2): 5+6+8+9, each + 0.5
  assert.equal([...y.data], [12.5, 16.5, 24.5, 28.5]);
});

test('asymmetric padding [top 1, bottom 0, left 0, right 2] and dilation 2', () => {
  // dilated 2x2 ones kernel covers taps (0,0),(0,2),(2,0),(2,2); padded input rows -1..2, cols 0..4
  // out = (3 + 1 - 3) + 1 = 2 rows, (3 + 2 - 3) + 1 = 3 cols
  const y = conv2d(nine(), ones(2), { padding: [1, 0, 0, 2], dilation: 2 });
  assert.equal(y.shape, [1, 1, 2, 3]);
  // row 0 (input rows -1 and 1): x0: 4+6, x1: 5+0, x2: 6+0; row 1 (rows 0 and 2): 1+3+7+9, 2+8, 3+9
  assert.equal([...y.data], [10, 5, 6, 20, 10, 12]);
});

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

test('equals tf.conv2d on randomized shapes (odd sizes, stride 2, dilation 2, SAME/VALID/explicit)', async () => {
  await tfReady();
  for (let seed = 1; seed <= 40; seed++) {
    const r = rng(seed);
    const n = randInt(r, 1, 2), cin = randInt(r, 1, 7), cout = randInt(r, 1, 9);
    const h = randInt(r, 5, 17), w = randInt(r, 5, 17), kh = randInt(r, 1, 5), kw = randInt(r, 1, 5);
    const stride: [number, number] = [pick(r, [1, 2]), pick(r, [1, 2])];
    // tfjs accepts dilation > 1 only with stride 1 (the stride-and-dilation case is tested below)
    const dilation: [number, number] = stride[0] === 1 && stride[1] === 1 ? [pick(r, [1, 2]), pick(r, [1, 2])] : [1, 1];
    const kind = pick(r, ['same', 'valid', 'explicit'] as const);
    const pads = [randInt(r, 0, 2), randInt(r, 0, 2), randInt(r, 0, 2), randInt(r, 0, 2)] as const;
    const padding: ConvPadding = kind === 'explicit' ? pads : kind;
    const tfPad: TfPad = kind === 'explicit' ? [[0, 0], [pads[0], pads[1]], [pads[2], pads[3]], [0, 0]] : kind;
    const x = randTensor(r, [n, cin, h, w]);
    const wt = randTensor(r, [cout, cin, kh, kw]);
    const bias = randTensor(r, [cout]).data;
    const label = `seed ${seed}: x [${x.shape}] w [${wt.shape}] s ${stride} d ${dilation} pad ${JSON.stringify(padding)}`;
    const expected = addBias(tfConv2d(x, wt, stride, tfPad, dilation), bias);
    assertClose(conv2d(x, wt, { stride, padding, dilation, bias }), expected, label);
  }
});

test('equals tf.conv2d when the GEMM spans several K, M and N blocks', async () => {
  await tfReady();
  const r = rng(77);
  // K = 40 * 9 = 360 (> one K block), M = 70, N = 37 * 31 = 1147
  const x = randTensor(r, [1, 40, 37, 31]);
  const wt = randTensor(r, [70, 40, 3, 3]);
  assertClose(conv2d(x, wt, { padding: 'same' }), tfConv2d(x, wt, [1, 1], 'same', [1, 1]), 'large');
});

test('1x1 stride-1 path (no im2col) equals tf.conv2d', async () => {
  await tfReady();
  const r = rng(5);
  const x = randTensor(r, [2, 19, 11, 9]);
  const wt = randTensor(r, [13, 19, 1, 1]);
  const bias = randTensor(r, [13]).data;
  assertClose(conv2d(x, wt, { bias }), addBias(tfConv2d(x, wt, [1, 1], 'valid', [1, 1]), bias), '1x1');
  // 1x1 with stride 2 goes through im2col
  assertClose(conv2d(x, wt, { stride: 2 }), tfConv2d(x, wt, [2, 2], 'valid', [1, 1]), '1x1 stride 2');
});

test('stride 2 together with dilation 2 equals tf.conv2d with the zero-dilated kernel', async () => {
  await tfReady();
  const r = rng(11);
  const x = randTensor(r, [1, 3, 15, 14]);
  const wt = randTensor(r, [4, 3, 3, 2]);
  // dilation 2 is a (2k-1)-tap kernel with zeros between the taps
  const dil = tensor([4, 3, 5, 3]);
  for (let o = 0; o < 4; o++)
    for (let c = 0; c < 3; c++)
      for (let i = 0; i < 3; i++)
        for (let j = 0; j < 2; j++) dil.data[((o * 3 + c) * 5 + 2 * i) * 3 + 2 * j] = wt.data[((o * 3 + c) * 3 + i) * 2 + j];
  assertClose(
    conv2d(x, wt, { stride: 2, dilation: 2, padding: [2, 1, 0, 1] }),
    tfConv2d(x, dil, [2, 2], [[0, 0], [2, 1], [0, 1], [0, 0]], [1, 1]),
    'stride+dilation',
  );
});

test('depthwise (groups = Cin, multiplier 1, 2 and 6) equals tf.depthwiseConv2d', async () => {
  await tfReady();
  let seed = 100;
  for (const mult of [1, 2, 6]) {
    for (const [stride, dilation, pad] of [[1, 1, 'same'], [2, 1, 'valid'], [1, 2, 'same'], [2, 1, 'same']] as const) {
      const r = rng(seed++);
      const cin = randInt(r, 1, 6), h = randInt(r, 6, 13), w = randInt(r, 6, 13), k = randInt(r, 1, 4);
      const x = randTensor(r, [2, cin, h, w]);
      const wt = randTensor(r, [cin * mult, 1, k, k]);
      const bias = randTensor(r, [cin * mult]).data;
      // our output channel c * mult + m is tf's filter [i, j, c, m]
      const expected = tfRun(() => {
        const f = tf.tensor4d(permute4(wt.data, [cin, mult, k, k], [2, 3, 0, 1]), [k, k, cin, mult]);
        return fromNhwc(tf.depthwiseConv2d(toNhwc(x), f, stride, pad, 'NHWC', dilation));
      });
      assertClose(
        conv2d(x, wt, { groups: cin, stride, dilation, padding: pad, bias }),
        addBias(expected, bias),
        `mult ${mult} k ${k} s ${stride} d ${dilation} ${pad}`,
      );
    }
  }
});

test('grouped convolution equals per-group tf.conv2d on channel slices', async () => {
  await tfReady();
  for (const [seed, groups] of [[200, 2], [201, 3], [202, 4]]) {
    const r = rng(seed);
    const cinG = randInt(r, 1, 4), coutG = randInt(r, 1, 5), k = randInt(r, 1, 3);
    const x = randTensor(r, [2, cinG * groups, 9, 11]);
    const wt = randTensor(r, [coutG * groups, cinG, k, k]);
    const parts: Tensor[] = [];
    for (let g = 0; g < groups; g++) {
      const wg = tensor([coutG, cinG, k, k], wt.data.slice(g * coutG * cinG * k * k, (g + 1) * coutG * cinG * k * k));
      parts.push(tfConv2d(sliceChannels(x, g * cinG, (g + 1) * cinG), wg, [2, 1], 'same', [1, 1]));
    }
    assertClose(conv2d(x, wt, { groups, stride: [2, 1], padding: 'same' }), concatChannels(parts), `groups ${groups}`);
  }
});

const isShape = (re: RegExp) => (e: unknown) => e instanceof ShapeError && re.test((e as Error).message);
const isConfig = (re: RegExp) => (e: unknown) => e instanceof ConfigError && re.test((e as Error).message);

test('throws ShapeError on a wrong rank, channel mismatch, bad groups, bias length and empty output', () => {
  const x = tensor([1, 4, 5, 5]);
  assert.throws(() => conv2d(tensor([4, 5, 5]), tensor([2, 4, 3, 3])), isShape(/conv2d: input must have rank 4/));
  assert.throws(() => conv2d(x, tensor([2, 4, 3])), isShape(/conv2d: weight must have rank 4/));
  assert.throws(() => conv2d(x, tensor([2, 3, 3, 3])), isShape(/conv2d: weight must have shape \[Cout, Cin \/ groups = 4/));
  assert.throws(() => conv2d(x, tensor([2, 4, 3, 3]), { groups: 3 }), isShape(/conv2d: groups must divide input channels 4/));
  assert.throws(() => conv2d(x, tensor([3, 2, 3, 3]), { groups: 2 }), isShape(/output channels 3/));
  assert.throws(() => conv2d(x, tensor([2, 4, 3, 3]), { bias: [1] }), isShape(/conv2d: bias must have length Cout = 2, got 1/));
  assert.throws(() => conv2d(x, tensor([2, 4, 6, 3])), isShape(/conv2d: input must be at least as large as the dilated kernel/));
  assert.throws(() => conv2d(x, tensor([2, 4, 3, 3]), { dilation: 3 }), isShape(/output 0x0|output -1x-1/));
});

test('throws ConfigError on a malformed stride, dilation, padding or groups', () => {
  const x = tensor([1, 4, 5, 5]);
  const w = tensor([2, 4, 3, 3]);
  assert.throws(() => conv2d(x, w, { stride: 0 }), isConfig(/conv2d: stride must be an integer >= 1/));
  assert.throws(() => conv2d(x, w, { dilation: [1, 1.5] as unknown as [number, number] }), isConfig(/conv2d: dilation/));
  assert.throws(() => conv2d(x, w, { padding: -1 }), isConfig(/conv2d: padding must be 'same', 'valid'/));
  assert.throws(() => conv2d(x, w, { padding: [1, 2, 3] as unknown as number }), isConfig(/got \[1,2,3\]/));
  assert.throws(() => conv2d(x, w, { groups: 0 }), isConfig(/conv2d: groups must be an integer >= 1, got 0/));
});

test.run();
