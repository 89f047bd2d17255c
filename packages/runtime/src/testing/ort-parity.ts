// Test helper: one ONNX model run on our runtime (optimised and as loaded) and
// on onnxruntime-node, outputs compared within a tolerance. Not exported from
// the package index.
import * as assert from 'uvu/assert';
import type { Tensor } from '@mot/cnn';
import { createSession } from '../execute.js';
import { loadOnnxModel } from '../load-onnx-model.js';
import { maxAbsDiff, runOrt } from './oracles.js';

/**
 * Asserts that every graph output of the model at `path` equals
 * onnxruntime-node's within `tol` (max abs), in shape and values, with and
 * without the optimiser.
 *
 * @returns our outputs (optimised run), for further checks
 */
export async function assertOrtParity(path: string, inputs: Record<string, Tensor>, tol = 1e-5): Promise<Record<string, Tensor>> {
  const want = await runOrt(path, inputs);
  const graph = await loadOnnxModel(path);
  let first: Record<string, Tensor> | undefined;
  for (const optimize of [true, false]) {
    const got = createSession(graph, { optimize }).run(inputs);
    for (const [name, ref] of Object.entries(want)) {
      assert.ok(got[name] !== undefined, `output ${name} missing`);
      assert.is(got[name].data.length, ref.length, `${name}: element count`);
      const err = maxAbsDiff(got[name].data, ref);
      assert.ok(err <= tol, `${name} (optimize ${optimize}): max abs error ${err} > ${tol}`);
    }
    first ??= got;
  }
  return first as Record<string, Tensor>;
}
