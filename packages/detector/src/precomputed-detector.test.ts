import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, InputError, type Frame } from '@mot/core';
import { parseMotText } from '@mot/motchallenge';
import { PrecomputedDetector } from './precomputed-detector.js';

const test = suite('PrecomputedDetector');
const tud = (f: string) => fileURLToPath(new URL(`../../../fixtures/mot15/TUD-Campus/${f}`, import.meta.url));
const frame = (index: number): Frame => ({ index, timeMs: 0, width: 640, height: 480, data: new Uint8Array(0) });

test('det.txt: frame index 0 gets MOT frame 1 (6 rows in TUD-Campus det.txt, first 281.931,187.466,79.93,209.537 0.997784)', async () => {
  const det = PrecomputedDetector.fromMotFile(tud('det.txt'));
  const d = await det.detect(frame(0));
  assert.is(d.length, 6);
  assert.equal(d[0], { box: [281.931, 187.466, 79.93, 209.537], score: 0.997784, classId: -1 });
  assert.is(det.lastFrame, 71);
  assert.equal(await det.detect(frame(500)), []);
  // minScore 0.9 drops the 0.852382 row of frame 1.
  assert.is((await PrecomputedDetector.fromMotFile(tud('det.txt'), { minScore: 0.9 }).detect(frame(0))).length, 5);
});

test('deep_sort .npy: same rows, each with its 128-d feature (row 0 starts 0.0222, -0.1461)', async () => {
  const d = await PrecomputedDetector.fromDeepSortNpy(tud('deepsort_detections.npy')).detect(frame(0));
  assert.is(d.length, 6);
  assert.is(d[0].feature?.length, 128);
  assert.ok(Math.abs((d[0].feature as Float32Array)[0] - 0.022202018648386) < 1e-7);
  assert.ok(Math.abs((d[0].feature as Float32Array)[1] + 0.14613531529903412) < 1e-7);
  assert.ok(Math.abs(d[0].box[0] - 281.931) < 1e-4);
});

test('class column is kept (files written by mot detect carry the COCO index)', async () => {
  const rows = parseMotText('2,-1,1,2,3,4,0.5,5,-1,-1\n', 'det');
  assert.equal(await PrecomputedDetector.fromRows(rows).detect(frame(1)), [{ box: [1, 2, 3, 4], score: 0.5, classId: 5 }]);
});

test('errors: missing file, bad frame index, mismatched features', async () => {
  assert.throws(() => PrecomputedDetector.fromMotFile('no/such/det.txt'), (e: unknown) => e instanceof InputError && /no\/such\/det.txt/.test((e as Error).message));
  const det = PrecomputedDetector.fromRows(parseMotText('1,-1,1,2,3,4,0.5\n', 'det'));
  try {
    await det.detect(frame(-1));
    assert.unreachable();
  } catch (e) {
    assert.ok(e instanceof ConfigError && /frame.index must be a non-negative integer, got -1/.test((e as Error).message), String(e));
  }
  assert.throws(
    () => PrecomputedDetector.fromRows(parseMotText('1,-1,1,2,3,4,0.5\n', 'det'), { data: new Float32Array(3), dim: 2 }),
    (e: unknown) => e instanceof ConfigError && /features must hold 1 rows x dim values, got 3 values with dim 2/.test((e as Error).message),
  );
  assert.throws(
    () => PrecomputedDetector.fromRows(parseMotText('1,-1,1,2,3,4,0.5\n', 'det'), undefined, { minScore: Number.NaN }),
    (e: unknown) => e instanceof ConfigError && /minScore must be a number/.test((e as Error).message),
  );
});

test.run();
