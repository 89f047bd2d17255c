import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ModelLoadError } from './errors.js';
import { writeTfjsModel } from './testing/oracles.js';
import { readTfjsWeights } from './tfjs-weights.js';

const test = suite('readTfjsWeights');

test('decodes float32, int32, bool and uint16-quantized weights in manifest order', async () => {
  const bytes = new Uint8Array([
    ...new Uint8Array(Float32Array.of(1.5, -2).buffer),
    ...new Uint8Array(Int32Array.of(-7).buffer),
    1, 0, 5,
    // uint16 codes 0 and 65535, little-endian
    0, 0, 0xff, 0xff,
  ]);
  const path = writeTfjsModel({}, bytes);
  const w = await readTfjsWeights(
    [{ paths: ['model.bin'], weights: [
      { name: 'f', shape: [2], dtype: 'float32' },
      { name: 'i', shape: [], dtype: 'int32' },
      { name: 'b', shape: [3], dtype: 'bool' },
      { name: 'q', shape: [2], dtype: 'float32', quantization: { dtype: 'uint16', min: -1, scale: 0.5 } },
    ] }],
    path,
  );
  assert.equal([...(w.get('f')?.data ?? [])], [1.5, -2]);
  assert.equal([...(w.get('i')?.data ?? [])], [-7]);
  assert.equal([...(w.get('b')?.data ?? [])], [1, 0, 1]);
  // min + q * scale: -1 + 0 * 0.5 = -1; -1 + 65535 * 0.5 = 32766.5.
  assert.equal([...(w.get('q')?.data ?? [])], [-1, 32766.5]);
});

test('a malformed manifest is a ModelLoadError naming the entry', async () => {
  const path = writeTfjsModel({}, new Uint8Array(16));
  const cases: Array<[unknown, RegExp]> = [
    [{}, /weightsManifest must be an array, got \{\}/],
    [[{ paths: 'model.bin', weights: [] }], /weightsManifest\[0\]\.paths must be an array of file names, got "model\.bin"/],
    [[{ paths: ['model.bin'] }], /weightsManifest\[0\]\.weights must be an array, got undefined/],
    [[{ paths: ['model.bin'], weights: [{ shape: [1], dtype: 'float32' }] }], /weights\[0\]\.name must be a string/],
    [[{ paths: ['model.bin'], weights: [{ name: 'a', shape: [-1], dtype: 'float32' }] }], /weights\[0\]\.shape must be non-negative integers, got \[-1\]/],
    [[{ paths: ['model.bin'], weights: [{ name: 'a', shape: [1], dtype: 'string' }] }], /weights\[0\]\.dtype must be float32, int32 or bool, got "string"/],
    [[{ paths: ['model.bin'], weights: [{ name: 'a', shape: [1], dtype: 'float32', quantization: 3 }] }], /weights\[0\]\.quantization must be an object, got 3/],
    [[{ paths: ['model.bin'], weights: [{ name: 'a', shape: [1], dtype: 'float32', quantization: { dtype: 'uint8' } }] }], /quantization must have numeric min and scale/],
  ];
  for (const [manifest, pattern] of cases) {
    try {
      await readTfjsWeights(manifest, path);
      assert.unreachable(`should throw for ${JSON.stringify(manifest)}`);
    } catch (e) {
      assert.ok(e instanceof ModelLoadError, String(e));
      assert.match((e as Error).message, /model\.json: readTfjsWeights|model\.json: loadTfjsGraphModel/);
      assert.match((e as Error).message, pattern);
    }
  }
});

test.run();
