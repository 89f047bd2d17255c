import { WasmKernels } from '@mot/cnn';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BufferPool } from './buffer-pool.js';

const test = suite('BufferPool');

test('a buffer comes back once its last value is released; the same length gets it back whole', () => {
  const pool = new BufferPool();
  const a = pool.take(6);
  pool.retain(a);
  pool.retain(a.subarray(0, 3)); // a view (a reshape) of the same buffer
  pool.release(a);
  assert.is(pool.freeFloats(), 0, 'the view still holds it');
  pool.release(a.subarray(0, 3));
  assert.is(pool.freeFloats(), 6);
  assert.is(pool.take(6), a);
  assert.is(pool.freeFloats(), 0);
  assert.is(pool.heldFloats(), 6);
});

test('a shorter request takes the smallest free buffer that is long enough, as a view of its start', () => {
  const pool = new BufferPool();
  const [b16, b4, b8] = [pool.take(16), pool.take(4), pool.take(8)];
  pool.endRun();
  assert.is(pool.freeFloats(), 28);
  const five = pool.take(5);
  assert.is(five.length, 5);
  assert.is(five.buffer, b8.buffer, 'the 8, not the 16');
  assert.is(pool.take(4), b4);
  assert.is(pool.take(9).buffer, b16.buffer);
  assert.is(pool.take(2).length, 2, 'nothing free is left: a new one');
  assert.is(pool.heldFloats(), 30);
});

test('arrays the pool did not lend (caller inputs, constants) are never taken in', () => {
  const pool = new BufferPool();
  const mine = new Float32Array(4);
  pool.retain(mine);
  pool.release(mine);
  pool.release(mine);
  assert.is(pool.freeFloats(), 0);
  assert.is(pool.isLent(mine), false);
  assert.is.not(pool.take(4), mine);
});

test('endRun takes back every buffer still lent (outputs the executor copied, a failed run\'s)', () => {
  const pool = new BufferPool();
  const out = pool.take(8);
  pool.retain(out);
  assert.is(pool.isLent(out.subarray(2)), true);
  pool.endRun();
  assert.is(pool.isLent(out), false);
  assert.is(pool.freeFloats(), 8);
  pool.release(out); // a late release of a value from the last run changes nothing
  assert.is(pool.freeFloats(), 8);
  assert.is(pool.take(8), out);
});

test('runs on varying sizes (OSNet batches of 1 to 16) hold what the largest needs, not a set per size', () => {
  const pool = new BufferPool();
  const run = (batch: number) => {
    const a = pool.take(batch * 100);
    pool.retain(a);
    const b = pool.take(batch * 50);
    pool.retain(b);
    pool.release(a);
    const c = pool.take(batch * 100);
    pool.retain(c);
    pool.endRun();
  };
  run(16);
  const held = pool.heldFloats();
  assert.is(held, 16 * 150 + 16 * 100 - 16 * 100 + 16 * 100 - 16 * 100, 'c reuses a');
  for (let r = 0; r < 3; r++) for (let batch = 1; batch <= 16; batch++) run(batch);
  assert.is(pool.heldFloats(), held);
});

test('in WebAssembly kernel memory: blocks are views of one memory, told apart by byte range, valid after it grows', () => {
  const kernels = WasmKernels.create('simd');
  const pool = new BufferPool({ alloc: (n) => kernels.alloc(n), owns: (d) => kernels.owns(d) });
  const a = pool.take(1000);
  const b = pool.take(1000);
  assert.ok(kernels.owns(a) && kernels.owns(b));
  a.fill(1);
  b.fill(2);
  pool.retain(a);
  pool.retain(b.subarray(500)); // a view into b, not a
  kernels.scratch(4_000_000); // grows the memory by ~16 MB
  assert.is(a.length, 1000, 'still attached');
  assert.is(a[999] + b[0], 3);
  pool.release(a);
  assert.is(pool.freeFloats(), 1000);
  assert.is(pool.isLent(b.subarray(10, 20)), true);
  pool.release(b.subarray(500));
  assert.is(pool.freeFloats(), 2000);
  assert.ok([a.byteOffset, b.byteOffset].includes(pool.take(1000).byteOffset));
});

test.run();
