import { ShapeError } from '@mot/core';
import { type Tensor, add, gemm, tensor, transpose } from '@mot/cnn';
import type { Graph, NodeOf } from '../graph.js';
import type { PreparedKernel } from '../prepare-node.js';

function matrix(t: Tensor, what: string): [number, number] {
  if (t.shape.length !== 2) throw new ShapeError(`gemm: ${what} must be a matrix (rank 2), got shape [${t.shape.join(', ')}]`);
  return [t.shape[0], t.shape[1]];
}

/** `t` as a row-major `[rows, cols]` matrix, transposed first when `trans`. */
function oriented(t: Tensor, trans: boolean): Tensor {
  return trans ? transpose(t, [1, 0]) : t;
}

function scaled(data: Float32Array, s: number): Float32Array {
  if (s === 1) return data;
  const out = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i] * s;
  return out;
}

/**
 * `gemm` node -> @mot/cnn's gemm. A constant `b` (a fully connected layer's
 * weight, `[N, K]` with `transB`) is transposed to `[K, N]` once here rather
 * than per run; `beta * c` is added with NumPy broadcasting (ONNX allows a
 * scalar, `[N]`, `[M, 1]` or `[M, N]`).
 */
export function prepareGemm(node: NodeOf<'gemm'>, graph: Graph): PreparedKernel {
  const { transA, transB, alpha, beta } = node.attrs;
  const bConst = graph.values.get(node.inputs[1]);
  let bFixed: Tensor | undefined;
  if (bConst?.data !== undefined && bConst.shape !== undefined) {
    const b = tensor(bConst.shape, bConst.data instanceof Float32Array ? bConst.data : Float32Array.from(bConst.data));
    matrix(b, 'b');
    bFixed = oriented(b, transB);
  }
  return (ins) => {
    const a = oriented(ins[0], transA);
    const b = bFixed ?? oriented(ins[1], transB);
    const [m, k] = matrix(a, transA ? 'a (transposed)' : 'a');
    const [kb, n] = matrix(b, transB ? 'b (transposed)' : 'b');
    if (kb !== k) throw new ShapeError(`gemm: inner sizes must agree, got a' [${m}, ${k}] and b' [${kb}, ${n}]`);
    let y = tensor([m, n], scaled(gemm(m, n, k, a.data, b.data), alpha));
    if (ins.length > 2 && beta !== 0) {
      const c = ins[2];
      if (c.shape.length > 2) throw new ShapeError(`gemm: c must broadcast to [${m}, ${n}], got shape [${c.shape.join(', ')}]`);
      y = add(y, tensor(c.shape, scaled(c.data, beta)));
      if (y.shape.length !== 2 || y.shape[0] !== m || y.shape[1] !== n) {
        throw new ShapeError(`gemm: c must broadcast to [${m}, ${n}], got shape [${c.shape.join(', ')}]`);
      }
    }
    return [y];
  };
}
