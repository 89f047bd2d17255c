import { ConfigError, ShapeError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConvPadding } from './conv-padding.js';
import { gemm } from './gemm.js';
import { im2col } from './im2col.js';
import { tensor } from './tensor.js';
import { assertClose, randInt, randTensor, rng, tfConv2d, tfReady } from './testing/c1-oracle.js';

const test = suite('im2col');
const nine = () => tensor([1, 1, 3, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9]);

test('2x2 windows, stride 2, padding 1 over 1..9 (hand-computed)', () => {
  // out = floor((3 + 2 - 2) / 2) + 1 = 2; window origins (-1,-1), (-1,1), (1,-1), (1,1)
  const y = im2col(nine(), { kernel: 2, stride: 2, padding: 1 });
  assert.equal(y.shape, [1, 4, 4]);
  assert.equal([...y.data], [
    0, 0, 0, 5, // tap (0,0): only (1,1) is inside -> 5
    0, 0, 4, 6, // tap (0,1): (1,0) -> 4, (1,2) -> 6
    0, 2, 0, 8, // tap (1,0): (0,1) -> 2, (2,1) -> 8
    1, 3, 7, 9, // tap (1,1): (0,0), (0,2), (2,0), (2,2)
  ]);
});

test('dilation 2 reads every other pixel; channels stack by row', () => {
  // one 2x2 window dilated to 3x3: taps (0,0), (0,2), (2,0), (2,2)
  assert.equal([...im2col(nine(), { kernel: 2, dilation: 2 }).data], [1, 3, 7, 9]);
  const two = tensor([1, 2, 1, 2], [1, 2, 10, 20]);
  // 1x2 kernel over a 1x2 plane per channel: rows c0 (0,0), c0 (0,1), c1 (0,0), c1 (0,1)
  assert.equal([...im2col(two, { kernel: [1, 2] }).data], [1, 2, 10, 20]);
});

test('GEMM of the weight with im2col columns equals tf.conv2d (randomized geometry)', async () => {
  await tfReady();
  for (let seed = 800; seed < 810; seed++) {
    const r = rng(seed);
    const cin = randInt(r, 1, 4), cout = randInt(r, 1, 4), h = randInt(r, 4, 12), w = randInt(r, 4, 12);
    const kh = randInt(r, 1, 4), kw = randInt(r, 1, 4), s = randInt(r, 1, 2);
    const pad = [randInt(r, 0, 2), randInt(r, 0, 2), randInt(r, 0, 2), randInt(r, 0, 2)] as const;
    const padding: ConvPadding = pad;
    const x = randTensor(r, [1, cin, h, w]);
    const wt = randTensor(r, [cout, cin, kh, kw]);
    const ref = tfConv2d(x, wt, [s, s], [[0, 0], [pad[0], pad[1]], [pad[2], pad[3]], [0, 0]], [1, 1]);
    const cols = im2col(x, { kernel: [kh, kw], stride: s, padding });
    const [, k, l] = cols.shape;
    const y = tensor(ref.shape, gemm(cout, l, k, wt.data, cols.data));
    assertClose(y, ref, `seed ${seed}`);
  }
});

test('throws on a wrong rank, a missing kernel and an empty output', () => {
  assert.throws(() => im2col(tensor([3, 3]), { kernel: 2 }), (e: unknown) => e instanceof ShapeError && /im2col: input must have rank 4/.test((e as Error).message));
  assert.throws(() => im2col(nine(), {} as { kernel: number }), (e: unknown) => e instanceof ConfigError && /im2col: kernel must be an integer >= 1/.test((e as Error).message));
  assert.throws(() => im2col(nine(), { kernel: 4 }), (e: unknown) => e instanceof ShapeError && /output 0x0/.test((e as Error).message));
});

test.run();
