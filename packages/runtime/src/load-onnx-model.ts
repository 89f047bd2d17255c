import { readFile } from 'node:fs/promises';
import onnxProto from 'onnx-proto';
import type { onnx } from 'onnx-proto';
import { MotError } from '@mot/core';
import { ModelLoadError, UnsupportedOpError } from './errors.js';
import { GraphBuilder } from './graph-builder.js';
import type { Graph } from './graph.js';
import { ONNX_CONVERTERS, type OnnxNode } from './onnx-ops.js';
import { type Int64, decodeOnnxTensor, int64 } from './onnx-tensor.js';
import { validateGraph } from './validate-graph.js';

// onnx-proto is CommonJS: its namespace arrives as the default export under ESM.
const { ModelProto } = onnxProto.onnx;

const FN = 'loadOnnxModel';

function dims(v: onnx.IValueInfoProto): number[] | undefined {
  const shape = v.type?.tensorType?.shape;
  if (shape === undefined || shape === null) return undefined;
  return (shape.dim ?? []).map((d) => (d.dimValue !== undefined && d.dimValue !== null ? int64(d.dimValue as Int64) || -1 : -1));
}

/**
 * Loads an ONNX model (protobuf, decoded with `onnx-proto`) into the
 * runtime's graph IR: initializers become constants (float types as float32,
 * int64 shapes as int32), nodes of the default domain map onto our ops.
 *
 * @param path the .onnx file
 * @returns the graph; inputs are the graph inputs that are not initializers, outputs the graph outputs
 * @throws ModelLoadError naming the file when it is missing, not a valid ModelProto, has no graph, or uses external data
 * @throws UnsupportedOpError naming the op and node for an op (or attribute value) the runtime does not implement
 * @example
 * const graph = await loadOnnxModel('packages/detector/models/nanodet/nanodet.onnx');
 * graph.source.ops.Conv; // 34
 */
export async function loadOnnxModel(path: string): Promise<Graph> {
  try {
    return await loadOnnxModelUnguarded(path);
  } catch (e) {
    // Every check above the converters is explicit; a converter reading a
    // field of a malformed model can still hit a TypeError or RangeError
    // (found by loaders.property.test.ts). The model file is input: report
    // it as a ModelLoadError naming the file, with the original as the cause.
    if (e instanceof MotError) throw e;
    throw new ModelLoadError(`${FN}: malformed model (${e instanceof Error ? e.message : String(e)})`, { source: path }, { cause: e });
  }
}

async function loadOnnxModelUnguarded(path: string): Promise<Graph> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new ModelLoadError(`${FN}: cannot read model file (${(e as NodeJS.ErrnoException).code ?? String(e)})`, { source: path }, { cause: e });
  }
  let model: onnx.ModelProto;
  try {
    model = ModelProto.decode(bytes);
  } catch (e) {
    throw new ModelLoadError(`${FN}: not a valid ONNX protobuf (${(e as Error).message})`, { source: path }, { cause: e });
  }
  const g = model.graph;
  // protobuf decodes many non-ONNX byte strings without error: require a graph with nodes.
  if (g === null || g === undefined || (g.node ?? []).length === 0) {
    throw new ModelLoadError(`${FN}: not an ONNX model (no graph with nodes)`, { source: path });
  }
  let opset = 1;
  for (const o of model.opsetImport ?? []) {
    if ((o.domain ?? '') === '' || o.domain === 'ai.onnx') opset = int64(o.version as Int64);
  }
  const nodes: OnnxNode[] = (g.node ?? []).map((n, i) => ({
    name: n.name !== undefined && n.name !== null && n.name !== '' ? n.name : `${n.opType ?? 'node'}_${i}`,
    op: n.opType ?? '',
    inputs: [...(n.input ?? [])],
    outputs: [...(n.output ?? [])],
    attrs: new Map((n.attribute ?? []).map((a) => [a.name ?? '', a])),
    opset,
  }));
  const unsupported = (g.node ?? []).findIndex((n) => (n.domain ?? '') !== '' && n.domain !== 'ai.onnx');
  if (unsupported >= 0) {
    const n = nodes[unsupported];
    throw new UnsupportedOpError(n.op, n.name, `domain ${g.node?.[unsupported].domain}`, path);
  }
  for (const n of nodes) if (ONNX_CONVERTERS[n.op] === undefined) throw new UnsupportedOpError(n.op, n.name, '', path);

  const ops: Record<string, number> = {};
  for (const n of nodes) ops[n.op] = (ops[n.op] ?? 0) + 1;
  const b = new GraphBuilder({ format: 'onnx', path, ops, nodeCount: nodes.length });
  for (const t of g.initializer ?? []) {
    const { shape, data } = decodeOnnxTensor(t, path);
    b.constant(t.name ?? '', shape, data);
  }
  for (const v of g.input ?? []) {
    const name = v.name ?? '';
    // IR version < 4 lists initializers among the inputs too.
    if (b.constData(name) !== undefined) continue;
    const elem = v.type?.tensorType?.elemType;
    if (elem !== undefined && elem !== null && elem !== 1) {
      throw new ModelLoadError(`${FN}: input '${name}' has element type ${elem}; only float32 inputs are supported`, { source: path });
    }
    b.input(name, dims(v));
  }
  for (const n of nodes) ONNX_CONVERTERS[n.op](n, b);
  const graph = b.graph;
  for (const v of g.output ?? []) graph.outputs.push(v.name ?? '');
  validateGraph(graph, FN);
  return graph;
}
