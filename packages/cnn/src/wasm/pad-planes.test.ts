import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { WasmKernels, relaxedSimdSupported } from './wasm-kernels.js';

const test = suite('pad_planes (WebAssembly kernel)');

/** What pad_planes must write: `value` everywhere, then the (possibly cropped) planes at (top, left). */
function reference(src: Float32Array, planes: number, rows: number, cols: number, sPlane: number, sRow: number, hp: number, wp: number, top: number, left: number, value: number): Float32Array {
  const out = new Float32Array(planes * hp * wp).fill(value);
  for (let q = 0; q < planes; q++) {
    for (let y = 0; y < rows; y++) for (let x = 0; x < cols; x++) out[(q * hp + top + y) * wp + left + x] = src[q * sPlane + y * sRow + x];
  }
  return out;
}

const variants = relaxedSimdSupported() ? (['simd', 'relaxed'] as const) : (['simd'] as const);

test('writes the planes at (top, left) and the value everywhere else, for borders of 0-5 floats and cropped copies, both builds', () => {
  // [planes, inH, inW, rows, cols, hp, wp, top, left]: a conv's 1-px padding, the
  // Winograd F(4x4) overhang (right border of 4-7 floats: vector and scalar tails),
  // a crop (rows < inH), a zero-width left border, a row narrower than a v128.
  const cases = [
    [3, 5, 7, 5, 7, 7, 9, 1, 1],
    [2, 13, 13, 13, 13, 18, 24, 1, 1],
    [4, 6, 6, 4, 5, 6, 8, 2, 3],
    [1, 3, 2, 3, 2, 5, 2, 2, 0],
    [2, 4, 9, 4, 9, 4, 14, 0, 5],
  ];
  for (const variant of variants) {
    const kr = WasmKernels.create(variant);
    for (const [planes, inH, inW, rows, cols, hp, wp, top, left] of cases) {
      for (const value of [0, Number.NEGATIVE_INFINITY]) {
        const src = Float32Array.from({ length: planes * inH * inW }, (_, i) => Math.sin(i) * 10);
        const want = reference(src, planes, rows, cols, inH * inW, inW, hp, wp, top, left, value);
        const x = kr.alloc(src.length);
        x.set(src);
        // Garbage in the destination (and a guard float after it) shows every float is written and none past the end.
        const y = kr.alloc(planes * hp * wp + 1);
        y.fill(12345);
        kr.exports.pad_planes(x.byteOffset, y.byteOffset, planes, rows, cols, inH * inW, inW, hp, wp, top, left, value);
        assert.equal(Array.from(y.subarray(0, want.length)), Array.from(want), `${variant} ${[planes, inH, inW, rows, cols, hp, wp, top, left]} value ${value}`);
        assert.is(y[want.length], 12345, 'nothing written past the padded planes');
      }
    }
  }
});

test.run();
