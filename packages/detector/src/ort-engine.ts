/**
 * NanoDet (or any single-input ONNX detector) on onnxruntime-node: the speed
 * reference and a user's fast path. onnxruntime-node is an optional
 * dependency, imported only when this backend is asked for.
 */
import { readFile } from 'node:fs/promises';
import onnxProto from 'onnx-proto';
import type { Tensor } from '@mot/cnn';
import { ConfigError } from '@mot/core';
import { ModelLoadError } from '@mot/runtime';
import { findHeadInputs } from './find-head-inputs.js';
import { importOrt } from './import-ort.js';
import type { NanoDetEngine } from './nanodet-engine.js';


const FN = 'createOrtEngine';

/** Options of {@link createOrtEngine}. */
export interface OrtEngineOptions {
  /** Also return the feature maps the heads read (added to the ONNX graph's outputs before the session is built). Default false. */
  featureMaps?: boolean;
  /** onnxruntime intra-op threads; default: onnxruntime's own (all cores). */
  threads?: number;
}


/**
 * Loads an .onnx model into an onnxruntime-node session. With `featureMaps`,
 * the feature maps the heads read are found on the ONNX graph and appended to
 * its outputs (the model bytes are re-encoded in memory; the file is untouched).
 *
 * @param modelPath an .onnx file
 * @returns an engine; `run(input)` gives every output by name
 * @throws ConfigError when onnxruntime-node is not installed, the path is not .onnx, or the model has not one input
 * @throws ModelLoadError naming the file when it is missing or onnxruntime rejects it
 */
export async function createOrtEngine(modelPath: string, options: OrtEngineOptions = {}): Promise<NanoDetEngine> {
  if (!modelPath.endsWith('.onnx')) throw new ConfigError(`${FN}: model must be an .onnx file for backend 'ort', got ${modelPath}`);
  const ort = await importOrt();
  let bytes: Uint8Array;
  try {
    bytes = await readFile(modelPath);
  } catch (e) {
    throw new ModelLoadError(`${FN}: cannot read model file (${(e as NodeJS.ErrnoException).code ?? String(e)})`, { source: modelPath }, { cause: e });
  }
  const { ModelProto } = onnxProto.onnx;
  let model;
  try {
    model = ModelProto.decode(bytes);
  } catch (e) {
    throw new ModelLoadError(`${FN}: not a valid ONNX protobuf (${(e as Error).message})`, { source: modelPath }, { cause: e });
  }
  const g = model.graph;
  if (g === null || g === undefined || (g.node ?? []).length === 0) throw new ModelLoadError(`${FN}: not an ONNX model (no graph with nodes)`, { source: modelPath });
  const initialisers = new Set((g.initializer ?? []).map((t) => t.name ?? ''));
  const inputs = (g.input ?? []).filter((v) => !initialisers.has(v.name ?? ''));
  if (inputs.length !== 1) throw new ConfigError(`${FN}: model must have exactly one input, got ${inputs.length} (${modelPath})`);
  const inputName = inputs[0].name ?? '';
  const dims = inputs[0].type?.tensorType?.shape?.dim ?? [];
  const side = dims.length === 4 ? Number(dims[3].dimValue ?? 0) : 0;
  const inputSize = side > 0 ? side : 416;

  let featureNames: string[] = [];
  if (options.featureMaps === true) {
    const nodes = (g.node ?? []).map((n) => ({ op: n.opType ?? '', inputs: n.input ?? [], outputs: n.output ?? [] }));
    const outputs = (g.output ?? []).map((v) => v.name ?? '');
    featureNames = findHeadInputs(nodes, outputs, (name) => initialisers.has(name));
    for (const f of featureNames) {
      if (!outputs.includes(f)) g.output?.push(onnxProto.onnx.ValueInfoProto.create({ name: f, type: { tensorType: { elemType: 1 } } }));
    }
    bytes = ModelProto.encode(model).finish();
  }
  let session: import('onnxruntime-node').InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes, options.threads === undefined ? {} : { intraOpNumThreads: options.threads });
  } catch (e) {
    throw new ModelLoadError(`${FN}: onnxruntime rejected the model (${(e as Error).message.split('\n')[0]})`, { source: modelPath }, { cause: e });
  }
  return {
    backend: 'ort',
    modelPath,
    inputName,
    inputSize,
    featureNames,
    async run(input: Tensor) {
      const feeds = { [inputName]: new ort.Tensor('float32', input.data, [...input.shape]) };
      const res = await session.run(feeds);
      const outputs: Record<string, { shape: number[]; data: Float32Array }> = {};
      for (const name of session.outputNames) {
        const t = res[name];
        outputs[name] = { shape: t.dims.map(Number), data: t.data as Float32Array };
      }
      return { outputs };
    },
    async release() {
      await session.release();
    },
  };
}
