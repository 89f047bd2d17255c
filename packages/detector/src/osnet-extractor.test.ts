import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, type Frame, type Tlwh } from '@mot/core';
import { readFrames } from '@mot/video';
import { appearanceIds, createAppearanceExtractor } from './appearance-registry.js';
import { OsnetExtractor } from './osnet-extractor.js';

const test = suite('OsnetExtractor');

const VIDEO = fileURLToPath(new URL('../../../fixtures/video/TUD-Campus.mp4', import.meta.url));

/** Frames 1 and 40 (1-based) of TUD-Campus and ground-truth boxes from fixtures/mot15/TUD-Campus/gt.txt. */
async function frames(): Promise<Frame[]> {
  const out: Frame[] = [];
  for await (const f of readFrames(VIDEO, { maxFrames: 40 })) if (f.index === 0 || f.index === 39) out.push(f);
  return out;
}
// gt.txt frame 1: ids 1, 2, 3; frame 40: ids 2, 3.
const GT1: Tlwh[] = [[399, 182, 121, 229], [282, 201, 92, 184], [63, 153, 82, 288]];
const GT40: Tlwh[] = [[21, 179, 86, 212], [386, 155, 108, 300]];

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + v * b[i], 0);

test('our runtime equals onnxruntime-node within 1e-4 cosine on real crops (x0_25 and x0_5)', async () => {
  const [f1] = await frames();
  for (const [model, boxes] of [['x0_25', GT1], ['x0_5', GT1.slice(0, 2)]] as const) {
    const ours = await OsnetExtractor.create({ model });
    const ort = await OsnetExtractor.create({ model, backend: 'ort', threads: 1 });
    const a = await ours.extract(f1, boxes);
    const b = await ort.extract(f1, boxes);
    await ort.release();
    assert.is(a.length, boxes.length);
    for (let i = 0; i < a.length; i++) {
      assert.is(a[i].length, 512);
      const d = 1 - cosine(a[i], b[i]);
      assert.ok(d <= 1e-4, `${model} crop ${i}: cosine distance to onnxruntime ${d}`);
      assert.ok(Math.abs(cosine(a[i], a[i]) - 1) < 1e-5, 'unit length');
    }
  }
});

test('same person 39 frames apart is closer than a different person (TUD-Campus ids 2 and 3)', async () => {
  const [f1, f40] = await frames();
  const osnet = await OsnetExtractor.create({ backend: 'ort', threads: 1 });
  const [p2a, p3a] = await osnet.extract(f1, GT1.slice(1));
  const [p2b, p3b] = await osnet.extract(f40, GT40);
  await osnet.release();
  const same = [1 - cosine(p2a, p2b), 1 - cosine(p3a, p3b)];
  const diff = [1 - cosine(p2a, p3b), 1 - cosine(p3a, p2b)];
  assert.ok(Math.max(...same) < Math.min(...diff), `same ${same}, different ${diff}`);
});

test('batching: one batch of 3 and batches of 1 give the same embeddings; no boxes gives none', async () => {
  const [f1] = await frames();
  const one = await OsnetExtractor.create({ backend: 'ort', threads: 1, batchSize: 1 });
  const all = await OsnetExtractor.create({ backend: 'ort', threads: 1 });
  const a = await one.extract(f1, GT1);
  const b = await all.extract(f1, GT1);
  for (let i = 0; i < 3; i++) assert.ok(1 - cosine(a[i], b[i]) < 1e-6);
  assert.equal(await all.extract(f1, []), []);
  await one.release();
  await all.release();
});

test('bad options and boxes are ConfigErrors naming what is wrong', async () => {
  const rejects = async (p: Promise<unknown>, re: RegExp) => {
    try {
      await p;
      assert.unreachable('should throw');
    } catch (e) {
      assert.ok(e instanceof ConfigError, String(e));
      assert.match((e as Error).message, re);
    }
  };
  await rejects(OsnetExtractor.create({ model: 'x1_0' }), /OsnetExtractor: model must be 'x0_25', 'x0_5' or an \.onnx path, got 'x1_0'/);
  await rejects(OsnetExtractor.create({ model: '/nowhere/osnet.onnx' }), /model file \/nowhere\/osnet\.onnx does not exist/);
  await rejects(OsnetExtractor.create({ backend: 'gpu' as 'cnn' }), /backend must be 'cnn' or 'ort', got gpu/);
  await rejects(OsnetExtractor.create({ batchSize: 0 }), /batchSize must be a positive integer, got 0/);
  const osnet = await OsnetExtractor.create({ backend: 'ort', threads: 1 });
  const [f1] = await frames();
  await rejects(osnet.extract(f1, [[1, 2, 3, Number.NaN]]), /boxes\[0\] must be 4 finite numbers \(tlwh px\), got \[1,2,3,null\] \(frame 0\)/);
  await osnet.release();
  await rejects(createAppearanceExtractor('resnet'), /unknown appearance extractor 'resnet' \(known: osnet, osnet_x0_5, hsv, roi-align\)/);
  assert.equal(appearanceIds(), ['osnet', 'osnet_x0_5', 'hsv', 'roi-align']);
});

test.run();
