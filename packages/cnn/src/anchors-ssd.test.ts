import { ConfigError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ssdDefaultBoxes } from './index.js';
import { assertClose, assertThrows } from './testing/c3-oracle.js';

const s = suite('ssdDefaultBoxes');

s('SSD300: 5776 / 2166 / 600 / 150 / 36 / 4 = 8732 default boxes', () => {
  // 38^2 * 4, 19^2 * 6, 10^2 * 6, 5^2 * 6, 3^2 * 4, 1^2 * 4
  const d = ssdDefaultBoxes();
  assert.equal(d.perLayer, [5776, 2166, 600, 150, 36, 4]);
  assert.is(d.boxes.length / 4, 8732);
});

s('scales follow s_k = 0.2 + 0.7 (k - 1) / 5', () => {
  assertClose(ssdDefaultBoxes().scales, [0.2, 0.34, 0.48, 0.62, 0.76, 0.9], 1e-12);
});

s('first cell of the first layer: s, sqrt(s s_2), and the 2:1 pair', () => {
  // centre 0.5/38 = 0.0131579; s_1 = 0.2; s'_1 = sqrt(0.2 * 0.34) = 0.2607681;
  // a = 2: w = 0.2 sqrt 2 = 0.2828427, h = 0.2 / sqrt 2 = 0.1414214
  const b = ssdDefaultBoxes().boxes;
  const c = 0.5 / 38;
  const box = (w: number, h: number) => [c - w / 2, c - h / 2, c + w / 2, c + h / 2];
  assertClose(b.subarray(0, 16), [...box(0.2, 0.2), ...box(0.2607681, 0.2607681), ...box(0.2828427, 0.1414214), ...box(0.1414214, 0.2828427)], 1e-6);
});

s('last layer: one cell at the centre, s_6 = 0.9 and s\'_6 = sqrt(0.9 * 1.04)', () => {
  const b = ssdDefaultBoxes().boxes;
  const last = b.subarray(4 * 8728);
  const sp = Math.sqrt(0.9 * 1.04); // 0.9674709
  assertClose(last.subarray(0, 8), [0.05, 0.05, 0.95, 0.95, 0.5 - sp / 2, 0.5 - sp / 2, 0.5 + sp / 2, 0.5 + sp / 2], 1e-6);
  const clipped = ssdDefaultBoxes({ clip: true }).boxes.subarray(4 * 8728);
  assertClose(clipped.subarray(4, 8), [0.0162646, 0.0162646, 0.9837354, 0.9837354], 1e-6);
});

s('custom layers', () => {
  const d = ssdDefaultBoxes({ featureSizes: [2], aspectRatios: [[]], sMin: 0.5, sMax: 0.5 });
  assert.equal(d.perLayer, [8]);
  assertClose(d.boxes.subarray(0, 4), [0, 0, 0.5, 0.5]);
});

s('throws on inconsistent options', () => {
  assertThrows(() => ssdDefaultBoxes({ aspectRatios: [[2]] }), ConfigError, /^ssdDefaultBoxes: aspectRatios must have one list per layer \(6\), got 1$/);
  assertThrows(() => ssdDefaultBoxes({ featureSizes: [] }), ConfigError, /featureSizes must not be empty/);
  assertThrows(() => ssdDefaultBoxes({ sMin: 0.5, sMax: 0.4 }), ConfigError, /^ssdDefaultBoxes: sMax must be in \[0.5, 1\], got 0.4$/);
  assertThrows(() => ssdDefaultBoxes({ featureSizes: [1.5], aspectRatios: [[]] }), ConfigError, /each feature size must be a positive integer/);
});

s.run();
