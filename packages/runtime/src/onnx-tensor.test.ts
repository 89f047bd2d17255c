import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ModelLoadError } from './errors.js';
import { decodeOnnxTensor, int64 } from './onnx-tensor.js';

const test = suite('decodeOnnxTensor');

const bytes = (a: ArrayBufferView): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

test('float types become float32: raw float, float_data, raw double, raw float16', () => {
  assert.equal(decodeOnnxTensor({ name: 'a', dims: [2], dataType: 1, rawData: bytes(Float32Array.of(1.5, -2)) }, 'm').data, Float32Array.of(1.5, -2));
  const f = decodeOnnxTensor({ name: 'b', dims: [1, 2], dataType: 1, floatData: [0.25, 4] }, 'm');
  assert.equal(f.shape, [1, 2]);
  assert.equal([...f.data], [0.25, 4]);
  assert.equal([...decodeOnnxTensor({ name: 'c', dims: [2], dataType: 11, rawData: bytes(Float64Array.of(0.5, -8)) }, 'm').data], [0.5, -8]);
  // float16 0x3c00 = 1, 0xc400 = -4 (s=1, e=17: -2^2).
  assert.equal([...decodeOnnxTensor({ name: 'd', dims: [2], dataType: 10, rawData: bytes(Uint16Array.of(0x3c00, 0xc400)) }, 'm').data], [1, -4]);
  // float16 bit patterns in int32_data (the spec's non-raw form).
  assert.equal([...decodeOnnxTensor({ name: 'e', dims: [1], dataType: 10, int32Data: [0x3c00] }, 'm').data], [1]);
});

test('integer types become int32; int64 saturates to the int32 range', () => {
  const big = decodeOnnxTensor({ name: 's', dims: [3], dataType: 7, rawData: bytes(BigInt64Array.of(-1n, 9223372036854775807n, 80n)) }, 'm');
  assert.ok(big.data instanceof Int32Array);
  // INT64_MAX (a "to the end" marker) saturates to 2^31 - 1.
  assert.equal([...big.data], [-1, 2147483647, 80]);
  assert.equal([...decodeOnnxTensor({ name: 't', dims: [2], dataType: 7, int64Data: [3, -4] }, 'm').data], [3, -4]);
  assert.equal([...decodeOnnxTensor({ name: 'u', dims: [2], dataType: 6, int32Data: [7, -9] }, 'm').data], [7, -9]);
  assert.equal([...decodeOnnxTensor({ name: 'v', dims: [3], dataType: 2, rawData: Uint8Array.of(0, 200, 255) }, 'm').data], [0, 200, 255]);
  assert.equal([...decodeOnnxTensor({ name: 'w', dims: [2], dataType: 3, rawData: Uint8Array.of(0xff, 5) }, 'm').data], [-1, 5]);
  assert.equal(decodeOnnxTensor({ name: 'sc', dims: [], dataType: 6, int32Data: [42] }, 'm').shape, []);
});

test('int64() reads numbers and Long-like values', () => {
  assert.is(int64(5), 5);
  assert.is(int64({ toNumber: () => 12 }), 12);
  assert.is(int64(undefined), 0);
});

test('bad tensors are ModelLoadErrors naming the model file and tensor', () => {
  const cases: Array<[Parameters<typeof decodeOnnxTensor>[0], RegExp]> = [
    [{ name: 'x', dims: [3], dataType: 1, rawData: new Uint8Array(8) }, /tensor 'x' raw_data has 8 bytes, dims \[3\] need 12/],
    [{ name: 'y', dims: [2, 2], dataType: 1, floatData: [1, 2, 3] }, /tensor 'y' holds 3 values, dims \[2, 2\] need 4/],
    [{ name: 'z', dims: [1], dataType: 8 }, /tensor 'z' has data type 8, which the runtime does not read/],
    [{ name: 'ext', dims: [1], dataType: 1, dataLocation: 1 }, /tensor 'ext' uses external data/],
  ];
  for (const [t, pattern] of cases) {
    assert.throws(
      () => decodeOnnxTensor(t, 'net.onnx'),
      (e: unknown) => e instanceof ModelLoadError && /^net\.onnx: loadOnnxModel: /.test((e as Error).message) && pattern.test((e as Error).message),
    );
  }
});

test.run();
