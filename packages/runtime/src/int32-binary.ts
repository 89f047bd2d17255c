import { type BinaryOp, broadcastOffsets, broadcastShape } from '@mot/cnn';

/**
 * Exact int32 `a (op) b` with NumPy broadcasting, for the constant folder's
 * shape arithmetic (reshape targets built from SparseToDense + AddV2). The
 * float kernels live in @mot/cnn (`add`, `sub`, `mul`, `div`); int32 needs its
 * own loop because float32 cannot hold every int32 and because integer
 * division truncates toward zero (TensorFlow's integer Div). Results wrap to
 * 32 bits like C int32 arithmetic.
 *
 * @param op the operation
 * @param a first operand, row-major over `aShape`
 * @param b second operand, row-major over `bShape`
 * @returns the broadcast shape and the int32 result
 * @throws ShapeError when the shapes do not broadcast
 * @example
 * int32Binary('div', Int32Array.of(7, -7), [2], Int32Array.of(2), [1]).data; // Int32Array [3, -3]
 */
export function int32Binary(op: BinaryOp, a: Int32Array, aShape: readonly number[], b: Int32Array, bShape: readonly number[]): { shape: number[]; data: Int32Array } {
  const shape = broadcastShape(aShape, bShape);
  const ia = broadcastOffsets(aShape, shape);
  const ib = broadcastOffsets(bShape, shape);
  const out = new Int32Array(ia.length);
  for (let i = 0; i < out.length; i++) {
    const x = a[ia[i]];
    const y = b[ib[i]];
    // Storing into an Int32Array wraps modulo 2^32; Math.imul keeps the low 32 bits of a product exactly.
    out[i] = op === 'add' ? x + y : op === 'sub' ? x - y : op === 'mul' ? Math.imul(x, y) : Math.trunc(x / y);
  }
  return { shape, data: out };
}
