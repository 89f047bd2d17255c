import { ConfigError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  type ActivationKind,
  activation,
  applyActivationInPlace,
  hardSwish,
  leakyRelu,
  mish,
  relu,
  relu6,
  sigmoid,
  silu,
  tanh,
} from './activations.js';
import { type Tensor, tensor } from './tensor.js';
import { expectClose, randTensor, rng, tf, tfReady } from './testing/c2-oracle.js';

/** Random values spread over [-12, 12] plus the kinks 0, -3, 3, 6. */
function sample(seed: number): Tensor {
  const x = randTensor(rng(seed), [2, 3, 7, 5], -12, 12);
  x.data.set([0, -3, 3, 6, -6, 1e-3, -1e-3]);
  return x;
}

/** The tfjs op or formula composition each activation is checked against. */
const ORACLES: Record<Exclude<ActivationKind, 'linear'>, (t: tf.Tensor) => tf.Tensor> = {
  relu: (t) => tf.relu(t),
  relu6: (t) => tf.relu6(t),
  leakyRelu: (t) => tf.leakyRelu(t, 0.01),
  sigmoid: (t) => tf.sigmoid(t),
  tanh: (t) => tf.tanh(t),
  mish: (t) => tf.mul(t, tf.tanh(tf.softplus(t))),
  hardSwish: (t) => tf.div(tf.mul(t, tf.relu6(tf.add(t, 3))), 6),
  silu: (t) => tf.mul(t, tf.sigmoid(t)),
};

const FNS: Record<Exclude<ActivationKind, 'linear'>, (x: Tensor) => Tensor> = {
  relu,
  relu6,
  leakyRelu: (x) => leakyRelu(x),
  sigmoid,
  tanh,
  mish,
  hardSwish,
  silu,
};

const act = suite('activations');

act.before(async () => {
  await tfReady();
});

act('each activation matches tfjs (op or formula composition) and leaves its input alone', () => {
  for (const kind of Object.keys(ORACLES) as (keyof typeof ORACLES)[]) {
    for (let seed = 0; seed < 3; seed++) {
      const x = sample(seed);
      const before = Float32Array.from(x.data);
      const y = FNS[kind](x);
      const expected = tf.tidy(() => ORACLES[kind](tf.tensor(x.data, x.shape as number[])).dataSync());
      expectClose(y.data, expected, `${kind} seed ${seed}`, `${kind} vs tfjs`);
      assert.equal(y.shape, x.shape);
      assert.equal(x.data, before, `${kind} mutated its input`);
    }
  }
});

act('hand values at the kinks and saturation, with no overflow at +-1000', () => {
  // relu6 clips at 0 and 6; h-swish(-3) = 0, h-swish(3) = 3 * 6 / 6 = 3, h-swish(1) = 1 * 4 / 6.
  assert.equal([...relu6(tensor([4], [-1, 0, 6, 7])).data], [0, 0, 6, 6]);
  expectClose(hardSwish(tensor([4], [-3, 3, 1, -4])).data, [0, 3, 4 / 6, 0], 'hswish');
  // leakyRelu default alpha 0.01 (PyTorch): -5 -> -0.05.
  expectClose(leakyRelu(tensor([2], [-5, 5])).data, [-0.05, 5], 'leaky');
  // sigmoid(+-1000) saturates to 1 / 0 without NaN; silu(-1000) = -1000 * ~0 = -0; mish(1000) = 1000.
  const big = tensor([2], [-1000, 1000]);
  assert.equal([...sigmoid(big).data], [0, 1]);
  assert.equal([...silu(big).data].map((v) => v + 0), [0, 1000]);
  assert.equal([...mish(big).data].map((v) => v + 0), [0, 1000]);
  // mish(1) = tanh(ln(1 + e)) = ((1 + e)^2 - 1) / ((1 + e)^2 + 1)
  const q = (1 + Math.E) ** 2;
  expectClose(mish(tensor([1], [1])).data, [(q - 1) / (q + 1)], 'mish(1)');
});

act('applyActivationInPlace overwrites the buffer; activation() copies; linear is the identity', () => {
  const buf = Float32Array.of(-1, 2, 7);
  applyActivationInPlace(buf, 'relu6');
  assert.equal([...buf], [0, 2, 6]);
  const lin = Float32Array.of(-1, 2);
  applyActivationInPlace(lin, 'linear');
  assert.equal([...lin], [-1, 2]);
  const x = tensor([3], [-2, 0, 2]);
  expectClose(activation(x, 'leakyRelu', 0.1).data, [-0.2, 0, 2], 'leaky 0.1');
  assert.equal([...x.data], [-2, 0, 2]);
});

act('throws on an unknown kind and a non-finite alpha', () => {
  assert.throws(() => applyActivationInPlace(new Float32Array(1), 'gelu' as never), (e: unknown) => e instanceof ConfigError && /kind must be one of/.test(e.message));
  assert.throws(() => leakyRelu(tensor([1], [1]), NaN), (e: unknown) => e instanceof ConfigError && /alpha must be a finite number/.test(e.message));
});

act.run();
