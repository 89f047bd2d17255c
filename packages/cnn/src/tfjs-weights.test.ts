import { InputError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readWeightsManifest } from './index.js';
import { assertThrows } from './testing/c3-oracle.js';

const s = suite('readWeightsManifest');

// One group: a float16-quantized [2,3] weight (12 bytes), an int32 [2] (8 bytes), a float32 scalar (4 bytes).
const MANIFEST = [
  {
    paths: ['w.bin'],
    weights: [
      { name: 'f16', shape: [2, 3], dtype: 'float32', quantization: { dtype: 'float16', original_dtype: 'float32' } },
      { name: 'pads', shape: [2], dtype: 'int32' },
      { name: 'scalar', shape: [], dtype: 'float32' },
    ],
  },
];

s('measures every weight and reads int32 values at their offsets', () => {
  const buf = new Uint8Array(24);
  new DataView(buf.buffer).setInt32(12, -7, true);
  new DataView(buf.buffer).setInt32(16, 416, true);
  const m = readWeightsManifest(MANIFEST, [buf], 'w.json');
  assert.equal(m.get('f16'), { shape: [2, 3], dtype: 'float32' });
  assert.equal(Array.from(m.get('pads')!.ints!), [-7, 416]);
  assert.equal(m.get('scalar')!.shape, []);
});

s('without buffers: shapes only', () => {
  assert.is(readWeightsManifest(MANIFEST, null, 'w.json').get('pads')!.ints, undefined);
});

s('throws InputError for malformed manifests and short files', () => {
  assertThrows(() => readWeightsManifest({}, null, 'w.json'), InputError, /^w\.json: readWeightsManifest: weightsManifest must be an array, got object$/);
  assertThrows(() => readWeightsManifest([{}], null, 'w.json'), InputError, /weightsManifest\[0\]\.weights must be an array/);
  assertThrows(() => readWeightsManifest([{ weights: [{ name: 'a', shape: [1], dtype: 'float64' }] }], null, 'w.json'), InputError, /weight "a" has an unknown dtype float64/);
  assertThrows(() => readWeightsManifest([{ weights: [{ name: 'a', shape: [-1], dtype: 'int32' }] }], null, 'w.json'), InputError, /entries must have a string name, an integer shape/);
  assertThrows(() => readWeightsManifest(MANIFEST, [new Uint8Array(20)], 'w.json'), InputError, /weights file is too short: "scalar" needs bytes 20\.\.24, file group 0 has 20/);
});

s.run();
