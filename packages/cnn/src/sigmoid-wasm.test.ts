import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sigmoid } from './activations.js';
import { sigmoidWasm } from './sigmoid-wasm.js';
import { tensor } from './tensor.js';
import { WasmKernels } from './wasm/wasm-kernels.js';

const test = suite('sigmoidWasm');

test('hand-computed values: sigmoid(0) = 1/2, sigmoid(ln 3) = 3/4, sigmoid(-ln 3) = 1/4, symmetric', () => {
  const y = sigmoidWasm(tensor([1, 5], [0, Math.log(3), -Math.log(3), 2, -2])).data;
  const want = [0.5, 0.75, 0.25, 1 / (1 + Math.exp(-2)), 1 / (1 + Math.exp(2))];
  for (let i = 0; i < 5; i++) assert.ok(Math.abs(y[i] - want[i]) <= 2e-7, `${i}: ${y[i]} vs ${want[i]}`);
  assert.equal(sigmoidWasm(tensor([2, 3], new Float32Array(6))).shape, [2, 3]);
});

test('equals the Math.exp sigmoid within 3e-7 relative over [-90, 90] (odd lengths: the tail lanes), both builds', () => {
  for (const n of [1, 3, 7, 4099]) {
    const x = tensor([n], Float32Array.from({ length: n }, (_, i) => -90 + (180 * i) / Math.max(1, n - 1) + Math.sin(i)));
    const ref = sigmoid(x).data;
    for (const variant of ['simd', 'relaxed'] as const) {
      let kernels: WasmKernels;
      try {
        kernels = WasmKernels.create(variant);
      } catch {
        continue; // relaxed SIMD missing (Node 20 without the flag)
      }
      const y = sigmoidWasm(x, { kernels }).data;
      assert.is(y.length, n);
      for (let i = 0; i < n; i++) {
        const e = Math.abs(y[i] - ref[i]);
        assert.ok(e <= 3e-7 * Math.max(ref[i], 1e-30) || e <= 1e-38, `n ${n} ${variant} x ${x.data[i]}: ${y[i]} vs ${ref[i]}`);
      }
    }
  }
});

test('extremes saturate to 1 and 0 (no inf/NaN from e^x), NaN stays NaN, out is written in place', () => {
  const out = new Float32Array(8).fill(7);
  const y = sigmoidWasm(tensor([6], [1e30, -1e30, Infinity, -Infinity, Number.NaN, -0]), { out });
  assert.is(y.data.buffer, out.buffer);
  assert.equal([...y.data.slice(0, 4)].map((v) => (v < 1e-30 ? 0 : v)), [1, 0, 1, 0]);
  assert.ok(Number.isNaN(y.data[4]));
  assert.is(y.data[5], 0.5);
  assert.is(out[6], 7, 'nothing written past the input length');
  assert.throws(() => sigmoidWasm(tensor([9]), { out }), /at least 9/);
});

test.run();
