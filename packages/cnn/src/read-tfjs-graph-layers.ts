/**
 * Reads a TensorFlow.js graph model from disk (model.json and the weight
 * shards it names, from the same folder) and derives its layer list.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InputError } from '@mot/core';
import { tfjsGraphLayers, type TfjsGraphLayers } from './tfjs-graph-layers.js';
import { readWeightsManifest } from './tfjs-weights.js';

/**
 * Loads `jsonPath` and its weights and returns the model's layer specs.
 * @param jsonPath path of a tfjs graph model.json (e.g. models/nanodet/nanodet.json)
 * @returns input shape [C, H, W] and the layer list for analyzeModel
 * @throws InputError (naming the file) when a file is missing or unreadable, the JSON is malformed, or the graph holds an unsupported op
 * @example
 * const { layers, inputShape } = readTfjsGraphLayers('models/nanodet/nanodet.json');
 * analyzeModel(layers, inputShape).totals.macs; // 2090083840
 */
export function readTfjsGraphLayers(jsonPath: string): TfjsGraphLayers {
  let text: string;
  try {
    text = readFileSync(jsonPath, 'utf8');
  } catch (err) {
    throw new InputError(`readTfjsGraphLayers: cannot read the model file (${(err as NodeJS.ErrnoException).code ?? String(err)})`, { source: jsonPath }, { cause: err });
  }
  let model: unknown;
  try {
    model = JSON.parse(text);
  } catch (err) {
    throw new InputError(`readTfjsGraphLayers: the file must be JSON, got a parse error: ${(err as Error).message}`, { source: jsonPath }, { cause: err });
  }
  const manifest = (model as { weightsManifest?: unknown } | null)?.weightsManifest;
  if (!Array.isArray(manifest)) throw new InputError('readTfjsGraphLayers: weightsManifest must be an array (is this a tfjs graph model.json?)', { source: jsonPath });
  const buffers = manifest.map((group: { paths?: unknown }) => {
    const paths = Array.isArray(group?.paths) ? (group.paths as unknown[]) : [];
    const parts = paths.map((p) => {
      const file = join(dirname(jsonPath), String(p));
      try {
        return readFileSync(file);
      } catch (err) {
        throw new InputError(`readTfjsGraphLayers: cannot read the weights file ${String(p)} (${(err as NodeJS.ErrnoException).code ?? String(err)})`, { source: jsonPath }, { cause: err });
      }
    });
    return new Uint8Array(Buffer.concat(parts));
  });
  return tfjsGraphLayers(model, readWeightsManifest(manifest, buffers, jsonPath), jsonPath);
}
