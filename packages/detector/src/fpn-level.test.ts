import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError } from '@mot/core';
import { fpnLevel } from './fpn-level.js';

const test = suite('fpnLevel');

test('k = floor(4 + log2(sqrt(wh) / 224)), clamped to [3, 5]', () => {
  assert.is(fpnLevel(224, 224), 4); // log2(1) = 0
  assert.is(fpnLevel(223, 224), 3); // log2(223.5 / 224) < 0
  assert.is(fpnLevel(112, 112), 3); // 4 - 1
  assert.is(fpnLevel(448, 448), 5); // 4 + 1
  assert.is(fpnLevel(2000, 2000), 5); // 4 + 3.16 -> 7, clamped
  assert.is(fpnLevel(20, 40), 3); // 4 + log2(28.28 / 224) = 1.01 -> 1, clamped
  assert.is(fpnLevel(0, 10), 3); // degenerate: finest
  assert.is(fpnLevel(50, 50, { canonicalSize: 100, canonicalLevel: 2, minLevel: 0, maxLevel: 9 }), 1); // 2 + log2(0.5)
});

test('bad options throw', () => {
  assert.throws(() => fpnLevel(1, 1, { minLevel: 5, maxLevel: 3 }), (e: unknown) => e instanceof ConfigError && /minLevel <= maxLevel/.test((e as Error).message));
  assert.throws(() => fpnLevel(1, 1, { canonicalSize: 0 }), (e: unknown) => e instanceof ConfigError && /canonicalSize > 0/.test((e as Error).message));
});

test.run();
