// NanoDet end to end on real images: the detections packages/detector/models/nanodet/README.md
// lists (measured there with NanoDet's official recipe), our core against
// onnxruntime-node, and every model error through the detector API.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, type Detection, type Frame, ShapeError } from '@mot/core';
import { readImage } from '@mot/video';
import { COCO_CLASSES } from './coco-classes.js';
import { DEFAULT_NANODET_MODEL } from './default-model.js';
import { NanoDetDetector } from './nanodet-detector.js';
import { ModelLoadError, UnsupportedOpError } from '@mot/runtime';

const test = suite('NanoDetDetector');
const fixture = (f: string) => fileURLToPath(new URL(`../../../fixtures/detector/${f}`, import.meta.url));

interface Expected {
  cls: string;
  /** [lo, hi] score; the README's value +- 0.04 (the car: its 0.62-0.65 range +- 0.04). */
  score: [number, number];
  /** xyxy px, within 4 px; undefined when the README gives none. */
  box?: [number, number, number, number];
}
// packages/detector/models/nanodet/README.md, "Expected on 000252.jpg / 000258.jpg".
const EXPECTED: Record<string, Expected[]> = {
  '000252.jpg': [
    { cls: 'bus', score: [0.67, 0.75], box: [142, 54, 290, 218] },
    { cls: 'car', score: [0.58, 0.69], box: [191, 167, 298, 239] },
    { cls: 'person', score: [0.36, 0.44] },
  ],
  '000258.jpg': [
    { cls: 'dog', score: [0.43, 0.51], box: [197, 123, 402, 328] },
    { cls: 'person', score: [0.41, 0.49], box: [335, 28, 500, 328] },
  ],
};
const xyxy = (d: Detection) => [d.box[0], d.box[1], d.box[0] + d.box[2], d.box[1] + d.box[3]];

function checkExpected(name: string, dets: Detection[]): void {
  for (const e of EXPECTED[name]) {
    const ofClass = dets.filter((d) => COCO_CLASSES[d.classId] === e.cls);
    const hit = ofClass.find(
      (d) => d.score >= e.score[0] && d.score <= e.score[1] && (e.box === undefined || xyxy(d).every((v, i) => Math.abs(v - (e.box as number[])[i]) <= 4)),
    );
    const got = ofClass.map((d) => `${d.score.toFixed(3)} [${xyxy(d).map((v) => v.toFixed(1)).join(', ')}]`).join('; ');
    assert.ok(hit, `${name}: expected ${e.cls} ${e.score.join('-')} ${e.box ?? ''}, got ${e.cls}: ${got || 'none'}`);
  }
}

let cnn: NanoDetDetector;
let ort: NanoDetDetector;
const images: Record<string, Frame> = {};
test.before(async () => {
  cnn = await NanoDetDetector.create({ classes: 'all', scoreThreshold: 0.3 });
  ort = await NanoDetDetector.create({ classes: 'all', scoreThreshold: 0.3, backend: 'ort' });
  for (const f of Object.keys(EXPECTED)) images[f] = await readImage(fixture(f));
});
test.after(async () => {
  await ort.release();
});

const cnnDets: Record<string, Detection[]> = {};

test('000252.jpg and 000258.jpg give the README detections on our core (class, score +- 0.04, box +- 4 px)', async () => {
  for (const f of Object.keys(EXPECTED)) {
    cnnDets[f] = await cnn.detect(images[f]);
    checkExpected(f, cnnDets[f]);
  }
});

test('onnxruntime-node backend: the same detections (score within 1e-4, box within 0.05 px)', async () => {
  for (const f of Object.keys(EXPECTED)) {
    const dets = await ort.detect(images[f]);
    checkExpected(f, dets);
    assert.is(dets.length, cnnDets[f].length);
    dets.forEach((d, k) => {
      const c = cnnDets[f][k];
      assert.is(d.classId, c.classId);
      assert.ok(Math.abs(d.score - c.score) < 1e-4, `${f} #${k} score ${d.score} vs ${c.score}`);
      assert.ok(d.box.every((v, i) => Math.abs(v - c.box[i]) < 0.05), `${f} #${k} box ${d.box} vs ${c.box}`);
    });
  }
});

test('class filter: default person only; threshold drops the 0.3x passengers', async () => {
  const person = await NanoDetDetector.create({ backend: 'ort', scoreThreshold: 0.4 });
  const dets = await person.detect(images['000252.jpg']);
  await person.release();
  assert.ok(dets.length >= 1 && dets.every((d) => d.classId === 0 && d.score >= 0.4), JSON.stringify(dets));
  // The cnn run above, filtered the same way, gives the same people.
  assert.equal(
    dets.map((d) => d.score.toFixed(3)),
    cnnDets['000252.jpg'].filter((d) => d.classId === 0 && d.score >= 0.4).map((d) => d.score.toFixed(3)),
  );
});

test('infer keeps the last pass for reuseLast on the same frame object; detect always runs anew', async () => {
  const img = images['000258.jpg'];
  const a = await ort.infer(img);
  assert.is(await ort.infer(img, { reuseLast: true }), a);
  assert.is.not(await ort.infer(img), a);
  assert.is.not(await ort.infer({ ...img }, { reuseLast: true }), a);
});

test('a malformed frame is a ShapeError naming the frame', async () => {
  try {
    await cnn.detect({ index: 4, timeMs: 0, width: 10, height: 10, data: new Uint8Array(7) });
    assert.unreachable();
  } catch (e) {
    assert.ok(e instanceof ShapeError && /letterbox: frame 4 data must be 10x10x3 = 300 RGB24 bytes, got 7/.test((e as Error).message), String(e));
  }
});

async function rejects(p: Promise<unknown>, check: (e: unknown) => boolean): Promise<void> {
  try {
    await p;
  } catch (e) {
    assert.ok(check(e), String(e));
    return;
  }
  assert.unreachable('expected a rejection');
}

test('bad models: missing weights file, truncated .bin, unsupported op, wrong kind of file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mot-nanodet-'));
  const json = JSON.parse(readFileSync(DEFAULT_NANODET_MODEL, 'utf8'));
  const missing = join(dir, 'missing.json');
  writeFileSync(missing, JSON.stringify(json)); // refers to nanodet.bin, not in dir
  await rejects(NanoDetDetector.create({ model: missing }), (e) => e instanceof ModelLoadError && /nanodet\.bin/.test((e as Error).message) && /ENOENT|missing|cannot read/i.test((e as Error).message));

  const truncatedDir = mkdtempSync(join(tmpdir(), 'mot-nanodet-'));
  const truncated = join(truncatedDir, 'model.json');
  writeFileSync(truncated, JSON.stringify(json));
  writeFileSync(join(truncatedDir, 'nanodet.bin'), readFileSync(DEFAULT_NANODET_MODEL.replace(/\.json$/, '.bin')).subarray(0, 1000));
  await rejects(NanoDetDetector.create({ model: truncated }), (e) => e instanceof ModelLoadError && /nanodet\.bin/.test((e as Error).message));

  const opDir = mkdtempSync(join(tmpdir(), 'mot-nanodet-'));
  copyFileSync(DEFAULT_NANODET_MODEL.replace(/\.json$/, '.bin'), join(opDir, 'nanodet.bin'));
  const conv = json.modelTopology.node.find((n: { op: string }) => n.op === 'Conv2D');
  conv.op = 'Conv3D';
  writeFileSync(join(opDir, 'model.json'), JSON.stringify(json));
  await rejects(
    NanoDetDetector.create({ model: join(opDir, 'model.json') }),
    (e) => e instanceof UnsupportedOpError && (e as Error).message.includes(`unsupported op Conv3D at node '${conv.name}'`),
  );

  await rejects(NanoDetDetector.create({ model: fixture('000252.jpg') }), (e) => e instanceof ConfigError && /must be a TensorFlow.js model.json or an .onnx file/.test((e as Error).message));
  await rejects(NanoDetDetector.create({ backend: 'ort', model: DEFAULT_NANODET_MODEL }), (e) => e instanceof ConfigError && /must be an .onnx file for backend 'ort'/.test((e as Error).message));
});

test('bad options fail before the model loads', async () => {
  await rejects(NanoDetDetector.create({ backend: 'gpu' as never }), (e) => e instanceof ConfigError && /backend must be 'cnn' or 'ort', got "gpu"/.test((e as Error).message));
  await rejects(NanoDetDetector.create({ classes: [80] }), (e) => e instanceof ConfigError && /classes must be integers in \[0, 80\), got 80/.test((e as Error).message));
  await rejects(NanoDetDetector.create({ scoreThreshold: 2 }), (e) => e instanceof ConfigError && /scoreThreshold must be in \[0, 1\], got 2/.test((e as Error).message));
  await rejects(NanoDetDetector.create({ model: '' }), (e) => e instanceof ConfigError && /model must be a file path/.test((e as Error).message));
});

test.run();
