/**
 * NanoDet (or any model the graph runtime loads) on our own CNN core.
 */
import type { Tensor, WasmKernels } from '@mot/cnn';
import { ConfigError } from '@mot/core';
import { type Session, createSession } from '@mot/runtime';
import { isConstant } from '@mot/runtime';
import { loadOnnxModel } from '@mot/runtime';
import { loadTfjsGraphModel } from '@mot/runtime';
import { optimizeGraph } from '@mot/runtime';
import { findHeadInputs } from './find-head-inputs.js';
import type { NanoDetEngine } from './nanodet-engine.js';

/** Options of {@link createCnnEngine}. */
export interface CnnEngineOptions {
  /** Also return the feature maps the heads read (for ROI Align embeddings). Default false. */
  featureMaps?: boolean;
  /** The WebAssembly kernel instance to run on (default: this thread's); see @mot/runtime's `SessionOptions.kernels`. */
  kernels?: WasmKernels;
}

/**
 * Loads a model with the graph runtime (`.json` = TensorFlow.js graph model,
 * `.onnx` = ONNX), optimises it, and, with `featureMaps`, adds the heads'
 * input feature maps as outputs. They are found on the optimised graph, whose
 * value names the passes keep for every graph output, so adding them after
 * optimisation changes nothing else.
 *
 * @param modelPath model.json or .onnx
 * @returns an engine; `run(input)` gives every output by name
 * @throws ModelLoadError / UnsupportedOpError from the loaders (missing or truncated files, unsupported ops)
 * @throws ConfigError when the file name ends in neither .json nor .onnx, or the model has not exactly one input
 */
export async function createCnnEngine(modelPath: string, options: CnnEngineOptions = {}): Promise<NanoDetEngine> {
  const fn = 'createCnnEngine';
  let graph;
  if (modelPath.endsWith('.json')) graph = await loadTfjsGraphModel(modelPath);
  else if (modelPath.endsWith('.onnx')) graph = await loadOnnxModel(modelPath);
  else throw new ConfigError(`${fn}: model must be a TensorFlow.js model.json or an .onnx file, got ${modelPath}`);
  if (graph.inputs.length !== 1) throw new ConfigError(`${fn}: model must have exactly one input, got ${graph.inputs.length} (${modelPath})`);
  const { graph: optimised } = optimizeGraph(graph);
  let featureNames: string[] = [];
  if (options.featureMaps === true) {
    featureNames = findHeadInputs(optimised.nodes, optimised.outputs, (n) => isConstant(optimised, n));
    for (const f of featureNames) if (!optimised.outputs.includes(f)) optimised.outputs.push(f);
  }
  const session: Session = createSession(optimised, { optimize: false, kernels: options.kernels });
  const inputName = graph.inputs[0];
  const shape = graph.values.get(inputName)?.shape;
  const inputSize = shape !== undefined && shape.length === 4 && shape[3] > 0 ? shape[3] : 416;
  return {
    backend: 'cnn',
    modelPath,
    inputName,
    inputSize,
    featureNames,
    async run(input: Tensor, profile = false) {
      if (profile) {
        const r = session.run({ [inputName]: input }, { profile: true });
        return { outputs: r.outputs, profile: r.profile };
      }
      return { outputs: session.run({ [inputName]: input }) };
    },
    async release() {},
  };
}
