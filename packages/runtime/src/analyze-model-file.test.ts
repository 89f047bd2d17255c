import { ConfigError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { analyzeModelFile } from './analyze-model-file.js';
import { ModelLoadError } from './errors.js';
import { NANODET_JSON, NANODET_ONNX } from './testing/oracles.js';
import { attr, encodeModel, floatTensor, onnxNode, writeTemp } from './testing/onnx-builder.js';

const test = suite('analyzeModelFile');

async function rejects(p: Promise<unknown>, check: (e: unknown) => boolean, what: string): Promise<void> {
  try {
    await p;
  } catch (e) {
    assert.ok(check(e), `${what}: got ${String(e)}`);
    return;
  }
  assert.unreachable(`${what}: expected a rejection`);
}

test('NanoDet as model.json and as .onnx: the README totals, 104 layers each', async () => {
  for (const path of [NANODET_JSON, NANODET_ONNX]) {
    const a = await analyzeModelFile(path);
    assert.equal(a.inputShape, [3, 416, 416]);
    // README: 2,090,083,840 MACs; conv weights + biases 3,786,068 (BN folded)
    assert.equal(a.totals, { params: 3_786_068, macs: 2_090_083_840 }, path);
    assert.is(a.layers.length, 104, path);
  }
});

test('inputShape sizes a model whose input has no fixed size', async () => {
  // Conv 3x3, 2 -> 4 channels, no padding, with bias, on an input of unknown H and W (dimValue 0 = unknown).
  const path = writeTemp(
    encodeModel(
      [onnxNode('Conv', 'conv', ['x', 'W', 'B'], ['y'], [attr('kernel_shape', [3, 3])])],
      [floatTensor('W', [4, 2, 3, 3], new Float32Array(72)), floatTensor('B', [4], new Float32Array(4))],
      [['x', [1, 2, 0, 0]]],
      ['y'],
    ),
  );
  const a = await analyzeModelFile(path, { inputShape: [2, 8, 10] });
  // out 6x8; params 4*2*9 + 4 = 76; MACs 6 * 8 * 4 * 18 = 3,456
  assert.equal(a.layers.map((l) => l.outputShape), [[4, 6, 8]]);
  assert.equal(a.totals, { params: 76, macs: 3_456 });
  await rejects(analyzeModelFile(path), (e) => e instanceof ConfigError && /inputShape must be given .* got \[1, 2, -1, -1\]/.test((e as Error).message), 'no inputShape');
});

test('rejects a path that is neither .json nor .onnx, and a missing file', async () => {
  await rejects(
    analyzeModelFile('packages/detector/models/nanodet/nanodet.bin'),
    (e) => e instanceof ConfigError && (e as Error).message === 'analyzeModelFile: path must end in .json (TensorFlow.js graph model) or .onnx, got packages/detector/models/nanodet/nanodet.bin',
    'extension',
  );
  await rejects(analyzeModelFile('no/such/model.onnx'), (e) => e instanceof ModelLoadError && /^no\/such\/model\.onnx: loadOnnxModel: cannot read model file \(ENOENT\)$/.test((e as Error).message), 'missing');
});

test.run();
