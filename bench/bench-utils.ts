// Small helpers shared by the benchmarks.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type GraphModel, loadGraphModel } from '@tensorflow/tfjs-converter';

/** Median of a list of timings (mean of the middle two for an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * A TensorFlow.js graph model read from disk (model.json + its single weights
 * shard) through an in-memory IOHandler: tfjs-converter's own file loading
 * expects a browser or tfjs-node, neither of which the benches use.
 */
export async function loadTfjsGraphModelFromFile(modelJsonPath: string): Promise<GraphModel> {
  const json = JSON.parse(readFileSync(modelJsonPath, 'utf8'));
  const bin = readFileSync(join(dirname(modelJsonPath), json.weightsManifest[0].paths[0]));
  return loadGraphModel({
    load: async () => ({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest[0].weights,
      weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
      format: json.format,
      signature: json.signature,
    }),
  });
}
