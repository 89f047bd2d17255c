// Test helpers for the pooling / normalisation / activation / layout / ROI
// tests, on top of c1-oracle.ts. Not exported from the package index.
import * as tf from '@tensorflow/tfjs-core';
import * as assert from 'uvu/assert';
import type { PoolPadding } from '../pool-padding.js';
import { type Tensor, tensor, sizeOf } from '../tensor.js';
import { fromNhwc as c1FromNhwc, randInt, randTensor as c1RandTensor, rng } from './c1-oracle.js';
import { maxAbsError } from './tolerance.js';

export { maxAbsError } from './tolerance.js';
export { randInt, rng, tf, tfReady, toNhwc } from './c1-oracle.js';

/** Tensor of `shape` with values uniform in [lo, hi) (default [-2, 2)). */
export function randTensor(r: () => number, shape: readonly number[], lo = -2, hi = 2): Tensor {
  return c1RandTensor(r, shape, lo, hi);
}

/** NHWC tfjs tensor -> NCHW Float32Array. */
export function fromNhwc(t: tf.Tensor): Float32Array {
  return c1FromNhwc(t).data;
}

/** Worst error relative to scale seen per label, printed at exit when MOT_C2_ERRORS=1. */
const worst = new Map<string, number>();
if (process.env.MOT_C2_ERRORS === '1') {
  process.on('exit', () => {
    for (const [k, v] of [...worst].sort()) console.log(`max error ${k}: ${v.toExponential(2)}`);
  });
}

/**
 * Asserts max |actual - expected| <= 1e-4 * max(1, max|expected|), the issue's
 * acceptance tolerance, and records the error under `group` for the report.
 */
export function expectClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  label: string,
  group = label,
  tolerance = 1e-4,
): number {
  assert.is(actual.length, expected.length, `${label}: length`);
  let scale = 1;
  for (let i = 0; i < expected.length; i++) if (Number.isFinite(expected[i])) scale = Math.max(scale, Math.abs(expected[i]));
  const err = maxAbsError(actual, expected);
  worst.set(group, Math.max(worst.get(group) ?? 0, err / scale));
  assert.ok(err <= tolerance * scale, `${label}: max abs error ${err} > ${tolerance} * ${scale}`);
  return err;
}

/** A random pooling case: odd sizes, stride 1-3, SAME / VALID / asymmetric explicit padding. */
export function randomPoolCase(seed: number) {
  const r = rng(seed);
  const kh = randInt(r, 1, 4);
  const kw = randInt(r, 1, 4);
  const sh = randInt(r, 1, 3);
  const sw = randInt(r, 1, 3);
  const h = randInt(r, kh, 13);
  const w = randInt(r, kw, 13);
  const shape = [randInt(r, 1, 2), randInt(r, 1, 3), h, w];
  const kind = seed % 3;
  let padding: PoolPadding;
  let tfPad: 'same' | 'valid' | [[number, number], [number, number], [number, number], [number, number]];
  if (kind === 0) {
    padding = tfPad = 'same';
  } else if (kind === 1) {
    padding = tfPad = 'valid';
  } else {
    const p = [randInt(r, 0, kh - 1), randInt(r, 0, kh - 1), randInt(r, 0, kw - 1), randInt(r, 0, kw - 1)] as const;
    padding = p;
    tfPad = [[0, 0], [p[0], p[1]], [p[2], p[3]], [0, 0]];
  }
  return { r, shape, kernel: [kh, kw] as [number, number], stride: [sh, sw] as [number, number], padding, tfPad };
}

type TfPad = 'same' | 'valid' | [[number, number], [number, number], [number, number], [number, number]];

/**
 * tfjs's pooling gradient kernels, the ones `tf.grad` dispatches to for
 * maxPool / avgPool. The CommonJS build of tfjs-core that Node loads does not
 * bundle the gradient registry (`register_all_gradients` exists only as ESM
 * with extensionless imports), so the registered CPU kernels are run directly.
 */
export function tfPoolGrad(
  kind: 'max' | 'avg',
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  filterSize: [number, number],
  strides: [number, number],
  pad: TfPad,
): tf.Tensor4D {
  const attrs = { filterSize, strides, pad } as unknown as tf.NamedAttrMap;
  if (kind === 'avg') return tf.engine().runKernel('AvgPoolGrad', { dy, input: x }, attrs) as tf.Tensor4D;
  const output = tf.maxPool(x, filterSize, strides, pad);
  return tf.engine().runKernel('MaxPoolGrad', { dy, input: x, output }, attrs) as tf.Tensor4D;
}
