import { ShapeError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { int32Binary } from './int32-binary.js';

const test = suite('int32Binary');

test('broadcasts NumPy-style: [2, 1] + [3] -> [[11, 12, 13], [21, 22, 23]]', () => {
  assert.equal(int32Binary('add', Int32Array.of(10, 20), [2, 1], Int32Array.of(1, 2, 3), [3]), { shape: [2, 3], data: Int32Array.of(11, 12, 13, 21, 22, 23) });
  // a reshape target: [1, 80, -1] + [0, 0, 0] stays itself; a scalar on the left: 1 - [5, -2] = [-4, 3]
  assert.equal([...int32Binary('add', Int32Array.of(1, 80, -1), [3], Int32Array.of(0, 0, 0), [3]).data], [1, 80, -1]);
  assert.equal([...int32Binary('sub', Int32Array.of(1), [], Int32Array.of(5, -2), [2]).data], [-4, 3]);
});

test('division truncates toward zero; products wrap to 32 bits exactly', () => {
  // 7 / 2 = 3.5 -> 3, -7 / 2 = -3.5 -> -3
  assert.equal([...int32Binary('div', Int32Array.of(7, -7, 7), [3], Int32Array.of(2), [1]).data], [3, -3, 3]);
  // 65536 * 65537 = 2^32 + 65536 -> 65536 after wrapping; (2^31 - 1) * 3 = 3 * 2^31 - 3 -> 2^31 - 3 (mod 2^32, signed)
  assert.equal([...int32Binary('mul', Int32Array.of(65536, 2147483647), [2], Int32Array.of(65537, 3), [2]).data], [65536, 2147483645]);
});

test('shapes that do not broadcast are a ShapeError', () => {
  assert.throws(
    () => int32Binary('add', new Int32Array(6), [2, 3], new Int32Array(6), [3, 2]),
    (e: unknown) => e instanceof ShapeError && /shapes must broadcast .*got \[2, 3\] and \[3, 2\]/.test((e as Error).message),
  );
});

test.run();
