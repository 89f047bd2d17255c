import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, ShapeError, type Frame } from '@mot/core';
import { HsvHistogramExtractor } from './hsv-histogram-extractor.js';

const test = suite('HsvHistogramExtractor');

/** 4x2 frame: left half pure red, right half pure blue; bottom row grey 128 on the left. */
function frame(): Frame {
  const px = [
    [255, 0, 0], [255, 0, 0], [0, 0, 255], [0, 0, 255],
    [128, 128, 128], [255, 0, 0], [0, 0, 255], [0, 0, 255],
  ];
  return { index: 3, timeMs: 0, width: 4, height: 2, data: Uint8Array.from(px.flat()) };
}
// Bins [8, 4, 4], index (h * 4 + s) * 4 + v:
// red (h 0, s 1, v 1) -> (0, 3, 3) = 15; blue (h 4 sextants -> 4/6 * 8 = 5.33 -> 5, s 3, v 3) -> (5*4 + 3)*4 + 3 = 95;
// grey 128 (h 0, s 0, v 128/255 * 4 = 2.01 -> 2) -> 2.
const nonZero = (f: Float32Array) => Array.from(f).flatMap((v, i) => (v === 0 ? [] : [[i, Math.round(v * 1e6) / 1e6]]));

test('joint HSV bins, square-rooted counts, unit length', async () => {
  const e = new HsvHistogramExtractor({ inset: 0 });
  assert.is(e.dimension, 128);
  const [whole, redOnly, outside] = await e.extract(frame(), [[0, 0, 4, 2], [0, 0, 2, 1], [10, 10, 5, 5]]);
  // Whole frame: 3 red, 4 blue, 1 grey -> sqrt: 1.732, 2, 1; norm sqrt(3 + 4 + 1) = 2.828.
  assert.equal(nonZero(whole), [[2, 0.353553], [15, 0.612372], [95, 0.707107]]);
  assert.equal(nonZero(redOnly), [[15, 1]]);
  // No pixel inside: the uniform unit vector 1 / sqrt(128).
  assert.ok(outside.every((v) => Math.abs(v - 1 / Math.sqrt(128)) < 1e-7));
});

test('inset 0.25 on a 4x2 box keeps columns 1-2 of row 1', async () => {
  // x0 = round(0 + 0.25 * 4) = 1, x1 = round(0.75 * 4) = 3; y0 = round(0.25 * 2) = 1 (JS rounds .5 up), y1 = round(1.5) = 2.
  // Row 1, columns 1, 2: one red, one blue -> 1/sqrt(2) each.
  const [f] = await new HsvHistogramExtractor({ inset: 0.25 }).extract(frame(), [[0, 0, 4, 2]]);
  assert.equal(nonZero(f), [[15, 0.707107], [95, 0.707107]]);
});

test('bad options, frames and boxes throw', async () => {
  assert.throws(() => new HsvHistogramExtractor({ bins: [8, 0, 4] }), (e: unknown) => e instanceof ConfigError && /bins must be 3 positive integers/.test((e as Error).message));
  assert.throws(() => new HsvHistogramExtractor({ inset: 0.5 }), (e: unknown) => e instanceof ConfigError && /inset must be in \[0, 0.5\), got 0.5/.test((e as Error).message));
  const e = new HsvHistogramExtractor();
  try {
    await e.extract({ ...frame(), data: new Uint8Array(5) }, []);
    assert.unreachable();
  } catch (err) {
    assert.ok(err instanceof ShapeError && /frame 3 data must be 4x2x3 = 24 RGB24 bytes, got 5/.test((err as Error).message), String(err));
  }
  try {
    await e.extract(frame(), [[0, 0, Number.NaN, 1]]);
    assert.unreachable();
  } catch (err) {
    assert.ok(err instanceof ConfigError && /boxes\[0\] must be 4 finite numbers/.test((err as Error).message), String(err));
  }
});

test.run();
