import { ConfigError, ShapeError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { reshape } from './reshape.js';
import { tensor } from './tensor.js';

const rs = suite('reshape');

rs('infers -1, keeps row-major order and shares the data', () => {
  const x = tensor([2, 3], [1, 2, 3, 4, 5, 6]);
  const y = reshape(x, [-1, 2]);
  assert.equal(y.shape, [3, 2]);
  assert.ok(y.data === x.data);
  assert.equal(reshape(x, [6]).shape, [6]);
  assert.equal(reshape(tensor([0, 4]), [2, 0]).shape, [2, 0]);
});

rs('throws on a count mismatch, two -1, a non-inferable -1 and bad entries', () => {
  const x = tensor([2, 3]);
  assert.throws(() => reshape(x, [4, 2]), (e: unknown) => e instanceof ShapeError && /hold 6 elements/.test(e.message));
  assert.throws(() => reshape(x, [-1, -1]), (e: unknown) => e instanceof ConfigError);
  assert.throws(() => reshape(x, [-1, 4]), (e: unknown) => e instanceof ShapeError && /inferable/.test(e.message));
  assert.throws(() => reshape(x, [2.5, 2]), (e: unknown) => e instanceof ConfigError);
  assert.throws(() => reshape(tensor([0, 3]), [-1, 0]), (e: unknown) => e instanceof ShapeError);
});

rs.run();
