import { ShapeError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { binaryInto, broadcastShape } from './elementwise-binary.js';

const test = suite('binaryInto');

test('broadcasts NumPy-style', () => {
  // [2, 1] + [3]: out[i][j] = a[i] + b[j] -> [[11, 12, 13], [21, 22, 23]].
  const shape = broadcastShape([2, 1], [3]);
  assert.equal(shape, [2, 3]);
  const out = binaryInto('add', Float32Array.of(10, 20), [2, 1], Float32Array.of(1, 2, 3), [3], shape, new Float32Array(6));
  assert.equal([...out], [11, 12, 13, 21, 22, 23]);
  // Per-channel [1, 2, 1, 1] times a [1, 2, 2, 1] map: channel 0 x2, channel 1 x-1.
  const m = binaryInto('mul', Float32Array.of(1, 2, 3, 4), [1, 2, 2, 1], Float32Array.of(2, -1), [1, 2, 1, 1], [1, 2, 2, 1], new Float32Array(4));
  assert.equal([...m], [2, 4, -3, -4]);
  // Scalar on the left: 1 - [0.5, 2] = [0.5, -1]; same shapes divide elementwise.
  assert.equal([...binaryInto('sub', Float32Array.of(1), [], Float32Array.of(0.5, 2), [2], [2], new Float32Array(2))], [0.5, -1]);
  assert.equal([...binaryInto('div', Float32Array.of(1, 9), [2], Float32Array.of(4, 3), [2], [2], new Float32Array(2))], [0.25, 3]);
});

test('int32 division truncates toward zero', () => {
  assert.equal([...binaryInto('div', Int32Array.of(7, -7, 7), [3], Int32Array.of(2), [1], [3], new Int32Array(3))], [3, -3, 3]);
});

test('shapes that do not broadcast are a ShapeError', () => {
  assert.throws(() => broadcastShape([2, 3], [3, 2]), (e: unknown) => e instanceof ShapeError && /shapes must broadcast, got \[2, 3\] and \[3, 2\]/.test((e as Error).message));
});

test.run();
