import { ConfigError, ShapeError } from '@mot/core';
import { suite } from 'uvu';
import { decodeYoloV2 } from './index.js';
import { assertClose, assertThrows } from './testing/c3-oracle.js';

const s = suite('decodeYoloV2');

s('sigmoid offsets from the cell corner, exp scales of the prior (hand-computed)', () => {
  // 2x3 grid, 2 priors (1.5, 2) and (4, 1). Row (y 1, x 2, prior 0): t = (0, 0, 0, 0)
  //   centre (2 + 0.5, 1 + 0.5) = (2.5, 1.5), size 1.5 x 2 -> [1.75, 0.5, 3.25, 2.5]
  // Row (y 1, x 2, prior 1): t = (ln 3, -ln 3, ln 2, 0): sigmoid(ln 3) = 0.75, sigmoid(-ln 3) = 0.25
  //   centre (2.75, 1.25), size 4 * 2 = 8 x 1 -> [-1.25, 0.75, 6.75, 1.75]
  const raw = new Float32Array(2 * 3 * 2 * 4);
  const row1 = ((1 * 3 + 2) * 2 + 1) * 4;
  raw.set([Math.log(3), -Math.log(3), Math.LN2, 0], row1);
  const out = decodeYoloV2(raw, 2, 3, [1.5, 2, 4, 1]);
  const row0 = ((1 * 3 + 2) * 2 + 0) * 4;
  assertClose(out.subarray(row0, row0 + 4), [1.75, 0.5, 3.25, 2.5], 1e-6);
  assertClose(out.subarray(row1, row1 + 4), [-1.25, 0.75, 6.75, 1.75], 1e-6);
  // stride 32 scales everything to px
  const px = decodeYoloV2(raw, 2, 3, [1.5, 2, 4, 1], 32);
  assertClose(px.subarray(row0, row0 + 4), [56, 16, 104, 80], 1e-4);
});

s('throws on bad shapes', () => {
  assertThrows(() => decodeYoloV2(new Float32Array(8), 1, 1, [1, 2]), ShapeError, /^decodeYoloV2: raw must have length gridH \* gridW \* A \* 4 = 4, got 8$/);
  assertThrows(() => decodeYoloV2(new Float32Array(4), 1, 1, [1, 2, 3]), ShapeError, /priors must be a flat \[A,2\]/);
  assertThrows(() => decodeYoloV2(new Float32Array(4), 0, 1, [1, 2]), ConfigError, /^decodeYoloV2: gridH must be a positive integer, got 0$/);
  assertThrows(() => decodeYoloV2(new Float32Array(4), 1, 1, [1, 2], 0), ConfigError, /stride/);
});

s.run();
