import { ConfigError, ShapeError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { batchNorm } from './batch-norm.js';
import { batchNormTrain } from './batch-norm-train.js';
import { tensor } from './tensor.js';
import { expectClose, fromNhwc, randInt, randTensor, rng, tf, tfReady, toNhwc } from './testing/c2-oracle.js';

const ev = suite('batchNorm');

ev.before(async () => {
  await tfReady();
});

ev('hand case: gamma * (x - mean) / sqrt(var + eps) + beta per channel', () => {
  // channel 0: mean 1, var 4, gamma 2, beta 1, eps 0.25 -> x=3: 2 * 2 / sqrt(4.25) + 1
  // channel 1: mean -1, var 0.75, gamma 1, beta 0 -> x=0: 1 / sqrt(1) = 1
  const y = batchNorm(tensor([1, 2, 1, 1], [3, 0]), { mean: [1, -1], variance: [4, 0.75], gamma: [2, 1], beta: [1, 0], eps: 0.25 });
  expectClose(y.data, [(2 * 2) / Math.sqrt(4.25) + 1, 1], 'hand');
});

ev('matches tf.batchNorm on random NCHW inputs and on [N, C]', () => {
  for (let seed = 0; seed < 12; seed++) {
    const r = rng(seed);
    const c = randInt(r, 1, 5);
    const x = randTensor(r, [randInt(r, 1, 3), c, randInt(r, 1, 9), randInt(r, 1, 9)], -3, 3);
    const p = {
      mean: randTensor(r, [c]).data,
      variance: randTensor(r, [c], 0.1, 3).data,
      gamma: randTensor(r, [c]).data,
      beta: randTensor(r, [c]).data,
      eps: 1e-3,
    };
    const expected = tf.tidy(() =>
      fromNhwc(tf.batchNorm(toNhwc(x), tf.tensor1d(p.mean), tf.tensor1d(p.variance), tf.tensor1d(p.beta), tf.tensor1d(p.gamma), p.eps)),
    );
    expectClose(batchNorm(x, p).data, expected, `seed ${seed}`, 'batchNorm vs tf.batchNorm');
  }
  // Rank 2 ([N, C], after a linear layer): tf's batchNorm broadcasts over the last axis.
  const x = randTensor(rng(99), [4, 3]);
  const p = { mean: [0.5, -1, 2], variance: [1, 2, 0.5], eps: 1e-3 };
  const expected = tf.tidy(() => tf.batchNorm(tf.tensor2d(x.data, [4, 3]), p.mean, p.variance, undefined, undefined, p.eps).dataSync());
  expectClose(batchNorm(x, p).data, expected, 'rank 2', 'batchNorm vs tf.batchNorm');
});

ev('throws on rank < 2, wrong parameter lengths and bad eps', () => {
  const x = tensor([1, 2, 2, 2]);
  assert.throws(() => batchNorm(tensor([3]), { mean: [0], variance: [1] }), (e: unknown) => e instanceof ShapeError && /rank >= 2/.test(e.message));
  assert.throws(() => batchNorm(x, { mean: [0], variance: [1, 1] }), (e: unknown) => e instanceof ShapeError && /mean must have length 2, got 1/.test(e.message));
  assert.throws(() => batchNorm(x, { mean: [0, 0], variance: [1, 1], gamma: [1, 2, 3] }), (e: unknown) => e instanceof ShapeError && /gamma/.test(e.message));
  assert.throws(() => batchNorm(x, { mean: [0, 0], variance: 5 as never }), (e: unknown) => e instanceof ShapeError && /variance must be an array/.test(e.message));
  assert.throws(() => batchNorm(x, { mean: [0, 0], variance: [1, 1], eps: 0 }), (e: unknown) => e instanceof ConfigError && /eps must be/.test(e.message));
});

ev.run();

const tr = suite('batchNormTrain');

tr.before(async () => {
  await tfReady();
});

tr('hand case: 2 samples x 2 channels x 1x2 spatial', () => {
  // channel 0 values (sample 0: 1, 3; sample 1: 5, 7): mean 4, squared deviations 9+1+1+9 = 20,
  //   biased var 20/4 = 5, unbiased 20/3.
  // channel 1 values (2, 2; 2, 6): mean 3, deviations 1+1+1+9 = 12, biased 3, unbiased 4.
  const x = tensor([2, 2, 1, 2], [1, 3, 2, 2, 5, 7, 2, 6]);
  const r = batchNormTrain(x, { runningMean: [1, 0], runningVariance: [2, 1], momentum: 0.25, eps: 1e-5 });
  expectClose(r.batchMean, [4, 3], 'batch mean');
  expectClose(r.batchVariance, [5, 3], 'batch variance');
  // running mean: 0.75 * [1, 0] + 0.25 * [4, 3] = [1.75, 0.75]
  expectClose(r.runningMean, [1.75, 0.75], 'running mean');
  // running variance: 0.75 * [2, 1] + 0.25 * [20/3, 4] = [1.5 + 5/3, 1.75]
  expectClose(r.runningVariance, [1.5 + 5 / 3, 1.75], 'running variance');
  // output: (x - mean) / sqrt(biased + eps)
  const s0 = 1 / Math.sqrt(5 + 1e-5);
  const s1 = 1 / Math.sqrt(3 + 1e-5);
  expectClose(r.output.data, [-3 * s0, -1 * s0, -1 * s1, -1 * s1, 1 * s0, 3 * s0, -1 * s1, 3 * s1], 'output');
});

tr('default momentum is 0.1 and the parameter arrays are not modified', () => {
  const runningMean = Float32Array.of(0);
  const r = batchNormTrain(tensor([2, 1], [1, 3]), { runningMean, runningVariance: [1] });
  // mean 2, unbiased var ((1-2)^2 + (3-2)^2) / 1 = 2: running 0.1 * 2 = 0.2 and 0.9 + 0.2 = 1.1
  expectClose(r.runningMean, [0.2], 'mean');
  expectClose(r.runningVariance, [1.1], 'variance');
  assert.is(runningMean[0], 0);
});

tr('batch statistics match tf.moments and the output matches tf.batchNorm with them', () => {
  for (let seed = 20; seed < 30; seed++) {
    const r = rng(seed);
    const c = randInt(r, 1, 4);
    const x = randTensor(r, [randInt(r, 1, 3), c, randInt(r, 2, 7), randInt(r, 1, 7)], -1, 5);
    const gamma = randTensor(r, [c]).data;
    const beta = randTensor(r, [c]).data;
    const res = batchNormTrain(x, { runningMean: new Float32Array(c), runningVariance: new Float32Array(c).fill(1), gamma, beta });
    const [mean, variance, out] = tf.tidy(() => {
      const t = toNhwc(x);
      const m = tf.moments(t, [0, 1, 2]);
      const y = tf.batchNorm(t, m.mean, m.variance, tf.tensor1d(beta), tf.tensor1d(gamma), 1e-5);
      return [m.mean.dataSync(), m.variance.dataSync(), fromNhwc(y)];
    });
    expectClose(res.batchMean, mean, `seed ${seed} mean`, 'batchNormTrain vs tf.moments');
    expectClose(res.batchVariance, variance, `seed ${seed} var`, 'batchNormTrain vs tf.moments');
    expectClose(res.output.data, out, `seed ${seed} out`, 'batchNormTrain vs tf.moments');
    const count = x.data.length / c;
    // Running variance uses the unbiased estimate: 0.9 * 1 + 0.1 * var * n / (n - 1).
    expectClose(res.runningVariance, Array.from(variance, (v) => 0.9 + (0.1 * v * count) / (count - 1)), `seed ${seed} running`, 'batchNormTrain vs tf.moments');
  }
});

tr('throws on a single value per channel, bad momentum and bad lengths', () => {
  assert.throws(() => batchNormTrain(tensor([1, 2, 1, 1]), { runningMean: [0, 0], runningVariance: [1, 1] }), (e: unknown) => e instanceof ShapeError && /at least 2 values/.test(e.message));
  const x = tensor([2, 2]);
  assert.throws(() => batchNormTrain(x, { runningMean: [0, 0], runningVariance: [1, 1], momentum: 1.5 }), (e: unknown) => e instanceof ConfigError && /momentum/.test(e.message));
  assert.throws(() => batchNormTrain(x, { runningMean: [0], runningVariance: [1, 1] }), (e: unknown) => e instanceof ShapeError && /runningMean/.test(e.message));
  assert.throws(() => batchNormTrain(tensor([4]), { runningMean: [0], runningVariance: [1] }), (e: unknown) => e instanceof ShapeError);
});

tr.run();
