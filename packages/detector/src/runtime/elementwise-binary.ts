import { ShapeError } from '@mot/core';

/** Elementwise binary operations of the graph IR. */
export type BinaryKind = 'add' | 'sub' | 'mul' | 'div';

/**
 * NumPy broadcast of two shapes: align on the right, each pair of dimensions
 * equal or one of them 1.
 * @throws ShapeError when the shapes do not broadcast
 */
export function broadcastShape(a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(`broadcast: shapes must broadcast, got [${a.join(', ')}] and [${b.join(', ')}]`);
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Strides of `shape` aligned to an output of rank `rank`, 0 along broadcast dimensions. */
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

function apply(kind: BinaryKind, x: number, y: number): number {
  return kind === 'add' ? x + y : kind === 'sub' ? x - y : kind === 'mul' ? x * y : x / y;
}

/**
 * `out = a (op) b` with NumPy broadcasting, into `out` (length = product of
 * the broadcast shape). Float32 or int32 data (int32 division truncates, as
 * TensorFlow's integer Div; int results wrap to 32 bits).
 *
 * The graph runtime's add of two feature maps (FPN sums) and the constant
 * folder's shape arithmetic both land here: @mot/cnn has no elementwise
 * binary kernel.
 *
 * @returns `out`
 */
export function binaryInto<T extends Float32Array | Int32Array>(
  kind: BinaryKind,
  a: T,
  aShape: readonly number[],
  b: T,
  bShape: readonly number[],
  outShape: readonly number[],
  out: T,
): T {
  const n = out.length;
  const isInt = out instanceof Int32Array;
  if (a.length === n && b.length === n) {
    // Same shape: the common case (pyramid sums), one flat loop per kind.
    if (kind === 'add') for (let i = 0; i < n; i++) out[i] = a[i] + b[i];
    else if (kind === 'sub') for (let i = 0; i < n; i++) out[i] = a[i] - b[i];
    else if (kind === 'mul') for (let i = 0; i < n; i++) out[i] = a[i] * b[i];
    else for (let i = 0; i < n; i++) out[i] = isInt ? Math.trunc(a[i] / b[i]) : a[i] / b[i];
    return out;
  }
  const rank = outShape.length;
  const sa = broadcastStrides(aShape, outShape);
  const sb = broadcastStrides(bShape, outShape);
  const idx = new Array<number>(rank).fill(0);
  let ia = 0;
  let ib = 0;
  for (let i = 0; i < n; i++) {
    const v = apply(kind, a[ia], b[ib]);
    out[i] = isInt && kind === 'div' ? Math.trunc(v) : v;
    // Odometer over the output index, moving both input offsets along.
    for (let k = rank - 1; k >= 0; k--) {
      idx[k]++;
      ia += sa[k];
      ib += sb[k];
      if (idx[k] < outShape[k]) break;
      ia -= sa[k] * outShape[k];
      ib -= sb[k] * outShape[k];
      idx[k] = 0;
    }
  }
  return out;
}
