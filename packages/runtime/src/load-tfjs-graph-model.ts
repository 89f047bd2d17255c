import { readFile } from 'node:fs/promises';
import { MotError } from '@mot/core';
import { ModelLoadError, UnsupportedOpError } from './errors.js';
import { GraphBuilder } from './graph-builder.js';
import type { Graph } from './graph.js';
import { validateGraph } from './validate-graph.js';
import { TF_CONVERTERS, type TfAttr, type TfNode } from './tfjs-ops.js';
import { readTfjsWeights } from './tfjs-weights.js';

const FN = 'loadTfjsGraphModel';

interface RawNode {
  name?: unknown;
  op?: unknown;
  input?: unknown;
  attr?: unknown;
}

/**
 * Why `attr` is not a map of TensorFlow AttrValues in proto3 JSON form
 * (`s` base64 string, `i` int64 string or number, `f` number, `b` boolean,
 * `type` string, `list` of those), or undefined when it is one. The op
 * converters read attributes without further checks.
 */
function badAttr(attr: unknown): string | undefined {
  if (attr === undefined) return undefined;
  if (attr === null || typeof attr !== 'object' || Array.isArray(attr)) return 'attr must be an object';
  const isInt = (v: unknown) => typeof v === 'number' || (typeof v === 'string' && /^-?[0-9]+$/.test(v));
  for (const [key, raw] of Object.entries(attr as Record<string, unknown>)) {
    const v = raw as Record<string, unknown> | null;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return `attr ${key} must be an object`;
    if (v.s !== undefined && typeof v.s !== 'string') return `attr ${key}.s must be a base64 string`;
    if (v.i !== undefined && !isInt(v.i)) return `attr ${key}.i must be an integer`;
    if (v.f !== undefined && typeof v.f !== 'number') return `attr ${key}.f must be a number`;
    if (v.b !== undefined && typeof v.b !== 'boolean') return `attr ${key}.b must be a boolean`;
    if (v.type !== undefined && typeof v.type !== 'string') return `attr ${key}.type must be a string`;
    const list = v.list as Record<string, unknown> | undefined | null;
    if (list !== undefined) {
      if (list === null || typeof list !== 'object' || Array.isArray(list)) return `attr ${key}.list must be an object`;
      const ok = (name: string, item: (x: unknown) => boolean) => list[name] === undefined || (Array.isArray(list[name]) && (list[name] as unknown[]).every(item));
      if (!ok('i', isInt)) return `attr ${key}.list.i must be integers`;
      if (!ok('f', (x) => typeof x === 'number')) return `attr ${key}.list.f must be numbers`;
      if (!ok('s', (x) => typeof x === 'string')) return `attr ${key}.list.s must be strings`;
    }
  }
  return undefined;
}

/** `X:0` and `X` name the same tensor; `^X` is a control dependency (no data). */
function valueRef(input: string): string | undefined {
  if (input.startsWith('^')) return undefined;
  return input.endsWith(':0') ? input.slice(0, -2) : input;
}

function placeholderShape(attr: Record<string, unknown>): number[] | undefined {
  const dims = (attr.shape as { shape?: { dim?: Array<{ size?: string | number }> } } | undefined)?.shape?.dim;
  return dims === undefined ? undefined : dims.map((d) => Number(d.size ?? -1));
}

/**
 * Loads a TensorFlow.js graph model (`model.json` with `format: 'graph-model'`
 * and its `.bin` weight shards) into the runtime's graph IR.
 *
 * Weights stored as float16 are widened to float32 and uint8/uint16-quantized
 * ones dequantized (min + q * scale). NHWC ops (Conv2D, MaxPool, resizes) are
 * lowered to our NCHW kernels between explicit transposes; run
 * {@link optimizeGraph} (or let {@link createSession} do it) to cancel them.
 * Graph inputs are the Placeholders; outputs follow the model's signature
 * (named as it names them, e.g. `Identity:0`), else every unconsumed value.
 *
 * @param modelJsonPath path of model.json; shard paths in it are relative to its folder
 * @returns the graph; `graph.source.ops` holds the model's own op histogram
 * @throws ModelLoadError naming the file when model.json or a shard is missing, the JSON is malformed,
 *   the manifest is invalid or the shards are shorter than the manifest needs
 * @throws UnsupportedOpError naming the op and node for an op the runtime does not implement
 * @example
 * const graph = await loadTfjsGraphModel('packages/detector/models/nanodet/nanodet.json');
 * graph.source.ops.Conv2D; // 34
 */
export async function loadTfjsGraphModel(modelJsonPath: string): Promise<Graph> {
  try {
    return await loadTfjsGraphModelUnguarded(modelJsonPath);
  } catch (e) {
    // Every check above the converters is explicit; a converter reading a
    // field of a malformed model can still hit a TypeError or RangeError
    // (found by loaders.property.test.ts). The model file is input: report
    // it as a ModelLoadError naming the file, with the original as the cause.
    if (e instanceof MotError) throw e;
    throw new ModelLoadError(`${FN}: malformed model (${e instanceof Error ? e.message : String(e)})`, { source: modelJsonPath }, { cause: e });
  }
}

async function loadTfjsGraphModelUnguarded(modelJsonPath: string): Promise<Graph> {
  let text: string;
  try {
    text = await readFile(modelJsonPath, 'utf8');
  } catch (e) {
    throw new ModelLoadError(`${FN}: cannot read model file (${(e as NodeJS.ErrnoException).code ?? String(e)})`, { source: modelJsonPath }, { cause: e });
  }
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new ModelLoadError(`${FN}: malformed JSON (${(e as Error).message})`, { source: modelJsonPath }, { cause: e });
  }
  const fail: (msg: string) => never = (msg) => {
    throw new ModelLoadError(`${FN}: ${msg}`, { source: modelJsonPath });
  };
  if (json === null || typeof json !== 'object') fail(`model.json must hold an object, got ${typeof json}`);
  if (json.format !== undefined && json.format !== 'graph-model') fail(`format must be 'graph-model', got ${JSON.stringify(json.format)}`);
  const topo = json.modelTopology as { node?: unknown } | undefined;
  if (topo === undefined || topo === null || !Array.isArray(topo.node)) fail('modelTopology.node must be an array of nodes');
  const rawNodes = (topo as { node: RawNode[] }).node;

  const nodes: TfNode[] = rawNodes.map((r, i) => {
    if (r === null || typeof r !== 'object' || typeof r.name !== 'string' || typeof r.op !== 'string') {
      fail(`modelTopology.node[${i}] must have string name and op, got ${JSON.stringify(r)?.slice(0, 80)}`);
    }
    const input = r.input === undefined ? [] : r.input;
    if (!Array.isArray(input) || !input.every((s) => typeof s === 'string')) fail(`node '${String(r.name)}': input must be strings`);
    const attrProblem = badAttr(r.attr);
    if (attrProblem !== undefined) fail(`node '${String(r.name)}': ${attrProblem}`);
    const inputs = (input as string[]).map(valueRef).filter((s): s is string => s !== undefined);
    return { name: r.name as string, op: r.op as string, inputs, attr: (r.attr ?? {}) as Record<string, TfAttr> };
  });
  // Fail on an unsupported op before touching the weights.
  for (const n of nodes) {
    if (n.op !== 'Const' && n.op !== 'Placeholder' && TF_CONVERTERS[n.op] === undefined) {
      throw new UnsupportedOpError(n.op, n.name, '', modelJsonPath);
    }
  }
  const ops: Record<string, number> = {};
  for (const n of nodes) ops[n.op] = (ops[n.op] ?? 0) + 1;
  const b = new GraphBuilder({ format: 'tfjs-graph-model', path: modelJsonPath, ops, nodeCount: nodes.length });

  const weights = await readTfjsWeights(json.weightsManifest ?? [], modelJsonPath);
  for (const n of nodes) {
    if (n.op === 'Const') {
      const w = weights.get(n.name);
      if (w === undefined) fail(`Const node '${n.name}' has no entry in weightsManifest`);
      b.constant(n.name, w.shape, w.data);
    } else if (n.op === 'Placeholder') {
      const t = n.attr.dtype?.type;
      if (t !== undefined && t !== 'DT_FLOAT') throw new UnsupportedOpError('Placeholder', n.name, `dtype ${t} (only float32 inputs)`, modelJsonPath);
      b.input(n.name, placeholderShape(n.attr as Record<string, unknown>));
    }
  }
  for (const n of nodes) if (n.op !== 'Const' && n.op !== 'Placeholder') TF_CONVERTERS[n.op](n, b);

  const g = b.graph;
  const signature = (json.signature as { outputs?: Record<string, unknown> } | undefined)?.outputs;
  if (signature !== undefined && Object.keys(signature).length > 0) {
    for (const key of Object.keys(signature)) {
      const ref = valueRef(key) as string;
      if (!g.values.has(ref)) fail(`signature output '${key}' is not produced by any node`);
      // Expose the output under the signature's own spelling (`Identity:0`), as tfjs and ONNX exports do.
      if (key !== ref) renameValue(g, ref, key);
      g.outputs.push(key);
    }
  } else {
    const read = new Set(g.nodes.flatMap((n) => n.inputs));
    for (const n of g.nodes) for (const o of n.outputs) if (!read.has(o)) g.outputs.push(o);
  }
  validateGraph(g, FN);
  return g;
}

/** Renames a run-time value (its producer's output and every read). */
function renameValue(g: Graph, from: string, to: string): void {
  const v = g.values.get(from);
  if (v === undefined) return;
  g.values.delete(from);
  g.values.set(to, { ...v, name: to });
  for (const n of g.nodes) {
    for (let i = 0; i < n.inputs.length; i++) if (n.inputs[i] === from) n.inputs[i] = to;
    for (let i = 0; i < n.outputs.length; i++) if (n.outputs[i] === from) n.outputs[i] = to;
  }
}
