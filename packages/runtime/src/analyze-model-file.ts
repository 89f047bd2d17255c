import { type ModelAnalysis, analyzeModel } from '@mot/cnn';
import { ConfigError } from '@mot/core';
import { graphToLayerSpecs } from './graph-layers.js';
import { loadOnnxModel } from './load-onnx-model.js';
import { loadTfjsGraphModel } from './load-tfjs-graph-model.js';
import { optimizeGraph } from './optimize/optimize-graph.js';

/**
 * Options of {@link analyzeModelFile}. (analyzeModel's `bnRunningStats` has no
 * counterpart: the runtime's graphs hold no batch-norm layers, BN is folded
 * into the convolutions of the models it loads.)
 */
export interface AnalyzeModelFileOptions {
  /** The input without its batch axis (e.g. [3, 320, 320]); default: the model's declared input size. */
  inputShape?: readonly number[];
}

/**
 * Per-layer output shape, parameters, MACs and receptive field of a model
 * file, with totals: the runtime's loader and optimiser, then
 * {@link graphToLayerSpecs} and @mot/cnn's `analyzeModel` (whose TSDoc states
 * the counting conventions). The figures describe the graph a session runs.
 *
 * @param path a TensorFlow.js graph model (`model.json`, shards beside it) or an ONNX file (`.onnx`)
 * @param options `inputShape` to override the declared input size
 * @returns the analysis (layers in topological order)
 * @throws ConfigError when `path` ends in neither `.json` nor `.onnx`
 * @throws ModelLoadError naming the file when it is missing or malformed
 * @throws UnsupportedOpError for an op the runtime cannot load or the analysis cannot express
 * @example
 * const a = await analyzeModelFile('packages/detector/models/nanodet/nanodet.onnx');
 * a.totals; // { params: 3786068, macs: 2090083840 }
 */
export async function analyzeModelFile(path: string, options: AnalyzeModelFileOptions = {}): Promise<ModelAnalysis> {
  const lower = path.toLowerCase();
  let load: (p: string) => ReturnType<typeof loadOnnxModel>;
  if (lower.endsWith('.onnx')) load = loadOnnxModel;
  else if (lower.endsWith('.json')) load = loadTfjsGraphModel;
  else throw new ConfigError(`analyzeModelFile: path must end in .json (TensorFlow.js graph model) or .onnx, got ${path}`);
  const { graph } = optimizeGraph(await load(path));
  const { layers, inputShape } = graphToLayerSpecs(graph, options.inputShape);
  return analyzeModel(layers, inputShape);
}
