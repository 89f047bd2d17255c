import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ShapeError } from '@mot/core';
import { nanodetLevels } from './nanodet-levels.js';

const test = suite('nanodetLevels');
const out = (n: number, c: number) => ({ shape: [1, n, c], data: new Float32Array(n * c) });

test('pairs outputs by cell count, finest first; stride = input / grid; regMax = channels / 4 - 1', () => {
  // input 16: 4 cells -> grid 2, stride 8; 1 cell -> grid 1, stride 16. 8 channels = 4 sides x 2 bins -> regMax 1.
  const levels = nanodetLevels({ a: out(1, 3), b: out(4, 8), c: out(1, 8), d: out(4, 3), feat: { shape: [1, 2, 2, 2], data: new Float32Array(8) } }, 3, 16);
  assert.equal(levels.map((l) => [l.stride, l.grid, l.regMax, l.scores.length, l.distributions.length]), [
    [8, 2, 1, 12, 32],
    [16, 1, 1, 3, 8],
  ]);
});

test('throws when outputs do not pair into square levels', () => {
  const bad = (o: Record<string, { shape: number[]; data: Float32Array }>, re: RegExp) =>
    assert.throws(() => nanodetLevels(o, 3, 16), (e: unknown) => e instanceof ShapeError && re.test((e as Error).message));
  bad({ a: out(4, 3) }, /N = 4 with scores and no distributions/);
  bad({ a: out(3, 3), b: out(3, 8) }, /square grid dividing 16, got N = 3/);
  bad({ a: out(4, 5) }, /must have 3 \(scores\) or 4 \* \(regMax \+ 1\) \(distribution\) channels, got 5/);
  bad({ a: { shape: [1, 4, 3], data: new Float32Array(5) } }, /output 'a' must be \[1, N, C\] with N \* C values/);
  bad({}, /got none of rank 3/);
});

test.run();
