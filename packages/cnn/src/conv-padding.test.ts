import { ConfigError, ShapeError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { convGeometry, convOutputSize, resolveConvPadding, samePadding } from './conv-padding.js';

const test = suite('convGeometry');

test("samePadding follows TensorFlow's rule (odd pixel after)", () => {
  // 416, k3, s2: out 208, total = max(207*2 + 3 - 416, 0) = 1 -> [0, 1]
  assert.equal(samePadding(416, 3, 2), [0, 1]);
  // 13, k3, s2: out 7, total = 6*2 + 3 - 13 = 2 -> [1, 1]
  assert.equal(samePadding(13, 3, 2), [1, 1]);
  // 5, k3, s1, dilation 2: out 5, total = 4 + 5 - 5 = 4 -> [2, 2]
  assert.equal(samePadding(5, 3, 1, 2), [2, 2]);
  // 6, k1, s2: out 3, total = max(4 + 1 - 6, 0) = 0
  assert.equal(samePadding(6, 1, 2), [0, 0]);
});

test('convOutputSize: ResNet conv1 and AlexNet conv1', () => {
  // ResNet conv1: 224, k7, s2, p3: floor((224 + 6 - 7) / 2) + 1 = 112
  assert.is(convOutputSize(224, 7, 2, 1, 3, 3), 112);
  // AlexNet conv1: 227, k11, s4, p0: floor(216 / 4) + 1 = 55
  assert.is(convOutputSize(227, 11, 4, 1, 0, 0), 55);
});

test('padding forms resolve to [top, bottom, left, right]', () => {
  const r = (p: Parameters<typeof resolveConvPadding>[1]) => resolveConvPadding('f', p, 10, 10, 3, 3, 1, 1, 1, 1);
  assert.equal(r(undefined), [0, 0, 0, 0]);
  assert.equal(r('valid'), [0, 0, 0, 0]);
  assert.equal(r('same'), [1, 1, 1, 1]);
  assert.equal(r(2), [2, 2, 2, 2]);
  assert.equal(r([1, 2]), [1, 1, 2, 2]);
  assert.equal(r([0, 1, 2, 3]), [0, 1, 2, 3]);
  const g = convGeometry('f', 9, 8, 3, 2, [2, 1], [0, 1, 2, 3], [1, 2]);
  // H: floor((9 + 1 - 3) / 2) + 1 = 4; W: floor((8 + 5 - 3) / 1) + 1 = 11
  assert.equal([g.outH, g.outW, g.sh, g.sw, g.dh, g.dw], [4, 11, 2, 1, 1, 2]);
});

test('throws ConfigError on malformed options and ShapeError on an empty output', () => {
  const cfg = (re: RegExp) => (e: unknown) => e instanceof ConfigError && re.test((e as Error).message);
  assert.throws(() => convGeometry('f', 5, 5, 3, 3, 0), cfg(/f: stride must be an integer >= 1 or a pair of them, got 0/));
  assert.throws(() => convGeometry('f', 5, 5, 3, 3, 1, 'full' as 'same'), cfg(/f: padding must be 'same', 'valid'/));
  assert.throws(() => convGeometry('f', 5, 5, 3, 3, 1, [1, 2, 3] as unknown as number), cfg(/got \[1,2,3\]/));
  assert.throws(() => convGeometry('f', 5, 5, 3, 3, 1, 0, [1, 0]), cfg(/f: dilation must be an integer >= 1/));
  assert.throws(
    () => convGeometry('f', 2, 5, 3, 3),
    (e: unknown) => e instanceof ShapeError && /f: input must be at least as large as the dilated kernel.*output 0x3/.test((e as Error).message),
  );
});

test.run();
