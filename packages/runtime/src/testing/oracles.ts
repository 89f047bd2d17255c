// Test helpers for the graph runtime: a seeded RNG, max-abs-error, and the two independent engines the runtime is
// checked against (tfjs-converter on tfjs-backend-wasm, onnxruntime-node).
// Not exported from the package index.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '@mot/core';
import { type Tensor, tensor } from '@mot/cnn';

const here = dirname(fileURLToPath(import.meta.url));
/** Repository root. */
export const ROOT = resolve(here, '../../../..');
export const NANODET_JSON = join(ROOT, 'packages/detector/models/nanodet/nanodet.json');
export const NANODET_ONNX = join(ROOT, 'packages/detector/models/nanodet/nanodet.onnx');
export const NANODET_OUTPUTS = ['Identity_2:0', 'Identity_5:0', 'Identity_1:0', 'Identity:0', 'Identity_4:0', 'Identity_3:0'];

/** Seeded uniform [0, 1) generator (core's mulberry32), for reproducible inputs. */
export const rng = seededRandom;

/** Tensor of `shape`, uniform in [lo, hi), from `seed`. */
export function randomTensor(seed: number, shape: readonly number[], lo = -2, hi = 2): Tensor {
  const r = rng(seed);
  const n = shape.reduce((a, d) => a * d, 1);
  return tensor(shape, Float32Array.from({ length: n }, () => lo + (hi - lo) * r()));
}

/** max |a - b| over equal-length arrays (Infinity when lengths differ). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

const require = createRequire(import.meta.url);

/** onnxruntime-node's outputs for `input` on an .onnx file, by output name. */
export async function runOrt(path: string, inputs: Record<string, Tensor>): Promise<Record<string, Float32Array>> {
  const ort = require('onnxruntime-node') as typeof import('onnxruntime-node');
  const session = await ort.InferenceSession.create(path);
  const feeds: Record<string, InstanceType<typeof ort.Tensor>> = {};
  for (const [k, t] of Object.entries(inputs)) feeds[k] = new ort.Tensor('float32', t.data, [...t.shape]);
  const res = await session.run(feeds);
  const out: Record<string, Float32Array> = {};
  for (const k of session.outputNames) out[k] = res[k].data as Float32Array;
  await session.release();
  return out;
}

/**
 * tfjs-converter's `loadGraphModel` + `execute` on a model.json and its
 * shards (read here with fs: tfjs's own file loading needs a browser or
 * tfjs-node), on the backend named (`'wasm'` or `'cpu'`). The previous
 * backend is restored so that other test files keep theirs.
 */
export async function runTfjs(modelJson: string, inputs: Record<string, Tensor>, backend: 'wasm' | 'cpu'): Promise<Record<string, Float32Array>> {
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-cpu');
  await import('@tensorflow/tfjs-backend-wasm');
  const converter = await import('@tensorflow/tfjs-converter');
  const json = JSON.parse(readFileSync(modelJson, 'utf8'));
  const specs: Array<{ name: string; shape: number[]; dtype: 'float32' | 'int32' | 'bool' }> = [];
  const buffers: Uint8Array[] = [];
  for (const group of json.weightsManifest ?? []) {
    specs.push(...group.weights);
    for (const p of group.paths) buffers.push(readFileSync(join(dirname(modelJson), p)));
  }
  const total = buffers.reduce((s, b) => s + b.length, 0);
  const weightData = new Uint8Array(total);
  let o = 0;
  for (const b of buffers) {
    weightData.set(b, o);
    o += b.length;
  }
  const handler = {
    load: async () => ({
      modelTopology: json.modelTopology,
      weightSpecs: specs,
      weightData: weightData.buffer,
      format: json.format,
      signature: json.signature,
    }),
  };
  const previous = tf.getBackend();
  await tf.setBackend(backend);
  try {
    const model = await converter.loadGraphModel(handler);
    const feeds: Record<string, import('@tensorflow/tfjs-core').Tensor> = {};
    for (const [k, t] of Object.entries(inputs)) feeds[k] = tf.tensor(t.data, [...t.shape]);
    const names = model.outputNodes;
    const raw = model.execute(feeds, names);
    // One output comes back as a bare tensor.
    const res = Array.isArray(raw) ? raw : [raw];
    const out: Record<string, Float32Array> = {};
    for (let i = 0; i < names.length; i++) out[names[i]] = res[i].dataSync() as Float32Array;
    for (const t of [...res, ...Object.values(feeds)]) t.dispose();
    model.dispose();
    return out;
  } finally {
    if (previous !== undefined && previous !== backend) await tf.setBackend(previous);
  }
}

/** Writes a model.json (and optional .bin) into a fresh temp folder; returns the model.json path. */
export function writeTfjsModel(json: unknown, bin?: Uint8Array, binName = 'model.bin'): string {
  const dir = mkdtempSync(join(tmpdir(), 'mot-runtime-'));
  const path = join(dir, 'model.json');
  writeFileSync(path, typeof json === 'string' ? json : JSON.stringify(json));
  if (bin !== undefined) writeFileSync(join(dir, binName), bin);
  return path;
}
