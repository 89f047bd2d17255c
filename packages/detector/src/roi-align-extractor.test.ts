import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, type Frame } from '@mot/core';
import { readImage } from '@mot/video';
import { NanoDetDetector } from './nanodet-detector.js';
import { RoiAlignExtractor } from './roi-align-extractor.js';

const test = suite('RoiAlignExtractor');

let frame: Frame;
let ort: NanoDetDetector;
test.before(async () => {
  // A 416x416 crop of a real MOT17 frame: the letterbox is then the identity (scale 1, no border),
  // so box px are input px and the sampling positions below can be worked out by hand.
  const img = await readImage(fileURLToPath(new URL('../../../fixtures/mot17-frames/MOT17-09-FRCNN/img1/000001.jpg', import.meta.url)));
  const data = new Uint8Array(416 * 416 * 3);
  for (let y = 0; y < 416; y++) data.set(img.data.subarray(3 * (y + 300) * img.width + 3 * 700, 3 * (y + 300) * img.width + 3 * 1116), 3 * 416 * y);
  frame = { index: 0, timeMs: 0, width: 416, height: 416, data };
  ort = await NanoDetDetector.create({ backend: 'ort', featureMaps: true });
});
test.after(async () => {
  await ort.release();
});

/** Mean of map[c, rows, cols] per channel, then the [2, 1] bins interleaved as roiAlign lays them out ([C, 2, 1]), L2-normalised. */
function handFeature(map: { shape: readonly number[]; data: Float32Array }, rowsTop: number[], rowsBottom: number[], cols: number[]): Float32Array {
  const [, c, h, w] = map.shape;
  const out = new Float32Array(2 * c);
  for (let ch = 0; ch < c; ch++) {
    for (const [bin, rows] of [rowsTop, rowsBottom].entries()) {
      let s = 0;
      for (const y of rows) for (const x of cols) s += map.data[ch * h * w + y * w + x];
      out[2 * ch + bin] = s / (rows.length * cols.length);
    }
  }
  const n = Math.hypot(...out);
  return out.map((v) => v / n);
}
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

test('small box -> stride 8; 256 px box -> stride 16; bins average the cells they cover', async () => {
  const embed = new RoiAlignExtractor(ort);
  // Box A xyxy [16, 24, 32, 40] (16 px: level 3, stride 8). aligned: cells x 1.5..3.5, y 2.5..4.5;
  // bins of 1 row x 2 cols, 1 x 2 samples at cell centres: top bin row 3, bottom row 4, cols 2, 3.
  // Box B xyxy [32, 32, 288, 288] (256 px: floor(4 + log2(256/224)) = 4, stride 16). cells 1.5..17.5;
  // bins 8 x 16 cells, 8 x 16 samples at centres 2..9 (top) / 10..17 (bottom), cols 2..17.
  const [a, b] = await embed.extract(frame, [[16, 24, 16, 16], [32, 32, 256, 256]]);
  const maps = (await ort.infer(frame)).featureMaps;
  assert.equal(maps.map((m) => [m.stride, ...m.map.shape]), [[8, 1, 128, 52, 52], [16, 1, 128, 26, 26], [32, 1, 128, 13, 13]]);
  const ha = handFeature(maps[0].map, [3], [4], [2, 3]);
  const hb = handFeature(maps[1].map, range(2, 9), range(10, 17), range(2, 17));
  assert.is(a.length, 256);
  assert.ok(a.every((v, i) => Math.abs(v - ha[i]) < 1e-5), 'box A');
  assert.ok(b.every((v, i) => Math.abs(v - hb[i]) < 1e-5), 'box B');
});

test('our core gives the same embeddings as onnxruntime (feature maps found on both graphs)', async () => {
  const cnn = await NanoDetDetector.create({ featureMaps: true });
  const boxes: Array<[number, number, number, number]> = [[16, 24, 16, 16], [100, 50, 60, 180], [32, 32, 256, 256]];
  const x = await new RoiAlignExtractor(cnn).extract(frame, boxes);
  const y = await new RoiAlignExtractor(ort).extract(frame, boxes);
  for (let k = 0; k < boxes.length; k++) assert.ok(x[k].every((v, i) => Math.abs(v - y[k][i]) < 1e-4), `box ${k}`);
  // Distinct regions are distinct embeddings (cosine < 0.99).
  assert.ok(x[0].reduce((s, v, i) => s + v * x[1][i], 0) < 0.99);
});

test('needs a detector with feature maps; bad options throw', async () => {
  const plain = await NanoDetDetector.create({ backend: 'ort' });
  assert.throws(() => new RoiAlignExtractor(plain), (e: unknown) => e instanceof ConfigError && /created with featureMaps: true/.test((e as Error).message));
  await plain.release();
  assert.throws(() => new RoiAlignExtractor(ort, { outputSize: [0, 1] }), (e: unknown) => e instanceof ConfigError && /outputSize must be a positive integer/.test((e as Error).message));
  assert.throws(() => new RoiAlignExtractor(ort, { samplingRatio: 0.5 }), (e: unknown) => e instanceof ConfigError && /samplingRatio must be an integer, got 0.5/.test((e as Error).message));
  assert.throws(() => new RoiAlignExtractor({} as never), (e: unknown) => e instanceof ConfigError && /detector must be a NanoDetDetector/.test((e as Error).message));
  assert.equal(await new RoiAlignExtractor(ort).extract(frame, []), []);
});

test.run();
