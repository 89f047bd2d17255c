import { ConfigError, ShapeError } from '@mot/core';
import { suite } from 'uvu';
import { smoothL1Loss } from './index.js';
import { assertClose, assertThrows } from './testing/c3-oracle.js';

const s = suite('smoothL1Loss');

s('quadratic below beta, linear above (hand-computed, beta 1)', () => {
  // |0.5| < 1: 0.5 * 0.25 = 0.125;  |2| >= 1: 2 - 0.5 = 1.5;  |-1| >= 1: 1 - 0.5 = 0.5
  const pred = new Float32Array([0.5, 3, -1]);
  const target = new Float32Array([0, 1, 0]);
  assertClose(smoothL1Loss(pred, target, { reduction: 'none' }), [0.125, 1.5, 0.5]);
  assertClose(smoothL1Loss(pred, target), 2.125 / 3);
  assertClose(smoothL1Loss(pred, target, { reduction: 'sum' }), 2.125);
});

s('beta 2: 0.5 x^2 / 2 below 2, |x| - 1 above; beta 0 is L1', () => {
  // |1| < 2: 0.5 * 1 / 2 = 0.25;  |-3| >= 2: 3 - 1 = 2
  assertClose(smoothL1Loss([1, -3], [0, 0], { beta: 2, reduction: 'none' }), [0.25, 2]);
  assertClose(smoothL1Loss([1, -3], [0, 0], { beta: 0, reduction: 'none' }), [1, 3]);
});

s('throws on mismatched lengths, non-finite values and a negative beta', () => {
  assertThrows(() => smoothL1Loss([1, 2], [1]), ShapeError, /^smoothL1Loss: target must have length 2, got 1$/);
  assertThrows(() => smoothL1Loss([Infinity], [1]), ConfigError, /^smoothL1Loss: pred must be finite, got Infinity at index 0$/);
  assertThrows(() => smoothL1Loss([1], [1], { beta: -1 }), ConfigError, /^smoothL1Loss: beta must be in \[0, Infinity\], got -1$/);
});

s.run();
