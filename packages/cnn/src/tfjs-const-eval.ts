/**
 * Constant folding for the tfjs graph walk: just enough integer evaluation to
 * recover shapes that converters compute in constant subgraphs.
 */

/** A graph constant: its shape and, when known, its integer values. */
export interface ConstValue {
  shape: number[];
  ints?: number[];
}

/**
 * Evaluates a node whose inputs are all constants, as far as the layer walk
 * needs: integer arithmetic and SparseToDense (left behind by ONNX Reshape
 * conversions). Anything else yields a constant of unknown value.
 * Internal to the tfjs graph walk.
 */
export function evalConst(op: string, ins: readonly ConstValue[]): ConstValue {
  const vals = ins.map((v) => v.ints);
  const known = vals.every((v) => v !== undefined);
  switch (op) {
    case 'Identity':
    case 'Cast':
      return ins[0];
    case 'Add':
    case 'AddV2':
    case 'Sub':
    case 'Mul': {
      if (!known) break;
      const [a, b] = vals as number[][];
      const n = Math.max(a.length, b.length);
      const f = op === 'Sub' ? (x: number, y: number) => x - y : op === 'Mul' ? (x: number, y: number) => x * y : (x: number, y: number) => x + y;
      const at = (v: number[], i: number) => (v.length === 1 ? v[0] : v[i]);
      return { shape: a.length >= b.length ? ins[0].shape : ins[1].shape, ints: Array.from({ length: n }, (_, i) => f(at(a, i), at(b, i))) };
    }
    case 'SparseToDense': {
      if (!known) break;
      const [indices, outShape, values, fill] = vals as number[][];
      const size = outShape.reduce((p, d) => p * d, 1);
      const dense = new Array<number>(size).fill(fill[0] ?? 0);
      // 1-D outputs only (the case converters emit): each index row is one position
      if (outShape.length === 1) indices.forEach((i, k) => (dense[i] = values.length === 1 ? values[0] : values[k]));
      else if (indices.length > 0) break;
      return { shape: outShape, ints: dense };
    }
  }
  return { shape: [] };
}
