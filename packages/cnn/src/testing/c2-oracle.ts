// Test helpers for the pooling / normalisation / activation / layout / ROI
// tests (helper C2). Not exported from the package index.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as assert from 'uvu/assert';
import type { PoolPadding } from '../pool-padding.js';
import { type Tensor, tensor, sizeOf } from '../tensor.js';
import { seededRandom as rng } from '@mot/core';
import { maxAbsError } from './tolerance.js';

let ready: Promise<boolean> | undefined;

/** Selects the tfjs CPU backend once; every oracle test awaits this first. */
export function tfReady(): Promise<boolean> {
  ready ??= tf.setBackend('cpu');
  return ready;
}

export { tf };

export { maxAbsError } from './tolerance.js';

export { rng };

/** Uniform integer in [lo, hi]. */
export function randInt(r: () => number, lo: number, hi: number): number {
  return lo + Math.floor(r() * (hi - lo + 1));
}

/** Tensor of `shape` with values uniform in [lo, hi). */
export function randTensor(r: () => number, shape: readonly number[], lo = -2, hi = 2): Tensor {
  const data = new Float32Array(sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = lo + (hi - lo) * r();
  return tensor(shape, data);
}

/** NCHW -> NHWC copy (tfjs image ops are NHWC). */
export function toNhwc(x: Tensor): tf.Tensor4D {
  const [n, c, h, w] = x.shape;
  const out = new Float32Array(x.data.length);
  for (let b = 0; b < n; b++)
    for (let ch = 0; ch < c; ch++)
      for (let y = 0; y < h; y++)
        for (let xx = 0; xx < w; xx++) out[((b * h + y) * w + xx) * c + ch] = x.data[((b * c + ch) * h + y) * w + xx];
  return tf.tensor4d(out, [n, h, w, c]);
}

/** NHWC tfjs tensor -> NCHW Float32Array. */
export function fromNhwc(t: tf.Tensor): Float32Array {
  const [n, h, w, c] = t.shape;
  const src = t.dataSync() as Float32Array;
  const out = new Float32Array(src.length);
  for (let b = 0; b < n; b++)
    for (let ch = 0; ch < c; ch++)
      for (let y = 0; y < h; y++)
        for (let xx = 0; xx < w; xx++) out[((b * c + ch) * h + y) * w + xx] = src[((b * h + y) * w + xx) * c + ch];
  return out;
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
