import { ShapeError } from '@mot/core';
import { type Tensor, expectRank } from './tensor.js';
import type { WasmKernels } from './wasm/wasm-kernels.js';

/** The elementwise binary operations: `a + b`, `a - b`, `a * b`, `a / b`. */
export type BinaryOp = 'add' | 'sub' | 'mul' | 'div';

/**
 * NumPy broadcast of two shapes: align them on the right; each pair of
 * dimensions must be equal or contain a 1, and the result takes the larger.
 *
 * @param a shape of the first operand (any rank, `[]` for a scalar)
 * @param b shape of the second operand
 * @returns the shape of `a (op) b`
 * @throws ShapeError when the shapes do not broadcast
 * @example
 * broadcastShape([1, 64, 52, 52], [64, 1, 1]); // [1, 64, 52, 52]
 */
export function broadcastShape(a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(`broadcastShape: shapes must broadcast (equal or 1 per axis, aligned right), got [${a.join(', ')}] and [${b.join(', ')}]`);
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Strides of `shape` seen from an output of shape `out` (right-aligned), 0 along broadcast axes. */
function broadcastStrides(shape: readonly number[], out: readonly number[]): number[] {
  const rank = out.length;
  const strides = new Array<number>(rank).fill(0);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const k = rank - shape.length + i;
    strides[k] = shape[i] === 1 && out[k] !== 1 ? 0 : s;
    s *= shape[i];
  }
  return strides;
}

/**
 * For every element of an output of shape `outShape` (row-major), the flat
 * index of the element of an operand of shape `shape` that broadcasts onto
 * it. For element types the float kernels do not cover (e.g. exact int32
 * shape arithmetic in a constant folder).
 *
 * @param shape the operand's shape; must broadcast to `outShape`
 * @param outShape the broadcast result (see {@link broadcastShape})
 * @returns `Int32Array` of length product(outShape)
 * @throws ShapeError when `shape` does not broadcast to `outShape`
 * @example
 * broadcastOffsets([3], [2, 3]); // Int32Array [0, 1, 2, 0, 1, 2]
 */
export function broadcastOffsets(shape: readonly number[], outShape: readonly number[]): Int32Array {
  const full = broadcastShape(shape, outShape);
  if (full.length !== outShape.length || full.some((d, i) => d !== outShape[i])) {
    throw new ShapeError(`broadcastOffsets: shape [${shape.join(', ')}] must broadcast to [${outShape.join(', ')}], got [${full.join(', ')}]`);
  }
  const rank = outShape.length;
  const strides = broadcastStrides(shape, outShape);
  const n = outShape.reduce((p, d) => p * d, 1);
  const out = new Int32Array(n);
  const idx = new Array<number>(rank).fill(0);
  let at = 0;
  for (let i = 0; i < n; i++) {
    out[i] = at;
    // Odometer over the output index, moving the operand offset along.
    for (let k = rank - 1; k >= 0; k--) {
      idx[k]++;
      at += strides[k];
      if (idx[k] < outShape[k]) break;
      at -= strides[k] * outShape[k];
      idx[k] = 0;
    }
  }
  return out;
}

/**
 * `out[o + i] = a[ia + i * sa] (op) b[ib + i * sb]` for i < len. One loop per
 * op keeps each loop monomorphic; sa/sb are 0 (broadcast) or 1.
 */
function run(op: BinaryOp, a: Float32Array, ia: number, sa: number, b: Float32Array, ib: number, sb: number, out: Float32Array, o: number, len: number): void {
  const end = o + len;
  switch (op) {
    case 'add':
      for (; o < end; o++, ia += sa, ib += sb) out[o] = a[ia] + b[ib];
      return;
    case 'sub':
      for (; o < end; o++, ia += sa, ib += sb) out[o] = a[ia] - b[ib];
      return;
    case 'mul':
      for (; o < end; o++, ia += sa, ib += sb) out[o] = a[ia] * b[ib];
      return;
    case 'div':
      for (; o < end; o++, ia += sa, ib += sb) out[o] = a[ia] / b[ib];
      return;
  }
}

/**
 * `out[i] = a[i] (op) b[i]` for i < n: the same-shape case (NanoDet's FPN
 * adds). Unrolled by eight: V8 does not vectorise these loops, and the
 * unrolled body halves the per-element loop and bounds-check overhead (about
 * 2.5x the strided loop of {@link run} on [1, 128, 52, 52]).
 */
function runFlat(op: BinaryOp, a: Float32Array, b: Float32Array, out: Float32Array, n: number): void {
  const m = n - (n % 8);
  let i = 0;
  switch (op) {
    case 'add':
      for (; i < m; i += 8) {
        out[i] = a[i] + b[i];
        out[i + 1] = a[i + 1] + b[i + 1];
        out[i + 2] = a[i + 2] + b[i + 2];
        out[i + 3] = a[i + 3] + b[i + 3];
        out[i + 4] = a[i + 4] + b[i + 4];
        out[i + 5] = a[i + 5] + b[i + 5];
        out[i + 6] = a[i + 6] + b[i + 6];
        out[i + 7] = a[i + 7] + b[i + 7];
      }
      for (; i < n; i++) out[i] = a[i] + b[i];
      return;
    case 'sub':
      for (; i < m; i += 8) {
        out[i] = a[i] - b[i];
        out[i + 1] = a[i + 1] - b[i + 1];
        out[i + 2] = a[i + 2] - b[i + 2];
        out[i + 3] = a[i + 3] - b[i + 3];
        out[i + 4] = a[i + 4] - b[i + 4];
        out[i + 5] = a[i + 5] - b[i + 5];
        out[i + 6] = a[i + 6] - b[i + 6];
        out[i + 7] = a[i + 7] - b[i + 7];
      }
      for (; i < n; i++) out[i] = a[i] - b[i];
      return;
    case 'mul':
      for (; i < m; i += 8) {
        out[i] = a[i] * b[i];
        out[i + 1] = a[i + 1] * b[i + 1];
        out[i + 2] = a[i + 2] * b[i + 2];
        out[i + 3] = a[i + 3] * b[i + 3];
        out[i + 4] = a[i + 4] * b[i + 4];
        out[i + 5] = a[i + 5] * b[i + 5];
        out[i + 6] = a[i + 6] * b[i + 6];
        out[i + 7] = a[i + 7] * b[i + 7];
      }
      for (; i < n; i++) out[i] = a[i] * b[i];
      return;
    case 'div':
      for (; i < m; i += 8) {
        out[i] = a[i] / b[i];
        out[i + 1] = a[i + 1] / b[i + 1];
        out[i + 2] = a[i + 2] / b[i + 2];
        out[i + 3] = a[i + 3] / b[i + 3];
        out[i + 4] = a[i + 4] / b[i + 4];
        out[i + 5] = a[i + 5] / b[i + 5];
        out[i + 6] = a[i + 6] / b[i + 6];
        out[i + 7] = a[i + 7] / b[i + 7];
      }
      for (; i < n; i++) out[i] = a[i] / b[i];
      return;
  }
}

function binary(op: BinaryOp, a: Tensor, b: Tensor, into?: Float32Array, kernels?: WasmKernels): Tensor {
  expectRank(a, a.shape.length, `${op}: a`);
  expectRank(b, b.shape.length, `${op}: b`);
  let shape: number[];
  try {
    shape = broadcastShape(a.shape, b.shape);
  } catch {
    throw new ShapeError(`${op}: a and b must broadcast (equal or 1 per axis, aligned right), got [${a.shape.join(', ')}] and [${b.shape.join(', ')}]`);
  }
  const n = shape.reduce((p, d) => p * d, 1);
  if (into !== undefined && into.length < n) throw new ShapeError(`${op}: out must have at least ${n} elements, got ${into.length}`);
  // Both loops below write every element, so `into` may be a recycled buffer.
  const out = into?.subarray(0, n) ?? new Float32Array(n);
  if (a.data.length === n && b.data.length === n) {
    // Both operands cover the whole output: same layout, one flat loop; in
    // WebAssembly SIMD when all three live in `kernels`' memory (a graph
    // runtime's feature maps), with the same float32 results.
    if (kernels !== undefined && kernels.owns(a.data) && kernels.owns(b.data) && kernels.owns(out)) {
      kernels.exports[`${op}_f32`](a.data.byteOffset, b.data.byteOffset, out.byteOffset, n);
    } else runFlat(op, a.data, b.data, out, n);
    return { shape, data: out };
  }
  if (n === 0) return { shape, data: out };
  // Innermost axis as a strided run, the outer axes by an odometer.
  const rank = shape.length;
  const sa = broadcastStrides(a.shape, shape);
  const sb = broadcastStrides(b.shape, shape);
  const inner = rank === 0 ? 1 : shape[rank - 1];
  const stepA = rank === 0 ? 0 : sa[rank - 1];
  const stepB = rank === 0 ? 0 : sb[rank - 1];
  const idx = new Array<number>(rank).fill(0);
  let ia = 0;
  let ib = 0;
  for (let o = 0; o < n; o += inner) {
    run(op, a.data, ia, stepA, b.data, ib, stepB, out, o, inner);
    for (let k = rank - 2; k >= 0; k--) {
      idx[k]++;
      ia += sa[k];
      ib += sb[k];
      if (idx[k] < shape[k]) break;
      ia -= sa[k] * shape[k];
      ib -= sb[k] * shape[k];
      idx[k] = 0;
    }
  }
  return { shape, data: out };
}

/**
 * Elementwise `a + b` with NumPy broadcasting (as `tf.add`).
 * @param a any shape
 * @param b any shape that broadcasts with `a` (e.g. a per-channel `[C, 1, 1]` onto `[N, C, H, W]`)
 * @param out write into this array (every element, at least the broadcast size) instead of a new one
 * @param kernels same-shape operands and `out` all in this WebAssembly instance's memory run in its SIMD kernel
 * @returns a new tensor of the broadcast shape (on `out` when given)
 * @throws ShapeError when the shapes do not broadcast or a tensor's data does not match its shape
 * @example
 * add(tensor([2, 1], [10, 20]), tensor([3], [1, 2, 3])).data; // [11, 12, 13, 21, 22, 23]
 */
export function add(a: Tensor, b: Tensor, out?: Float32Array, kernels?: WasmKernels): Tensor {
  return binary('add', a, b, out, kernels);
}

/**
 * Elementwise `a - b` with NumPy broadcasting (as `tf.sub`).
 * @param out write into this array (every element, at least the broadcast size) instead of a new one
 * @param kernels same-shape operands and `out` all in this WebAssembly instance's memory run in its SIMD kernel
 * @returns a new tensor of the broadcast shape (on `out` when given)
 * @throws ShapeError when the shapes do not broadcast or a tensor's data does not match its shape
 * @example
 * sub(tensor([], [1]), tensor([2], [0.5, 2])).data; // [0.5, -1]
 */
export function sub(a: Tensor, b: Tensor, out?: Float32Array, kernels?: WasmKernels): Tensor {
  return binary('sub', a, b, out, kernels);
}

/**
 * Elementwise `a * b` with NumPy broadcasting (as `tf.mul`).
 * @param out write into this array (every element, at least the broadcast size) instead of a new one
 * @param kernels same-shape operands and `out` all in this WebAssembly instance's memory run in its SIMD kernel
 * @returns a new tensor of the broadcast shape (on `out` when given)
 * @throws ShapeError when the shapes do not broadcast or a tensor's data does not match its shape
 * @example
 * mul(tensor([1, 2, 2, 1], [1, 2, 3, 4]), tensor([1, 2, 1, 1], [2, -1])).data; // [2, 4, -3, -4]
 */
export function mul(a: Tensor, b: Tensor, out?: Float32Array, kernels?: WasmKernels): Tensor {
  return binary('mul', a, b, out, kernels);
}

/**
 * Elementwise `a / b` with NumPy broadcasting (as `tf.div` on float32:
 * IEEE division, x / 0 = ±Infinity, 0 / 0 = NaN).
 * @param out write into this array (every element, at least the broadcast size) instead of a new one
 * @param kernels same-shape operands and `out` all in this WebAssembly instance's memory run in its SIMD kernel
 * @returns a new tensor of the broadcast shape (on `out` when given)
 * @throws ShapeError when the shapes do not broadcast or a tensor's data does not match its shape
 * @example
 * div(tensor([2], [1, 9]), tensor([2], [4, 3])).data; // [0.25, 3]
 */
export function div(a: Tensor, b: Tensor, out?: Float32Array, kernels?: WasmKernels): Tensor {
  return binary('div', a, b, out, kernels);
}
