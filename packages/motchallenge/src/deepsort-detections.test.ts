import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { InputError } from '@mot/core';
import { deepSortDetectionsFromNpy, readDeepSortDetections, readMotFile } from './index.js';
import { fixture, throwsWith } from './test-helpers.js';

const real = suite('readDeepSortDetections');

real('TUD-Campus: 321 rows, 128-d features, values from python3 struct', () => {
  const d = readDeepSortDetections(fixture('mot15/TUD-Campus/deepsort_detections.npy'));
  assert.is(d.rows.length, 321);
  assert.is(d.featureDim, 128);
  assert.is(d.features.length, 321 * 128);
  // python3 struct.unpack('<138f', ...) of row 0: (1.0, -1.0, 281.9309997558594, ..., 0.022202018648386, ...)
  assert.equal([d.rows.frame[0], d.rows.id[0], d.rows.x[0]], [1, -1, 281.9309997558594]);
  assert.is(d.features[0], 0.022202018648386);
  assert.is(d.features[127], 0.039705533534288406);
  assert.is(d.features[320 * 128 + 127], -0.19335882365703583);
  assert.is(d.rows.frame[320], 71);
  assert.equal([d.rows.line[0], d.rows.line[320]], [1, 321]);
  // deep_sort L2-normalises features; python3 sum of squares of row 0 = 1.0000000013842767
  let ss = 0;
  for (let k = 0; k < 128; k++) ss += d.features[k] ** 2;
  assert.ok(Math.abs(ss - 1.0000000013842767) < 1e-9, String(ss));
});

real('every fixture .npy matches its det.txt row for row (float32 of the text values)', () => {
  // generate_detections.py stacks det.txt rows with features and saves float32,
  // so each MOT column must equal Math.fround of the det.txt value.
  for (const seq of ['ADL-Rundle-6', 'ETH-Bahnhof', 'KITTI-13', 'PETS09-S2L1', 'TUD-Campus']) {
    const d = readDeepSortDetections(fixture(`mot15/${seq}/deepsort_detections.npy`));
    const det = readMotFile(fixture(`mot15/${seq}/det.txt`), 'det');
    assert.is(d.rows.length, det.length, seq);
    for (let i = 0; i < det.length; i++) {
      const same =
        d.rows.frame[i] === det.frame[i] &&
        d.rows.x[i] === Math.fround(det.x[i]) &&
        d.rows.y[i] === Math.fround(det.y[i]) &&
        d.rows.w[i] === Math.fround(det.w[i]) &&
        d.rows.h[i] === Math.fround(det.h[i]) &&
        d.rows.score[i] === Math.fround(det.score[i]);
      if (!same) assert.unreachable(`${seq} row ${i} differs from det.txt line ${det.line[i]}`);
    }
  }
});

real('missing file names the path', () => {
  const path = fixture('mot15/TUD-Campus/none.npy');
  throwsWith(() => readDeepSortDetections(path), InputError, ['file not found', path]);
});

const conv = suite('deepSortDetectionsFromNpy');
const row = (over: Record<number, number> = {}): number[] => {
  const r = [3, -1, 10, 20, 30, 40, 0.9, -1, -1, -1, 0.6, 0.8];
  for (const [k, v] of Object.entries(over)) r[Number(k)] = v;
  return r;
};
const npyOf = (rows: number[][], cols = 12) => ({ shape: [rows.length, cols], data: new Float32Array(rows.flat()) });

conv('splits MOT columns and features; float64 input accepted', () => {
  const d = deepSortDetectionsFromNpy({ shape: [2, 12], data: new Float64Array([...row(), ...row({ 0: 4, 10: -1, 11: 0 })]) });
  assert.equal(Array.from(d.features), [0.6, 0.8, -1, 0].map(Math.fround));
  assert.equal(Array.from(d.rows.frame), [3, 4]);
  assert.equal([d.rows.w[0], d.rows.h[0], d.rows.score[0]], [30, 40, 0.9]);
  assert.is(d.featureDim, 2);
});

conv('wrong shape or data length', () => {
  throwsWith(() => deepSortDetectionsFromNpy({ shape: [12], data: new Float32Array(12) }, 'd.npy'), InputError, ['d.npy:', 'shape must be [N, >= 10], got [12]']);
  throwsWith(() => deepSortDetectionsFromNpy({ shape: [1, 9], data: new Float32Array(9) }, 'd.npy'), InputError, ['got [1, 9]']);
  throwsWith(() => deepSortDetectionsFromNpy({ shape: [2, 12], data: new Float32Array(12) }, 'd.npy'), InputError, ['data length must be 2 x 12 = 24, got 12']);
});

conv('NaN box, NaN feature, negative width, bad frame name the 0-based row', () => {
  throwsWith(() => deepSortDetectionsFromNpy(npyOf([row(), row({ 4: NaN })]), 'd.npy'), InputError, ['d.npy:', 'row 1 (0-based) column 5 (w) must be a finite number, got NaN']);
  throwsWith(() => deepSortDetectionsFromNpy(npyOf([row({ 11: Infinity })]), 'd.npy'), InputError, ['row 0 (0-based) feature element 1 must be a finite number, got Infinity']);
  throwsWith(() => deepSortDetectionsFromNpy(npyOf([row(), row(), row({ 5: -2 })]), 'd.npy'), InputError, ['row 2 (0-based) column 6 (h) must be > 0, got -2']);
  throwsWith(() => deepSortDetectionsFromNpy(npyOf([row({ 0: 0 })]), 'd.npy'), InputError, ['row 0 (0-based) column 1 (frame) must be a positive integer, got 0']);
});

conv('no rows: error unless allowEmpty', () => {
  throwsWith(() => deepSortDetectionsFromNpy(npyOf([], 138), 'd.npy'), InputError, ['d.npy:', 'no rows']);
  const d = deepSortDetectionsFromNpy(npyOf([], 138), 'd.npy', { allowEmpty: true });
  assert.equal([d.rows.length, d.features.length, d.featureDim], [0, 0, 128]);
});

real.run();
conv.run();
