// Test helper: builds small ONNX models with onnx-proto, so that the ONNX
// loader can be checked against onnxruntime-node on ops NanoDet does not use.
// Not exported from the package index.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import type { onnx } from 'onnx-proto';

const { ModelProto } = onnxProto.onnx;

// onnx.AttributeProto.AttributeType codes.
const FLOAT = 1;
const INT = 2;
const STRING = 3;
const TENSOR = 4;
const FLOATS = 6;
const INTS = 7;

/** An attribute from a plain value: number (INT if integer unless `float`), string, number[] (INTS), or a tensor. */
export function attr(name: string, v: number | string | number[] | onnx.ITensorProto, float = false): onnx.IAttributeProto {
  if (typeof v === 'string') return { name, type: STRING, s: new TextEncoder().encode(v) };
  if (typeof v === 'number') return Number.isInteger(v) && !float ? { name, type: INT, i: v } : { name, type: FLOAT, f: v };
  if (Array.isArray(v)) return float ? { name, type: FLOATS, floats: v } : { name, type: INTS, ints: v };
  return { name, type: TENSOR, t: v };
}

/** A float32 tensor (raw_data little-endian, or float_data when `asFloatData`). */
export function floatTensor(name: string, dims: number[], data: ArrayLike<number>, asFloatData = false): onnx.ITensorProto {
  const f = Float32Array.from(data);
  return asFloatData ? { name, dims, dataType: 1, floatData: [...f] } : { name, dims, dataType: 1, rawData: new Uint8Array(f.buffer) };
}

/** An int64 tensor (raw_data). */
export function int64Tensor(name: string, dims: number[], data: number[]): onnx.ITensorProto {
  const b = new BigInt64Array(data.map((v) => BigInt(v)));
  return { name, dims, dataType: 7, rawData: new Uint8Array(b.buffer) };
}

/** A node. */
export function onnxNode(op: string, name: string, input: string[], output: string[], attribute: onnx.IAttributeProto[] = [], domain = ''): onnx.INodeProto {
  return { opType: op, name, input, output, attribute, domain };
}

/** A value's type; a string dimension is symbolic (`dim_param`, e.g. a dynamic batch). */
function valueInfo(name: string, dims?: Array<number | string>): onnx.IValueInfoProto {
  const dim = dims?.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d }));
  return { name, type: { tensorType: { elemType: 1, shape: dim === undefined ? undefined : { dim } } } };
}

/** Encodes a model (opset `opset`, default domain) to bytes. */
export function encodeModel(
  nodes: onnx.INodeProto[],
  initializers: onnx.ITensorProto[],
  inputs: Array<[string, Array<number | string>]>,
  outputs: string[],
  opset = 13,
): Uint8Array {
  const m = ModelProto.create({
    irVersion: 8,
    producerName: 'mot-test',
    opsetImport: [{ domain: '', version: opset }],
    graph: {
      name: 'g',
      node: nodes,
      initializer: initializers,
      input: inputs.map(([n, d]) => valueInfo(n, d)),
      output: outputs.map((n) => valueInfo(n)),
    },
  });
  return ModelProto.encode(m).finish();
}

/** Writes bytes to `name` in a fresh temp folder; returns the path. */
export function writeTemp(bytes: Uint8Array | string, name = 'model.onnx'): string {
  const path = join(mkdtempSync(join(tmpdir(), 'mot-onnx-')), name);
  writeFileSync(path, bytes);
  return path;
}
