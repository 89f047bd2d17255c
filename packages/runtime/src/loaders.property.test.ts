/**
 * Property-based tests (fast-check) of the model loaders: a TensorFlow.js
 * model.json + weights shard and an ONNX protobuf, each fuzzed around a small
 * valid model (values replaced, keys deleted, bytes flipped, truncated) and
 * as random bytes. Every load must end in a graph that passes validation or
 * in a typed @mot error (ModelLoadError, UnsupportedOpError, ...), never an
 * untyped exception or a hang.
 * Cases per loader: 2,000 in CI, MOT_FUZZ_RUNS with `pnpm fuzz`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { MotError } from '@mot/core';
import { fuzzRuns, fuzzSeed } from '../../core/src/testing-fuzz.js';
import { ModelLoadError } from './errors.js';
import { loadOnnxModel } from './load-onnx-model.js';
import { loadTfjsGraphModel } from './load-tfjs-graph-model.js';
import { attr, encodeModel, floatTensor, onnxNode } from './testing/onnx-builder.js';

const RUNS = fuzzRuns();
const SEED = fuzzSeed();
const dir = mkdtempSync(join(tmpdir(), 'mot-loader-fuzz-'));

async function typed(load: () => Promise<unknown>): Promise<boolean> {
  try {
    await load();
    return true;
  } catch (err) {
    if (!(err instanceof MotError)) {
      // fast-check's report keeps only the counterexample: print what was thrown.
      const what = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      console.error(`untyped error: ${what}`);
      throw new Error(`untyped error: ${what}`);
    }
    return false;
  }
}

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const F = { type: 'DT_FLOAT' };

/** x [1,4,4,2] -> Conv2D 1x1 (w [1,1,2,3]) -> BiasAdd -> Relu. */
function tfjsModel(): { json: unknown; bin: Uint8Array } {
  const w = Float32Array.from({ length: 6 }, (_, i) => i / 6 - 0.4);
  const bias = Float32Array.of(0.1, -0.2, 0.3);
  const bin = new Uint8Array(36);
  bin.set(new Uint8Array(w.buffer), 0);
  bin.set(new Uint8Array(bias.buffer), 24);
  const json = {
    format: 'graph-model',
    modelTopology: {
      node: [
        { name: 'x', op: 'Placeholder', attr: { dtype: F, shape: { shape: { dim: [{ size: '1' }, { size: '4' }, { size: '4' }, { size: '2' }] } } } },
        { name: 'w', op: 'Const', attr: { dtype: F, value: { tensor: { dtype: 'DT_FLOAT' } } } },
        { name: 'b', op: 'Const', attr: { dtype: F, value: { tensor: { dtype: 'DT_FLOAT' } } } },
        { name: 'conv', op: 'Conv2D', input: ['x', 'w'], attr: { T: F, strides: { list: { i: ['1', '1', '1', '1'] } }, padding: { s: b64('SAME') }, data_format: { s: b64('NHWC') }, dilations: { list: { i: ['1', '1', '1', '1'] } } } },
        { name: 'biased', op: 'BiasAdd', input: ['conv', 'b'], attr: { T: F, data_format: { s: b64('NHWC') } } },
        { name: 'out', op: 'Relu', input: ['biased'], attr: { T: F } },
      ],
    },
    weightsManifest: [{ paths: ['model.bin'], weights: [{ name: 'w', shape: [1, 1, 2, 3], dtype: 'float32' }, { name: 'b', shape: [3], dtype: 'float32' }] }],
  };
  return { json, bin };
}

/** Every path (list of keys) into a JSON value. */
function paths(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out);
  return out;
}

/** `v` with the value at `path` replaced (or deleted when `replacement` is undefined). */
function mutate(v: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const copy = (Array.isArray(v) ? [...v] : { ...(v as object) }) as Record<string | number, unknown>;
  if (rest.length === 0 && replacement === undefined) delete copy[head];
  else copy[head] = mutate(copy[head], rest, replacement);
  return copy;
}

const loaders = suite(`model loaders: ${RUNS} fast-check cases each`);

loaders('loadTfjsGraphModel: mutated model.json and shard load or fail typed', async () => {
  const { json, bin } = tfjsModel();
  const all = paths(json);
  const modelPath = join(dir, 'model.json');
  let loaded = 0;
  const replacement = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom(undefined, -1, 0, 1e12, '', 'Conv2D', 'DT_INT32', 'DT_BOOL', [], {}, null, ['1'], ['x:0'], ['w', 'w', 'w'], { i: '-3' }, { list: { i: ['0', '0', '0', '0'] } }),
  );
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.tuple(fc.nat({ max: all.length - 1 }), replacement), { maxLength: 3 }),
      fc.oneof(fc.constant(-1), fc.nat({ max: 40 })),
      async (edits, cut) => {
        let j: unknown = json;
        for (const [i, r] of edits) j = mutate(j, all[i], r);
        writeFileSync(modelPath, JSON.stringify(j) ?? 'undefined');
        writeFileSync(join(dir, 'model.bin'), cut < 0 ? bin : bin.subarray(0, cut));
        if (await typed(() => loadTfjsGraphModel(modelPath))) loaded++;
      },
    ),
    { numRuns: RUNS, seed: SEED },
  );
  assert.ok(loaded > 0, 'no case loaded');
});

loaders('regressions found by the property above: a mistyped or null attr is a ModelLoadError naming node and file', async () => {
  const { json, bin } = tfjsModel();
  const modelPath = join(dir, 'regression.json');
  writeFileSync(join(dir, 'model.bin'), bin);
  for (const [path, value, pattern] of [
    [['modelTopology', 'node', 3, 'attr', 'padding', 's'], {}, /regression\.json: loadTfjsGraphModel: node 'conv': attr padding\.s must be a base64 string/],
    [['modelTopology', 'node', 0, 'attr', 'shape'], null, /regression\.json: loadTfjsGraphModel: node 'x': attr shape must be an object/],
  ] as const) {
    writeFileSync(modelPath, JSON.stringify(mutate(json, [...path], value)));
    try {
      await loadTfjsGraphModel(modelPath);
      assert.unreachable('loaded');
    } catch (err) {
      assert.instance(err, ModelLoadError);
      assert.match((err as Error).message, pattern);
    }
  }
});

loaders('loadTfjsGraphModel: random bytes as model.json', async () => {
  const modelPath = join(dir, 'bytes.json');
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? ''))), async (bytes) => {
      writeFileSync(modelPath, bytes);
      await typed(() => loadTfjsGraphModel(modelPath));
    }),
    { numRuns: RUNS, seed: SEED },
  );
});

function onnxModel(): Uint8Array {
  const w = Array.from({ length: 2 * 3 * 3 * 3 }, (_, i) => Math.sin(i));
  return encodeModel(
    [
      onnxNode('Conv', 'conv', ['x', 'W', 'B'], ['c'], [attr('kernel_shape', [3, 3]), attr('pads', [1, 1, 1, 1])]),
      onnxNode('Relu', 'relu', ['c'], ['r']),
      onnxNode('MaxPool', 'pool', ['r'], ['y'], [attr('kernel_shape', [2, 2]), attr('strides', [2, 2])]),
    ],
    [floatTensor('W', [2, 3, 3, 3], w), floatTensor('B', [2], [0.5, -0.5], true)],
    [['x', [1, 3, 8, 8]]],
    ['y'],
  );
}

loaders('loadOnnxModel: flipped, inserted and truncated bytes of a valid model load or fail typed', async () => {
  const good = onnxModel();
  const path = join(dir, 'model.onnx');
  let loaded = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.tuple(fc.nat({ max: good.length - 1 }), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
      fc.oneof(fc.constant(good.length), fc.nat({ max: good.length })),
      fc.uint8Array({ maxLength: 8 }),
      async (flips, cut, inserted) => {
        const bytes = Uint8Array.from(good);
        for (const [i, b] of flips) bytes[i] = b;
        writeFileSync(path, new Uint8Array([...bytes.subarray(0, cut), ...inserted]));
        if (await typed(() => loadOnnxModel(path))) loaded++;
      },
    ),
    { numRuns: RUNS, seed: SEED },
  );
  assert.ok(loaded > 0, 'no case loaded');
});

loaders('loadOnnxModel: random bytes', async () => {
  const path = join(dir, 'random.onnx');
  await fc.assert(
    fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (bytes) => {
      writeFileSync(path, bytes);
      await typed(() => loadOnnxModel(path));
    }),
    { numRuns: RUNS, seed: SEED },
  );
});

loaders.after(() => rmSync(dir, { recursive: true, force: true }));
loaders.run();
