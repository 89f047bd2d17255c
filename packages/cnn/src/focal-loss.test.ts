import { ConfigError, ShapeError } from '@mot/core';
import { suite } from 'uvu';
import { focalLoss } from './index.js';
import { assertClose, assertThrows } from './testing/c3-oracle.js';

const s = suite('focalLoss');

s('paper defaults alpha 0.25, gamma 2 (hand-computed)', () => {
  // x 0, t 1: p 0.5, CE ln 2 = 0.6931472, (1 - 0.5)^2 = 0.25, alpha_t 0.25 -> 0.0433217
  // x 2, t 0: p 0.8807971, CE ln(1 + e^2) = 2.1269280, p_t 0.1192029, (1 - p_t)^2 = 0.7758035,
  //           alpha_t 0.75 -> 2.1269280 * 0.7758035 * 0.75 = 1.2375586
  // x -1, t 1: p 0.2689414, CE ln(1 + e) = 1.3132617, (1 - p)^2 = 0.5344466, 0.25 -> 0.1754671
  // x 3, t 1: p 0.9525741, CE 0.0485874, (1 - p)^2 = 0.0022492, 0.25 -> 0.0000273
  const logits = new Float32Array([0, 2, -1, 3]);
  const targets = new Float32Array([1, 0, 1, 1]);
  assertClose(focalLoss(logits, targets, { reduction: 'none' }), [0.0433217, 1.2375586, 0.1754671, 0.0000273], 1e-7);
  assertClose(focalLoss(logits, targets, { reduction: 'sum' }), 1.4563747, 1e-6);
  assertClose(focalLoss(logits, targets), 1.4563747 / 4, 1e-6);
});

s('gamma 0 and no alpha is binary cross-entropy', () => {
  // -ln sigmoid(0) = ln 2; -ln(1 - sigmoid(2)) = ln(1 + e^2) = 2.1269280
  assertClose(focalLoss([0, 2], [1, 0], { gamma: 0, alpha: null, reduction: 'none' }), [Math.LN2, 2.126928], 1e-6);
});

s('stays finite for extreme logits', () => {
  // x -100, t 1: CE = 100 + ln(1 + e^-100) = 100, p_t = e^-100 -> (1 - p_t)^2 = 1, * 0.25 = 25
  assertClose(focalLoss([-100], [1], { reduction: 'sum' }), 25, 1e-5);
});

s('throws on bad targets, options and lengths', () => {
  assertThrows(() => focalLoss([0], [2]), ConfigError, /^focalLoss: targets\[0\] must be in \[0, 1\], got 2$/);
  assertThrows(() => focalLoss([0], [1], { alpha: 1.5 }), ConfigError, /^focalLoss: alpha must be in \[0, 1\], got 1.5$/);
  assertThrows(() => focalLoss([0], [1], { gamma: -1 }), ConfigError, /gamma/);
  assertThrows(() => focalLoss([0, 1], [1]), ShapeError, /^focalLoss: targets must have length 2, got 1$/);
  assertThrows(() => focalLoss([NaN], [1]), ConfigError, /logits must be finite/);
});

s.run();
