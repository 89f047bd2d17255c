import { ConfigError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { rpnAnchors } from './index.js';
import { assertClose, assertThrows } from './testing/c3-oracle.js';

const s = suite('rpnAnchors');

s('9 anchors per cell: 3 scales x 3 ratios (Faster R-CNN)', () => {
  assert.is(rpnAnchors(1, 1, 16).length / 4, 9);
  // a 38 x 50 conv5_3 map of a ~600 x 800 image: 38 * 50 * 9 = 17,100 anchors
  assert.is(rpnAnchors(38, 50, 16).length / 4, 17_100);
});

s('areas are (16 * scale)^2 and h / w is the ratio, centred on the cell centre', () => {
  const a = rpnAnchors(1, 1, 16);
  const areas = [128, 256, 512].map((x) => x * x);
  for (let r = 0; r < 3; r++) {
    for (let k = 0; k < 3; k++) {
      const p = 4 * (3 * r + k);
      const w = a[p + 2] - a[p];
      const h = a[p + 3] - a[p + 1];
      assertClose(w * h, areas[k], 0.05, `ratio ${r} scale ${k} area`);
      assertClose(h / w, [0.5, 1, 2][r], 1e-5, 'h/w');
      assertClose((a[p] + a[p + 2]) / 2, 8, 1e-4, 'cx');
      assertClose((a[p + 1] + a[p + 3]) / 2, 8, 1e-4, 'cy');
    }
  }
  // ratio 0.5, size 128: w = 128 / sqrt(0.5) = 181.0193, h = 128 * sqrt(0.5) = 90.5097
  assertClose(a.subarray(0, 4), [8 - 90.50967, 8 - 45.25483, 8 + 90.50967, 8 + 45.25483], 1e-4);
});

s('cells are shifted by the stride, row-major', () => {
  const a = rpnAnchors(2, 3, 16);
  const cell = (y: number, x: number) => 4 * 9 * (y * 3 + x);
  // cell (y 1, x 2) is cell (0, 0) moved by (2 * 16, 1 * 16)
  for (let k = 0; k < 9; k++) {
    const p = cell(0, 0) + 4 * k;
    const q = cell(1, 2) + 4 * k;
    assertClose([a[q] - a[p], a[q + 1] - a[p + 1], a[q + 2] - a[p + 2], a[q + 3] - a[p + 3]], [32, 16, 32, 16], 1e-4);
  }
});

s('custom scales, ratios and base size', () => {
  const a = rpnAnchors(1, 1, 8, [2], [1], 10);
  assertClose(a, [4 - 10, 4 - 10, 4 + 10, 4 + 10]);
});

s('throws on bad sizes', () => {
  assertThrows(() => rpnAnchors(0, 1, 16), ConfigError, /^rpnAnchors: featureH must be a positive integer, got 0$/);
  assertThrows(() => rpnAnchors(1, 1, 16, []), ConfigError, /^rpnAnchors: sizes must not be empty/);
  assertThrows(() => rpnAnchors(1, 1, 16, [8], [0]), ConfigError, /each ratio must be in/);
  assertThrows(() => rpnAnchors(1, 1, 16, [8], []), ConfigError, /ratios must not be empty/);
  assertThrows(() => rpnAnchors(1, 1, 0), ConfigError, /stride/);
});

s.run();
