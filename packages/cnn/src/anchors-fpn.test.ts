import { ConfigError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fpnAnchors } from './index.js';
import { assertClose, assertThrows } from './testing/c3-oracle.js';

const s = suite('fpnAnchors');

s('FPN P2-P6 on an 800 x 1333 image: grid sizes ceil(800/s) x ceil(1333/s), 3 anchors per cell', () => {
  const levels = fpnAnchors({ imageHeight: 800, imageWidth: 1333 });
  assert.equal(
    levels.map((l) => [l.stride, l.size, l.featureH, l.featureW, l.anchors.length / 4]),
    [
      [4, 32, 200, 334, 200 * 334 * 3],
      [8, 64, 100, 167, 100 * 167 * 3],
      [16, 128, 50, 84, 50 * 84 * 3],
      [32, 256, 25, 42, 25 * 42 * 3],
      [64, 512, 13, 21, 13 * 21 * 3],
    ],
  );
});

s('each level has anchors of area size^2 centred on its cells', () => {
  const [p2] = fpnAnchors({ imageHeight: 8, imageWidth: 8 });
  // first cell centre (2, 2); ratio 1 anchor (second row) 32 x 32
  assertClose(p2.anchors.subarray(4, 8), [2 - 16, 2 - 16, 2 + 16, 2 + 16], 1e-5);
});

s('RetinaNet octave scales multiply each size', () => {
  const [p3] = fpnAnchors({ imageHeight: 8, imageWidth: 8, strides: [8], sizes: [32], ratios: [1], octaveScales: [1, 2 ** (1 / 3), 2 ** (2 / 3)] });
  // one cell centred at (4, 4): sides 32, 40.3175, 50.7968
  const sides = [0, 1, 2].map((k) => p3.anchors[4 * k + 2] - p3.anchors[4 * k]);
  assertClose(sides, [32, 40.3174736, 50.7968420], 1e-4);
});

s('throws when sizes and strides do not pair up', () => {
  assertThrows(() => fpnAnchors({ imageHeight: 8, imageWidth: 8, strides: [8, 16], sizes: [32] }), ConfigError, /^fpnAnchors: sizes must have one entry per stride \(2\), got 1$/);
  assertThrows(() => fpnAnchors({ imageHeight: 0, imageWidth: 8 }), ConfigError, /imageHeight must be a positive integer/);
});

s.run();
