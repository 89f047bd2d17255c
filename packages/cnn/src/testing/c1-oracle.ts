// Test helpers for the cnn kernel tests: the tfjs-backend-cpu oracle, a seeded
// RNG, NCHW <-> NHWC copies and the reference convolutions. c2-oracle.ts builds on it.
// Not exported from the package index.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as assert from 'uvu/assert';
import { type Tensor, sizeOf, tensor } from '../tensor.js';
import { maxAbsError } from './tolerance.js';

export { maxAbsError } from './tolerance.js';

let ready: Promise<boolean> | undefined;

/** Selects the tfjs CPU backend once; every oracle test awaits this first. */
export function tfReady(): Promise<boolean> {
  ready ??= tf.setBackend('cpu');
  return ready;
}

export { tf };

/** Seeded uniform [0, 1) generator (core's mulberry32), so randomized cases reproduce from their seed. */
export { seededRandom as rng } from '@mot/core';

/** Uniform integer in [lo, hi]. */
export function randInt(r: () => number, lo: number, hi: number): number {
  return lo + Math.floor(r() * (hi - lo + 1));
}

/** Tensor of `shape` with values uniform in [lo, hi) (default [-1, 1)). */
export function randTensor(r: () => number, shape: readonly number[], lo = -1, hi = 1): Tensor {
  const data = new Float32Array(sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = lo + (hi - lo) * r();
  return tensor(shape, data);
}

/** NCHW data -> tfjs NHWC tensor. */
export function toNhwc(x: Tensor): tf.Tensor4D {
  const [n, c, h, w] = x.shape;
  const out = new Float32Array(x.data.length);
  for (let b = 0; b < n; b++)
    for (let ch = 0; ch < c; ch++)
      for (let y = 0; y < h; y++)
        for (let xx = 0; xx < w; xx++) out[((b * h + y) * w + xx) * c + ch] = x.data[((b * c + ch) * h + y) * w + xx];
  return tf.tensor4d(out, [n, h, w, c]);
}

/** tfjs NHWC tensor -> NCHW Tensor. */
export function fromNhwc(t: tf.Tensor): Tensor {
  const [n, h, w, c] = t.shape;
  const src = t.dataSync() as Float32Array;
  const out = new Float32Array(src.length);
  for (let b = 0; b < n; b++)
    for (let ch = 0; ch < c; ch++)
      for (let y = 0; y < h; y++)
        for (let xx = 0; xx < w; xx++) out[((b * c + ch) * h + y) * w + xx] = src[((b * h + y) * w + xx) * c + ch];
  return tensor([n, c, h, w], out);
}

/**
 * Reorders an array indexed [d0, d1, d2, d3] of `shape` into the axis order
 * `perm` (out dims = shape[perm[k]]).
 */
export function permute4(data: Float32Array, shape: readonly number[], perm: readonly number[]): Float32Array {
  const out = new Float32Array(data.length);
  const st = [shape[1] * shape[2] * shape[3], shape[2] * shape[3], shape[3], 1];
  const os = perm.map((p) => shape[p]);
  let q = 0;
  for (let a = 0; a < os[0]; a++)
    for (let b = 0; b < os[1]; b++)
      for (let c = 0; c < os[2]; c++)
        for (let d = 0; d < os[3]; d++) out[q++] = data[a * st[perm[0]] + b * st[perm[1]] + c * st[perm[2]] + d * st[perm[3]]];
  return out;
}

/** Adds bias[o] to every element of output channel o of an NCHW tensor, in place. */
export function addBias(y: Tensor, bias: Float32Array | undefined): Tensor {
  if (bias === undefined) return y;
  const [n, c, h, w] = y.shape;
  for (let b = 0; b < n; b++) for (let o = 0; o < c; o++) for (let i = 0; i < h * w; i++) y.data[(b * c + o) * h * w + i] += bias[o];
  return y;
}

/** Runs `fn` in a tfjs scope so every tfjs tensor it creates is disposed (results must be copied out). */
export function tfRun<T>(fn: () => T): T {
  tf.engine().startScope();
  try {
    return fn();
  } finally {
    tf.engine().endScope();
  }
}

export type TfPad = 'same' | 'valid' | [[0, 0], [number, number], [number, number], [0, 0]];

/**
 * tf.conv2d on NCHW input and a PyTorch-layout weight `[Cout, Cin, kh, kw]`
 * (tfjs wants `[kh, kw, Cin, Cout]`), no groups.
 */
export function tfConv2d(x: Tensor, w: Tensor, stride: [number, number], pad: TfPad, dilation: [number, number]): Tensor {
  return tfRun(() => {
    const filter = tf.tensor4d(permute4(w.data, w.shape, [2, 3, 1, 0]), [w.shape[2], w.shape[3], w.shape[1], w.shape[0]]);
    return fromNhwc(tf.conv2d(toNhwc(x), filter, stride, pad, 'NHWC', dilation));
  });
}

/** Channels [from, to) of an NCHW tensor. */
export function sliceChannels(x: Tensor, from: number, to: number): Tensor {
  const [n, c, h, w] = x.shape;
  const out = tensor([n, to - from, h, w]);
  for (let b = 0; b < n; b++) out.data.set(x.data.subarray((b * c + from) * h * w, (b * c + to) * h * w), b * (to - from) * h * w);
  return out;
}

/** Concatenates NCHW tensors along channels. */
export function concatChannels(parts: Tensor[]): Tensor {
  const [n, , h, w] = parts[0].shape;
  const c = parts.reduce((s, p) => s + p.shape[1], 0);
  const out = tensor([n, c, h, w]);
  for (let b = 0; b < n; b++) {
    let off = b * c * h * w;
    for (const p of parts) {
      const len = p.shape[1] * h * w;
      out.data.set(p.data.subarray(b * len, (b + 1) * len), off);
      off += len;
    }
  }
  return out;
}

/** Asserts equal shapes and max abs error <= 1e-4 * max(1, max |expected|). */
export function assertClose(actual: Tensor, expected: Tensor, label: string, rel = 1e-4): void {
  assert.equal([...actual.shape], [...expected.shape], `${label}: shape`);
  let scale = 1;
  for (let i = 0; i < expected.data.length; i++) scale = Math.max(scale, Math.abs(expected.data[i]));
  const err = maxAbsError(actual.data, expected.data);
  assert.ok(err <= rel * scale, `${label}: max abs error ${err} > ${rel} * ${scale}`);
}
