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

/**
 * The straightforward letterbox: fill every plane with normalised black, then
 * per input pixel and channel the four-tap half-pixel bilinear sample of the
 * frame, rounded to float32, normalised.
 */
function referenceLetterbox(f: Frame, size: number, order: 'bgr' | 'rgb', mean: readonly number[], std: readonly number[]): Float32Array {
  const r = Math.min(size / f.width, size / f.height);
  const w = Math.min(size, Math.max(1, Math.round(f.width * r)));
  const h = Math.min(size, Math.max(1, Math.round(f.height * r)));
  const ox = Math.floor((size - w) / 2);
  const oy = Math.floor((size - h) / 2);
  const out = new Float32Array(3 * size * size);
  for (let c = 0; c < 3; c++) out.fill(-mean[c] * (1 / std[c]), c * size * size, (c + 1) * size * size);
  const tap = (o: number, outSize: number, inSize: number) => {
    const s = Math.min(Math.max((inSize / outSize) * (o + 0.5) - 0.5, 0), inSize - 1);
    const lo = Math.floor(s);
    return [lo, Math.min(lo + 1, inSize - 1), s - lo];
  };
  const px = (x: number, y: number, ch: number) => f.data[3 * (y * f.width + x) + ch];
  for (let y = 0; y < h; y++) {
    const [y0, y1, fy] = tap(y, h, f.height);
    for (let x = 0; x < w; x++) {
      const [x0, x1, fx] = tap(x, w, f.width);
      for (let c = 0; c < 3; c++) {
        const ch = order === 'bgr' ? 2 - c : c;
        const t = px(x0, y0, ch) + (px(x1, y0, ch) - px(x0, y0, ch)) * fx;
        const b = px(x0, y1, ch) + (px(x1, y1, ch) - px(x0, y1, ch)) * fx;
        out[c * size * size + (y + oy) * size + x + ox] = (Math.fround(t + (b - t) * fy) - mean[c]) * (1 / std[c]);
      }
    }
  }
  return out;
}

test('equals the straightforward four-tap letterbox bit for bit: odd, tall, wide, 1 px, up- and downscaled, both orders', () => {
  let seed = 7;
  const byte = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) >> 16) & 255;
  const cases: Array<[number, number, number, 'bgr' | 'rgb']> = [
    [640, 480, 416, 'bgr'], // TUD-Campus: ~1.54x down, border top and bottom
    [768, 576, 417, 'bgr'], // PETS09 into an odd size
    [7, 13, 9, 'rgb'], // tall: border left and right
    [13, 7, 10, 'bgr'], // wide, upscaled
    [1, 1, 5, 'bgr'],
    [1, 9, 4, 'rgb'],
    [9, 1, 4, 'bgr'],
    [5, 5, 1, 'bgr'], // size 1
    [3, 3, 3, 'rgb'], // identity scale, no border
  ];
  for (const [width, height, size, order] of cases) {
    const f: Frame = { index: 0, timeMs: 0, width, height, data: Uint8Array.from({ length: width * height * 3 }, byte) };
    const mean = order === 'bgr' ? NANODET_MEAN_BGR : ([1.5, 20, 250] as const);
    const std = order === 'bgr' ? NANODET_STD_BGR : ([0.5, 3, 100] as const);
    const got = letterbox(f, { size, channelOrder: order, mean, std }).input.data;
    const want = referenceLetterbox(f, size, order, mean, std);
    const bad = got.findIndex((v, i) => !Object.is(v, want[i]));
    assert.is(bad, -1, `${width}x${height} into ${size} (${order}): first difference at ${bad}: ${got[bad]} != ${want[bad]}`);
  }
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
