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
import { shortestAugmentingPathWasm } from './shortest-augmenting-path-wasm.js';

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
