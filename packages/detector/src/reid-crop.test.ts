import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Frame } from '@mot/core';
import { IMAGENET_MEAN_RGB, IMAGENET_STD_RGB } from './osnet-models.js';
import { clippedCropBounds, writeReidCrop } from './reid-crop.js';

const test = suite('writeReidCrop');

/** w x h frame whose pixel (x, y) is (x, y, x + y) mod 256. */
function ramp(w: number, h: number): Frame {
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set([x % 256, y % 256, (x + y) % 256], 3 * (y * w + x));
  return { index: 0, timeMs: 0, width: w, height: h, data };
}

const norm = (v: number, c: number) => (v / 255 - IMAGENET_MEAN_RGB[c]) / IMAGENET_STD_RGB[c];

test('a box of exactly the output size copies its pixels, normalised, into CHW planes', () => {
  const f = ramp(20, 12);
  const out = new Float32Array(3 * 4 * 2);
  writeReidCrop(f, [5, 3, 2, 4], 4, 2, out, 0);
  // Output (ox, oy) = frame (5 + ox, 3 + oy); plane c holds channel c.
  for (let oy = 0; oy < 4; oy++) {
    for (let ox = 0; ox < 2; ox++) {
      const [r, g, b] = [5 + ox, 3 + oy, 8 + ox + oy];
      assert.ok(Math.abs(out[oy * 2 + ox] - norm(r, 0)) < 1e-5);
      assert.ok(Math.abs(out[8 + oy * 2 + ox] - norm(g, 1)) < 1e-5);
      assert.ok(Math.abs(out[16 + oy * 2 + ox] - norm(b, 2)) < 1e-5);
    }
  }
});

test('doubling: half-pixel centres give the linear ramp between neighbours, clamped at the edges', () => {
  const f = ramp(20, 12);
  const out = new Float32Array(3 * 1 * 4);
  // Box x 4..6 (2 px) -> 4 px wide: source x = (ox + 0.5) / 2 - 0.5 = -0.25 (clamped 0), 0.25, 0.75, 1.25 (clamped 1).
  writeReidCrop(f, [4, 0, 2, 1], 1, 4, out, 0);
  const red = Array.from(out.subarray(0, 4), (v) => Math.round((v * IMAGENET_STD_RGB[0] + IMAGENET_MEAN_RGB[0]) * 255 * 1e3) / 1e3);
  assert.equal(red, [4, 4.25, 4.75, 5]);
});

test('boxes are rounded to whole pixels and clipped to the frame; a box outside keeps one border pixel', () => {
  const f = { width: 20, height: 12 };
  assert.equal(clippedCropBounds(f, [-3.4, 2.6, 10, 5]), [0, 3, 7, 8]);
  assert.equal(clippedCropBounds(f, [15, 10, 30, 30]), [15, 10, 20, 12]);
  assert.equal(clippedCropBounds(f, [40, -20, 5, 5]), [19, 0, 20, 1]);
});

test.run();
