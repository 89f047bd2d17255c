import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError } from '@mot/core';
import { DEFAULT_NANODET_ONNX } from './default-model.js';
import { createOrtEngine } from './ort-engine.js';
import { importOrt } from './import-ort.js';
import { ModelLoadError } from '@mot/runtime';

const test = suite('createOrtEngine');

test('onnxruntime-node not installed: a ConfigError saying how to install it', async () => {
  try {
    await importOrt('onnxruntime-node-not-installed');
    assert.unreachable();
  } catch (e) {
    assert.ok(e instanceof ConfigError, String(e));
    assert.match((e as Error).message, /^createOrtEngine: backend 'ort' needs the optional dependency onnxruntime-node \(pnpm add onnxruntime-node; .*\), got: Cannot find package 'onnxruntime-node-not-installed'/);
  }
});

test('NanoDet: input 416, six head outputs; with featureMaps three more [1, 128, g, g]', async () => {
  const e = await createOrtEngine(DEFAULT_NANODET_ONNX, { featureMaps: true, threads: 1 });
  assert.is(e.inputName, 'input_1');
  assert.is(e.inputSize, 416);
  assert.is(e.featureNames.length, 3);
  const { outputs } = await e.run({ shape: [1, 3, 416, 416], data: new Float32Array(3 * 416 * 416) });
  const shapes = Object.values(outputs).map((o) => o.shape.join('x')).sort();
  assert.equal(shapes, ['1x128x13x13', '1x128x26x26', '1x128x52x52', '1x169x44', '1x169x80', '1x2704x44', '1x2704x80', '1x676x44', '1x676x80']);
  await e.release();
});

test('missing and non-ONNX files are ModelLoadErrors naming the file', async () => {
  for (const [path, re] of [
    ['no/such/model.onnx', /^no\/such\/model\.onnx: createOrtEngine: cannot read model file \(ENOENT\)/],
    [DEFAULT_NANODET_ONNX.replace(/nanodet\.onnx$/, 'README.md'), /must be an \.onnx file/],
  ] as const) {
    try {
      await createOrtEngine(path);
      assert.unreachable();
    } catch (e) {
      assert.ok((e instanceof ModelLoadError || e instanceof ConfigError) && re.test((e as Error).message), String(e));
    }
  }
});

test.run();
