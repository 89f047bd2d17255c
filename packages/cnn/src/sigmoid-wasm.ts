import { ShapeError } from '@mot/core';
import { type Tensor, tensor } from './tensor.js';
import { type WasmKernels, defaultWasmKernels } from './wasm/wasm-kernels.js';

/** Options of {@link sigmoidWasm}. */
export interface SigmoidWasmOptions {
  /** Write into this array (length >= the input's) instead of a new one. */
  out?: Float32Array;
  /** The WebAssembly instance to run on (default: this thread's). */
  kernels?: WasmKernels;
}

/**
 * Logistic sigmoid 1 / (1 + e^-x) on the WebAssembly SIMD kernels: four
 * lanes at a time with a polynomial e^x (within a few float32 ulps of
 * {@link sigmoid}, which calls Math.exp per element and took ~30 ns each on
 * NanoDet's class maps). Needs WebAssembly SIMD (`wasmSimdSupported()`).
 *
 * @param x any shape
 * @param options `out` to write into, `kernels` the instance
 * @returns a tensor of x's shape (on `out`'s buffer when given)
 * @throws ShapeError for an `out` shorter than x
 * @example sigmoidWasm(tensor([2], [0, 2])).data; // [0.5, 0.8807971]
 */
export function sigmoidWasm(x: Tensor, options: SigmoidWasmOptions = {}): Tensor {
  const n = x.data.length;
  if (options.out !== undefined && options.out.length < n) {
    throw new ShapeError(`sigmoidWasm: out must have at least ${n} elements, got ${options.out.length}`);
  }
  const kr = options.kernels ?? defaultWasmKernels();
  // The kernel works on whole v128s: both regions rounded up to 4 floats.
  // An input or output already in the kernels' memory (a graph runtime's
  // feature map) is used in place, if its length is whole v128s; others go
  // through scratch.
  const padded = Math.ceil(n / 4) * 4;
  const out = options.out?.subarray(0, n) ?? new Float32Array(n);
  const xIn = kr.owns(x.data) && padded === n;
  const yIn = kr.owns(out) && padded === n;
  const [srcScratch, dstScratch] = kr.scratch(xIn ? 0 : padded, yIn ? 0 : padded);
  const src = xIn ? (x.data as Float32Array).byteOffset : srcScratch;
  const dst = yIn ? out.byteOffset : dstScratch;
  const heap = kr.heap;
  if (!xIn) heap.set(x.data instanceof Float32Array ? x.data : Float32Array.from(x.data), src >> 2);
  kr.exports.sigmoid(src, dst, n);
  if (!yIn) out.set(heap.subarray(dst >> 2, (dst >> 2) + n));
  return tensor(x.shape, out);
}
