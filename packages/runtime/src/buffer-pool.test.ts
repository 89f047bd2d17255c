import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BufferPool } from './buffer-pool.js';

const test = suite('BufferPool');

test('a buffer comes back once its last value is released, and is lent again for the same length only', () => {
  const pool = new BufferPool();
  const a = pool.take(6);
  pool.retain(a);
  pool.retain(a.subarray(0, 3)); // a view (a reshape) of the same buffer
  pool.release(a);
  assert.is(pool.freeFloats(), 0, 'the view still holds it');
  pool.release(a.subarray(0, 3));
  assert.is(pool.freeFloats(), 6);
  assert.is.not(pool.take(5), a);
  assert.is(pool.take(6), a);
  assert.is(pool.freeFloats(), 0);
});

test('arrays the pool did not lend (caller inputs, constants) are never taken in', () => {
  const pool = new BufferPool();
  const mine = new Float32Array(4);
  pool.retain(mine);
  pool.release(mine);
  pool.release(mine);
  assert.is(pool.freeFloats(), 0);
  assert.is.not(pool.take(4), mine);
});

test('endRun: buffers still lent (graph outputs) are forgotten, so a later release or take never recycles them', () => {
  const pool = new BufferPool();
  const out = pool.take(8);
  pool.retain(out);
  pool.endRun();
  pool.release(out);
  assert.is(pool.freeFloats(), 0);
  assert.is.not(pool.take(8), out);
});

test.run();
