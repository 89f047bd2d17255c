import { ConfigError, ShapeError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { batchNorm } from './batch-norm.js';
import { conv2d } from './conv2d.js';
import { foldBatchNorm } from './fold-batch-norm.js';
import { type Tensor, tensor } from './tensor.js';
import { expectClose, maxAbsError, randInt, randTensor, rng } from './testing/c2-oracle.js';

/** Direct-loop NCHW convolution in float64 (groups, stride, symmetric padding): the test's own reference. */
function naiveConv(x: Tensor, w: Tensor, bias: ArrayLike<number>, stride: number, pad: number, groups: number): Tensor {
  const [n, cin, h, wd] = x.shape;
  const [cout, cpg, kh, kw] = w.shape;
  const oh = Math.floor((h + 2 * pad - kh) / stride) + 1;
  const ow = Math.floor((wd + 2 * pad - kw) / stride) + 1;
  const out = new Float32Array(n * cout * oh * ow);
  const opg = cout / groups;
  for (let b = 0; b < n; b++)
    for (let o = 0; o < cout; o++) {
      const g = Math.floor(o / opg);
      for (let oy = 0; oy < oh; oy++)
        for (let ox = 0; ox < ow; ox++) {
          let s = bias[o];
          for (let ci = 0; ci < cpg; ci++)
            for (let ky = 0; ky < kh; ky++)
              for (let kx = 0; kx < kw; kx++) {
                const iy = oy * stride - pad + ky;
                const ix = ox * stride - pad + kx;
                if (iy < 0 || iy >= h || ix < 0 || ix >= wd) continue;
                s += x.data[((b * cin + g * cpg + ci) * h + iy) * wd + ix] * w.data[((o * cpg + ci) * kh + ky) * kw + kx];
              }
          out[((b * cout + o) * oh + oy) * ow + ox] = s;
        }
    }
  return tensor([n, cout, oh, ow], out);
}

const fold = suite('foldBatchNorm');

fold('hand case: s = gamma / sqrt(var + eps), weight * s, (bias - mean) * s + beta', () => {
  // Cout 2, 1x1 kernel, Cin 2. channel 0: gamma 3, var 4 - eps -> s = 1.5; channel 1: gamma 1, var 0.25 - eps -> s = 2.
  const eps = 1e-5;
  const w = tensor([2, 2, 1, 1], [2, -1, 0.5, 4]);
  const r = foldBatchNorm({ weight: w, bias: [1, -2] }, { gamma: [3, 1], beta: [1, 0.5], mean: [0.5, 1], variance: [4 - eps, 0.25 - eps], eps });
  expectClose(r.weight.data, [3, -1.5, 1, 8], 'weight');
  // bias: (1 - 0.5) * 1.5 + 1 = 1.75; (-2 - 1) * 2 + 0.5 = -5.5
  expectClose(r.bias, [1.75, -5.5], 'bias');
  assert.equal(r.weight.shape, [2, 2, 1, 1]);
  assert.equal([...w.data], [2, -1, 0.5, 4]); // input untouched
});

fold('conv followed by BN equals the folded conv within 1e-5 (direct-loop conv, groups and stride)', () => {
  for (let seed = 0; seed < 12; seed++) {
    const r = rng(seed);
    const groups = [1, 2, 3][seed % 3];
    const cpg = randInt(r, 1, 3);
    const cout = groups * randInt(r, 1, 3);
    const k = randInt(r, 1, 3);
    const x = randTensor(r, [randInt(r, 1, 2), groups * cpg, randInt(r, k, 8), randInt(r, k, 8)]);
    const w = randTensor(r, [cout, cpg, k, k], -1, 1);
    const bias = seed % 2 === 0 ? randTensor(r, [cout]).data : undefined;
    const bn = {
      gamma: randTensor(r, [cout], 0.5, 2).data,
      beta: randTensor(r, [cout]).data,
      mean: randTensor(r, [cout], -0.5, 0.5).data,
      variance: randTensor(r, [cout], 0.5, 2).data,
      eps: 1e-5,
    };
    const stride = randInt(r, 1, 2);
    const pad = randInt(r, 0, k - 1);
    const reference = batchNorm(naiveConv(x, w, bias ?? new Float32Array(cout), stride, pad, groups), bn);
    const f = foldBatchNorm({ weight: w, bias }, bn);
    const folded = naiveConv(x, f.weight, f.bias, stride, pad, groups);
    expectClose(folded.data, reference.data, `seed ${seed}`, 'foldBatchNorm (naive conv)', 1e-5);
    // The acceptance figure is absolute: within 1e-5, whatever the output scale.
    const err = maxAbsError(folded.data, reference.data);
    assert.ok(err <= 1e-5, `seed ${seed}: ${err}`);
  }
});

fold('conv2d followed by batchNorm equals conv2d with the folded weights within 1e-5 (incl. depthwise, SAME, dilation 2)', () => {
  // The acceptance figure of the issue, with the package's own im2col/GEMM conv2d (C1).
  for (let seed = 100; seed < 116; seed++) {
    const r = rng(seed);
    const depthwise = seed % 4 === 0;
    const groups = depthwise ? randInt(r, 2, 6) : [1, 2][seed % 2];
    const cin = depthwise ? groups : groups * randInt(r, 1, 4);
    const cout = depthwise ? groups : groups * randInt(r, 1, 4);
    const k = randInt(r, 1, 3);
    const x = randTensor(r, [randInt(r, 1, 2), cin, randInt(r, 5, 12), randInt(r, 5, 12)]);
    const w = randTensor(r, [cout, cin / groups, k, k], -1, 1);
    const bias = seed % 2 === 0 ? randTensor(r, [cout]).data : undefined;
    const opts = {
      stride: randInt(r, 1, 2),
      padding: seed % 3 === 0 ? ('same' as const) : ([randInt(r, 0, 1), randInt(r, 0, 2), randInt(r, 0, 1), randInt(r, 0, 2)] as const),
      dilation: seed % 5 === 0 ? 2 : 1,
      groups,
    };
    const bn = {
      gamma: randTensor(r, [cout], 0.5, 2).data,
      beta: randTensor(r, [cout]).data,
      mean: randTensor(r, [cout], -0.5, 0.5).data,
      variance: randTensor(r, [cout], 0.5, 2).data,
      eps: 1e-5,
    };
    const reference = batchNorm(conv2d(x, w, { ...opts, bias }), bn);
    const f = foldBatchNorm({ weight: w, bias }, bn);
    const folded = conv2d(x, f.weight, { ...opts, bias: f.bias });
    const err = maxAbsError(folded.data, reference.data);
    expectClose(folded.data, reference.data, `seed ${seed}`, 'foldBatchNorm (conv2d)', 1e-5);
    assert.ok(err <= 1e-5, `seed ${seed}: ${err}`);
  }
});

fold('throws on a bad weight rank, wrong vector lengths and bad eps', () => {
  const w = tensor([2, 1, 3, 3]);
  const bn = { gamma: [1, 1], beta: [0, 0], mean: [0, 0], variance: [1, 1] };
  assert.throws(() => foldBatchNorm({ weight: tensor([2, 9]) }, bn), (e: unknown) => e instanceof ShapeError && /conv.weight must have rank 4/.test(e.message));
  assert.throws(() => foldBatchNorm({ weight: w, bias: [1] }, bn), (e: unknown) => e instanceof ShapeError && /conv.bias must have length 2/.test(e.message));
  assert.throws(() => foldBatchNorm({ weight: w }, { ...bn, variance: [1, 1, 1] }), (e: unknown) => e instanceof ShapeError && /bn.variance/.test(e.message));
  assert.throws(() => foldBatchNorm({ weight: w }, { ...bn, mean: undefined as never }), (e: unknown) => e instanceof ShapeError && /bn.mean/.test(e.message));
  assert.throws(() => foldBatchNorm({ weight: w }, { ...bn, eps: -1 }), (e: unknown) => e instanceof ConfigError);
});

fold.run();
