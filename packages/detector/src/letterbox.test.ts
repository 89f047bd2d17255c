import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, ShapeError, type Frame } from '@mot/core';
import { NANODET_MEAN_BGR, NANODET_STD_BGR, imageBoxToInput, inputBoxesToImage, letterbox } from './letterbox.js';

const test = suite('letterbox');
const frame = (width: number, height: number, data: number[]): Frame => ({ index: 0, timeMs: 0, width, height, data: Uint8Array.from(data) });
const norm = (v: number, c: number) => (v - NANODET_MEAN_BGR[c]) / NANODET_STD_BGR[c];
const close = (a: ArrayLike<number>, b: number[], eps = 1e-5) =>
  assert.ok(a.length === b.length && b.every((v, i) => Math.abs(a[i] - v) < eps), `${Array.from(a)} != ${b}`);

test('2x1 RGB frame into 4x4: r = min(4/2, 4/1) = 2, 4x2 image centred at offsetY 1, BGR, mean/std', () => {
  // Pixels (R, G, B): (0, 10, 20) and (100, 10, 20).
  const { input, transform } = letterbox(frame(2, 1, [0, 10, 20, 100, 10, 20]), { size: 4 });
  assert.equal(input.shape, [1, 3, 4, 4]);
  assert.equal(transform, { size: 4, imageWidth: 2, imageHeight: 1, scaleX: 2, scaleY: 2, offsetX: 0, offsetY: 1 });
  // Red is channel 2 (BGR). Half-pixel bilinear x2 of [0, 100]: sources -0.25, 0.25, 0.75, 1.25
  // -> clamp 0, 0 + 0.25*100, 0 + 0.75*100, clamp 100 = [0, 25, 75, 100]; rows 1 and 2 hold the image.
  const red = input.data.subarray(2 * 16, 3 * 16);
  const black = norm(0, 2);
  close(red, [black, black, black, black, ...[0, 25, 75, 100].map((v) => norm(v, 2)), ...[0, 25, 75, 100].map((v) => norm(v, 2)), black, black, black, black]);
  // Blue (channel 0) is 20 everywhere inside.
  close(input.data.subarray(4, 8), [20, 20, 20, 20].map((v) => norm(v, 0)));
  // RGB order, unit mean/std: channel 0 is red, raw pixel values.
  const rgb = letterbox(frame(2, 1, [0, 10, 20, 100, 10, 20]), { size: 4, channelOrder: 'rgb', mean: [0, 0, 0], std: [1, 1, 1] });
  close(rgb.input.data.subarray(4, 8), [0, 25, 75, 100]);
});

test('boxes map back to image px (clipped) and forward again', () => {
  // 640x480 into 416: r = 0.65, image 416x312, offsetY (416 - 312) / 2 = 52.
  const t = letterbox(frame(640, 480, new Array(640 * 480 * 3).fill(0))).transform;
  assert.equal([t.scaleX, t.scaleY, t.offsetX, t.offsetY], [0.65, 0.65, 0, 52]);
  // Input box [65, 52 + 65, 130, 416] -> image [100, 100, 200, (416 - 52) / 0.65 = 560 -> clipped 480].
  const b = Float32Array.of(65, 117, 130, 416);
  inputBoxesToImage(b, t);
  close(b, [100, 100, 200, 480], 1e-4);
  close(imageBoxToInput([100, 100, 100, 100], t), [65, 117, 130, 182], 1e-9);
});

test('rejects malformed frames and options', () => {
  const shape = (f: Frame, re: RegExp) => assert.throws(() => letterbox(f), (e: unknown) => e instanceof ShapeError && re.test((e as Error).message));
  shape(frame(2, 2, [1, 2, 3]), /letterbox: frame 0 data must be 2x2x3 = 12 RGB24 bytes, got 3/);
  shape(frame(0, 2, []), /letterbox: frame 0 width and height must be positive integers, got 0x2/);
  const cfg = (o: object, re: RegExp) =>
    assert.throws(() => letterbox(frame(1, 1, [0, 0, 0]), o), (e: unknown) => e instanceof ConfigError && re.test((e as Error).message));
  cfg({ size: 0 }, /options.size must be a positive integer, got 0/);
  cfg({ std: [1, 0, 1] }, /options.std must be 3 finite numbers > 0/);
  cfg({ mean: [1, 2] }, /options.mean must be 3 finite numbers/);
  cfg({ channelOrder: 'gbr' }, /channelOrder must be 'bgr' or 'rgb', got gbr/);
});

test.run();
