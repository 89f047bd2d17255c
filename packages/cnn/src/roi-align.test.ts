import { ConfigError, ShapeError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { roiAlign } from './roi-align.js';
import { type Tensor, tensor } from './tensor.js';
import { expectClose, randInt, randTensor, rng, tf, tfReady } from './testing/c2-oracle.js';

/** Box rows whose scaled (and aligned-shifted) corners lie in cell range [0, size - 1], at least 1 cell wide. */
function boxesInside(r: () => number, k: number, n: number, h: number, w: number, scale: number, aligned: boolean): Tensor {
  const data = new Float32Array(k * 5);
  const off = aligned ? 0.5 : 0;
  for (let i = 0; i < k; i++) {
    const cx1 = r() * (w - 2);
    const cy1 = r() * (h - 2);
    const cx2 = cx1 + 1 + r() * (w - 1 - cx1 - 1);
    const cy2 = cy1 + 1 + r() * (h - 1 - cy1 - 1);
    data.set([randInt(r, 0, n - 1), (cx1 + off) / scale, (cy1 + off) / scale, (cx2 + off) / scale, (cy2 + off) / scale], i * 5);
  }
  return tensor([k, 5], data);
}

const ra = suite('roiAlign');

ra.before(async () => {
  await tfReady();
});

ra('hand case: one bin, 2x2 samples on the map [[1, 2], [3, 4]]', () => {
  // f(y, x) = 1 + x + 2y is bilinear-exact; samples at x, y in {0.25, 0.75}: mean 1 + 0.5 + 2 * 0.5 = 2.5.
  const x = tensor([1, 1, 2, 2], [1, 2, 3, 4]);
  expectClose(roiAlign(x, tensor([1, 5], [0, 0, 0, 1, 1]), { outputSize: 1, samplingRatio: 2 }).data, [2.5], 'hand');
  // aligned shifts by -0.5: samples at {-0.25, 0.25} -> clamped {0, 0.25}: x mean 0.125, y mean 0.125 -> 1 + 0.125 + 0.25.
  expectClose(roiAlign(x, tensor([1, 5], [0, 0, 0, 1, 1]), { outputSize: 1, samplingRatio: 2, aligned: true }).data, [1.375], 'aligned hand');
  // A box more than one cell outside the map samples nothing but zeros.
  expectClose(roiAlign(x, tensor([1, 5], [0, -6, -6, -4, -4]), { outputSize: 2, samplingRatio: 2 }).data, [0, 0, 0, 0], 'outside');
});

ra('a constant map gives that constant for boxes inside it (any ratio, scale, aligned)', () => {
  for (let seed = 0; seed < 20; seed++) {
    const r = rng(seed);
    const [h, w] = [randInt(r, 3, 12), randInt(r, 3, 12)];
    const x = tensor([2, 2, h, w], new Float32Array(2 * 2 * h * w).fill(3.25));
    const aligned = seed % 2 === 0;
    const scale = [1, 0.5, 0.25][seed % 3];
    const boxes = boxesInside(r, 4, 2, h, w, scale, aligned);
    const y = roiAlign(x, boxes, { outputSize: [randInt(r, 1, 4), randInt(r, 1, 4)], spatialScale: scale, samplingRatio: randInt(r, -1, 3), aligned });
    expectClose(y.data, new Float32Array(y.data.length).fill(3.25), `seed ${seed}`, 'roiAlign constant');
  }
});

ra('a linear ramp gives the ramp at each bin centre (the exact mean of the sample grid)', () => {
  // f = a + bx * x + by * y is reproduced exactly by bilinear interpolation, and the sample
  // grid of a bin is symmetric about its centre, so bin (i, j) averages to
  // f(y1' + (i + 0.5) * binH, x1' + (j + 0.5) * binW).
  for (let seed = 0; seed < 20; seed++) {
    const r = rng(seed + 40);
    const [h, w] = [randInt(r, 3, 12), randInt(r, 3, 12)];
    const [a, bx, by] = [r() * 4 - 2, r() * 2 - 1, r() * 2 - 1];
    const x = tensor([1, 1, h, w], Float32Array.from({ length: h * w }, (_, i) => a + bx * (i % w) + by * Math.floor(i / w)));
    const aligned = seed % 2 === 1;
    const scale = seed % 3 === 0 ? 0.5 : 1;
    const boxes = boxesInside(r, 3, 1, h, w, scale, aligned);
    const [ph, pw] = [randInt(r, 1, 4), randInt(r, 1, 4)];
    const y = roiAlign(x, boxes, { outputSize: [ph, pw], spatialScale: scale, samplingRatio: randInt(r, 0, 3), aligned });
    const expected: number[] = [];
    for (let k = 0; k < 3; k++) {
      const [x1, y1, x2, y2] = Array.from(boxes.data.subarray(k * 5 + 1, k * 5 + 5), (v) => v * scale - (aligned ? 0.5 : 0));
      for (let i = 0; i < ph; i++)
        for (let j = 0; j < pw; j++) expected.push(a + bx * (x1 + ((j + 0.5) * (x2 - x1)) / pw) + by * (y1 + ((i + 0.5) * (y2 - y1)) / ph));
    }
    expectClose(y.data, expected, `seed ${seed}`, 'roiAlign linear ramp');
  }
});

ra('aligned = unaligned shifted by half a cell: the ramp output drops by 0.5 * (bx + by)', () => {
  const [h, w] = [9, 11];
  const x = tensor([1, 1, h, w], Float32Array.from({ length: h * w }, (_, i) => 0.3 * (i % w) + 0.7 * Math.floor(i / w)));
  const boxes = tensor([2, 5], [0, 2, 2, 6, 5, 0, 3.5, 1.25, 8.5, 7]);
  const un = roiAlign(x, boxes, { outputSize: 3, samplingRatio: 2 });
  const al = roiAlign(x, boxes, { outputSize: 3, samplingRatio: 2, aligned: true });
  expectClose(
    al.data,
    un.data.map((v) => v - 0.5 * (0.3 + 0.7)),
    'shift',
    'roiAlign aligned shift',
  );
});

ra('equals tf.image.cropAndResize on the sample grid averaged over each bin (random maps)', () => {
  // Bin (i, j) with g x g samples: the samples of all bins form a uniform grid of (ph * g) x (pw * g)
  // points, first at y1' + binH / (2g), spacing binH / g. cropAndResize samples a box's end points
  // and evenly between them, so cropping [first, last] to (ph * g) x (pw * g) and average-pooling
  // g x g reproduces roiAlign wherever the samples lie inside the map.
  for (let seed = 0; seed < 20; seed++) {
    const r = rng(seed + 80);
    const [n, c, h, w] = [randInt(r, 1, 2), randInt(r, 1, 3), randInt(r, 3, 11), randInt(r, 3, 11)];
    const x = randTensor(r, [n, c, h, w]);
    const aligned = seed % 2 === 0;
    const scale = seed % 4 < 2 ? 1 : 0.5;
    const g = randInt(r, 1, 3);
    const [ph, pw] = [randInt(r, 1, 3), randInt(r, 1, 3)];
    const k = 3;
    const boxes = boxesInside(r, k, n, h, w, scale, aligned);
    const ours = roiAlign(x, boxes, { outputSize: [ph, pw], spatialScale: scale, samplingRatio: g, aligned });
    const norm: number[] = [];
    const index: number[] = [];
    for (let i = 0; i < k; i++) {
      const [x1, y1, x2, y2] = Array.from(boxes.data.subarray(i * 5 + 1, i * 5 + 5), (v) => v * scale - (aligned ? 0.5 : 0));
      const sy = (y2 - y1) / ph / g;
      const sx = (x2 - x1) / pw / g;
      const ys = [y1 + sy / 2, y1 + sy / 2 + (ph * g - 1) * sy];
      const xs = [x1 + sx / 2, x1 + sx / 2 + (pw * g - 1) * sx];
      norm.push(ys[0] / (h - 1), xs[0] / (w - 1), ys[1] / (h - 1), xs[1] / (w - 1));
      index.push(boxes.data[i * 5]);
    }
    const expected = tf.tidy(() => {
      const img = tf.transpose(tf.tensor4d(x.data, [n, c, h, w]), [0, 2, 3, 1]) as tf.Tensor4D;
      const crops = tf.image.cropAndResize(img, tf.tensor2d(norm, [k, 4]), tf.tensor1d(index, 'int32'), [ph * g, pw * g]);
      return tf.transpose(tf.avgPool(crops, g, g, 'valid'), [0, 3, 1, 2]).dataSync();
    });
    expectClose(ours.data, expected, `seed ${seed}`, 'roiAlign vs cropAndResize+avgPool');
  }
});

ra('adaptive sampling (ratio <= 0) uses ceil(roi / bins) points per axis', () => {
  // Box 5 x 3 cells, output 2 x 2: ceil(3 / 2) = 2 rows and ceil(5 / 2) = 3 columns of samples per bin.
  const x = randTensor(rng(3), [1, 2, 8, 8]);
  const boxes = tensor([1, 5], [0, 1, 2, 6, 5]);
  const adaptive = roiAlign(x, boxes, { outputSize: 2, samplingRatio: 0 });
  assert.equal([...adaptive.data], [...roiAlign(x, boxes, { outputSize: 2 }).data]); // default -1 is adaptive too
  // Reference with explicit per-axis counts: average of bilinear samples computed here.
  const plane = (ch: number) => (yy: number, xx: number) => {
    const y0 = Math.floor(yy);
    const x0 = Math.floor(xx);
    const v = (a: number, b: number) => x.data[ch * 64 + a * 8 + b];
    const ly = yy - y0;
    const lx = xx - x0;
    return (1 - ly) * (1 - lx) * v(y0, x0) + (1 - ly) * lx * v(y0, x0 + 1) + ly * (1 - lx) * v(y0 + 1, x0) + ly * lx * v(y0 + 1, x0 + 1);
  };
  const expected: number[] = [];
  for (let ch = 0; ch < 2; ch++)
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 2; j++) {
        let s = 0;
        for (let a = 0; a < 2; a++) for (let b = 0; b < 3; b++) s += plane(ch)(2 + i * 1.5 + ((a + 0.5) * 1.5) / 2, 1 + j * 2.5 + ((b + 0.5) * 2.5) / 3);
        expected.push(s / 6);
      }
  expectClose(adaptive.data, expected, 'adaptive', 'roiAlign adaptive');
});

ra('throws on bad boxes, batch index, output size, scale and sampling ratio', () => {
  const x = tensor([2, 1, 4, 4]);
  const ok = tensor([1, 5], [0, 0, 0, 2, 2]);
  assert.throws(() => roiAlign(x, tensor([1, 4]), { outputSize: 2 }), (e: unknown) => e instanceof ShapeError && /\[K, 5\]/.test(e.message));
  assert.throws(() => roiAlign(x, tensor([1, 5], [2, 0, 0, 1, 1]), { outputSize: 2 }), (e: unknown) => e instanceof ShapeError && /batch index must be an integer in \[0, 2\), got 2/.test(e.message));
  assert.throws(() => roiAlign(x, tensor([1, 5], [0, NaN, 0, 1, 1]), { outputSize: 2 }), (e: unknown) => e instanceof ShapeError && /finite/.test(e.message));
  assert.throws(() => roiAlign(x, ok, { outputSize: 0 }), (e: unknown) => e instanceof ConfigError && /outputSize/.test(e.message));
  assert.throws(() => roiAlign(x, ok, { outputSize: 2, spatialScale: 0 }), (e: unknown) => e instanceof ConfigError && /spatialScale/.test(e.message));
  assert.throws(() => roiAlign(x, ok, { outputSize: 2, samplingRatio: 1.5 }), (e: unknown) => e instanceof ConfigError && /samplingRatio/.test(e.message));
  assert.throws(() => roiAlign(tensor([4, 4]), ok, { outputSize: 2 }), (e: unknown) => e instanceof ShapeError);
});

ra.run();
