// The WebAssembly core against the TypeScript one it transcribes: identical
// assignments on random real and small-integer (tie-heavy) matrices, square
// and wide, and the overflow report; the committed binary equals a rebuild of
// wasm/sap.wat.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { seededRandom } from '@mot/core';
import { shortestAugmentingPath } from './shortest-augmenting-path.js';
import { sapCostBuffer, sapScanCost, shortestAugmentingPathWasm } from './shortest-augmenting-path-wasm.js';

const test = suite('shortestAugmentingPathWasm');

test('same assignment as the TypeScript core on 300 random problems (reals and ties)', () => {
  const rnd = seededRandom(7);
  for (let t = 0; t < 300; t++) {
    const nr = 1 + Math.floor(rnd() * 30);
    const nc = nr + Math.floor(rnd() * 5);
    const ints = t % 2 === 1;
    const cost = new Float64Array(nr * nc).map(() => (ints ? Math.floor(rnd() * 4) : rnd() * 100));
    const a = new Int32Array(nr);
    const b = new Int32Array(nr);
    assert.is(shortestAugmentingPath(nr, nc, cost, a), true);
    assert.is(shortestAugmentingPathWasm(nr, nc, cost, b), true);
    assert.equal(Array.from(b), Array.from(a), `problem ${t} (${nr} x ${nc})`);
  }
});

test('same assignment as the TypeScript core on larger tie-heavy and signed-zero problems (long paths, odd and even widths)', () => {
  // Few distinct values make many equal path costs, so the scan's exact
  // fallback for entries at or below the lowest and the after-the-fact
  // path rows are exercised; -0 and +0 compare equal but are distinct bits.
  const rnd = seededRandom(11);
  const values = [0, -0, 1, 2, 0.5, -1];
  for (let t = 0; t < 60; t++) {
    const nr = 20 + Math.floor(rnd() * 100);
    const nc = nr + Math.floor(rnd() * 3);
    const kind = t % 3;
    const cost = new Float64Array(nr * nc).map(() =>
      kind === 0 ? values[Math.floor(rnd() * values.length)] : kind === 1 ? Math.floor(rnd() * 3) : rnd(),
    );
    const a = new Int32Array(nr);
    const b = new Int32Array(nr);
    assert.is(shortestAugmentingPath(nr, nc, cost, a), true);
    assert.is(shortestAugmentingPathWasm(nr, nc, cost, b), true);
    assert.equal(Array.from(b), Array.from(a), `problem ${t} (${nr} x ${nc}, kind ${kind})`);
  }
});

test('same assignment as the TypeScript core at 400 x 401 (reals)', () => {
  const rnd = seededRandom(12);
  const cost = new Float64Array(400 * 401).map(() => rnd());
  const a = new Int32Array(400);
  const b = new Int32Array(400);
  assert.is(shortestAugmentingPath(400, 401, cost, a), true);
  assert.is(shortestAugmentingPathWasm(400, 401, cost, b), true);
  assert.equal(Array.from(b), Array.from(a));
});

test('sapScanCost flags +Infinity (bit 0) and NaN or -Infinity (bit 1) at any position, odd and even lengths', () => {
  for (const n of [1, 2, 7, 8]) {
    const buf = sapCostBuffer(1, n);
    buf.fill(1.5);
    assert.is(sapScanCost(n), 0, `all finite, n ${n}`);
    for (let k = 0; k < n; k++) {
      for (const [x, flag] of [[Infinity, 1], [NaN, 2], [-Infinity, 2], [-0, 0], [-1e308, 0]] as const) {
        buf.fill(1.5);
        buf[k] = x;
        assert.is(sapScanCost(n), flag, `${x} at ${k} of ${n}`);
      }
    }
    buf.fill(1.5);
    buf[0] = Infinity;
    buf[n - 1] = NaN;
    assert.is(sapScanCost(n), n === 1 ? 2 : 3, `both, n ${n}`);
  }
  // Only the first n values are looked at.
  const buf = sapCostBuffer(1, 4);
  buf.set([1, 2, 3, NaN]);
  assert.is(sapScanCost(3), 0);
});

test('hand-checked 3 x 3, and a smaller problem after a larger one reuses the memory correctly', () => {
  const big = new Float64Array(200 * 200).map((_, k) => (k * 7919) % 1000);
  shortestAugmentingPathWasm(200, 200, big, new Int32Array(200));
  const out = new Int32Array(3);
  // [[4, 1, 3], [2, 0, 5], [3, 2, 2]]: optimum 1 + 2 + 2 = 5 with cols [1, 0, 2].
  assert.is(shortestAugmentingPathWasm(3, 3, new Float64Array([4, 1, 3, 2, 0, 5, 3, 2, 2]), out), true);
  assert.equal(Array.from(out), [1, 0, 2]);
});

test('same assignment and flag as the TypeScript core on every 2 x 2 of extreme values (near +-Number.MAX_VALUE)', () => {
  const values = [0, 1, 1e308, -1e308, 1.7e308, -1.7e308];
  for (let t = 0; t < 6 ** 4; t++) {
    const cost = new Float64Array([0, 1, 2, 3].map((k) => values[Math.floor(t / 6 ** k) % 6]));
    const a = new Int32Array(2);
    const b = new Int32Array(2);
    assert.is(shortestAugmentingPathWasm(2, 2, cost, b), shortestAugmentingPath(2, 2, cost, a), `flag for ${cost}`);
    assert.equal(Array.from(b), Array.from(a), `assignment for ${cost}`);
  }
});

test('the committed binary is a rebuild of wasm/sap.wat', async () => {
  const { buildSapWasmSource } = await import(new URL('../../../scripts/build-hungarian-wasm.mjs', import.meta.url).href);
  const committed = readFileSync(fileURLToPath(new URL('./sap-wasm-binary.ts', import.meta.url)), 'utf8');
  assert.is(committed, await buildSapWasmSource());
});

test.run();
