import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, InputError } from '@mot/core';
import { motRowsFromArrays, preprocessSequence, type MotRowsLike } from './index.js';
import { close, sequence, throwsWith } from './test-helpers.js';

const test = suite('preprocessSequence');
const BOX = [0, 0, 10, 10];

test('MOT15 drops gt rows whose flag is 0; none keeps them', () => {
  const gt = [[1, 1, ...BOX, 1], [1, 2, 50, 0, 10, 10, 0], [2, 2, 50, 0, 10, 10, 0.5]];
  const res = [[1, 7, ...BOX]];
  const mot15 = sequence(gt, res, 2, 'MOT15');
  // int(0) and int(0.5) are both 0 (TrackEval casts the flag with astype(int)).
  assert.is(mot15.numGtDets, 1);
  assert.is(mot15.numGtIds, 1);
  assert.equal(Array.from(mot15.gtIdLabels), [1]);
  const none = sequence(gt, res, 2, 'none');
  assert.is(none.numGtDets, 3);
  assert.is(none.numGtIds, 2);
});

test('MOT17: tracker boxes on distractors are removed; only flagged pedestrians stay in gt', () => {
  // gt: 1 pedestrian (kept); 2 static person (class 7, distractor); 3 zero-marked
  // pedestrian; 4 car (class 3). Tracks sit on each of them, track 15 nowhere.
  const gt = [
    [1, 1, 0, 0, 10, 10, 1, 1],
    [1, 2, 50, 0, 10, 10, 0, 7],
    [1, 3, 100, 0, 10, 10, 0, 1],
    [1, 4, 150, 0, 10, 10, 0, 3],
  ];
  const res = [
    [1, 11, 0, 0, 10, 10],
    [1, 12, 50, 0, 10, 10],
    [1, 13, 100, 0, 10, 10],
    [1, 14, 150, 0, 10, 10],
    [1, 15, 300, 0, 10, 10],
  ];
  const d = sequence(gt, res, 1, 'MOT17');
  assert.equal(Array.from(d.gtIdLabels), [1]);
  // Track 12 followed a distractor and is dropped; 13 (zero-marked pedestrian)
  // and 14 (car) are not distractors, so they stay and will count as FPs.
  assert.equal(Array.from(d.trackerIdLabels), [11, 13, 14, 15]);
  assert.equal(Array.from(d.frames[0].trackerBoxes.subarray(4, 8)), [100, 0, 10, 10]);
  assert.is(d.frames[0].similarity.length, 1 * 4);
  assert.equal(Array.from(d.frames[0].similarity), [1, 0, 0, 0]);
});

test('MOT17: a track overlapping a distractor with IoU < 0.5 is kept', () => {
  // [55,0,10,10] vs [50,0,10,10]: intersection 5 x 10 = 50, union 150, IoU 1/3.
  const d = sequence([[1, 2, 50, 0, 10, 10, 0, 8]], [[1, 12, 55, 0, 10, 10]], 1, 'MOT17');
  assert.is(d.numTrackerDets, 1);
  assert.is(d.numGtDets, 0);
});

test('ids are relabelled 0..n-1 in ascending order of the original ids', () => {
  const d = sequence(
    [[1, 10, ...BOX], [1, 3, 50, 0, 10, 10], [2, 10, ...BOX]],
    [[1, 42, ...BOX], [2, 5, 0, 0, 10, 5]],
    2,
  );
  assert.equal(Array.from(d.gtIdLabels), [3, 10]);
  assert.equal(Array.from(d.frames[0].gtIds), [1, 0]); // file order kept: id 10 then id 3
  assert.equal(Array.from(d.trackerIdLabels), [5, 42]);
  assert.equal(Array.from(d.frames[1].trackerIds), [0]);
  // frame 2: [0,0,10,10] vs [0,0,10,5]: IoU 50 / 100.
  close(d.frames[1].similarity[0], 0.5, 1e-15);
  assert.equal([d.numFrames, d.numGtDets, d.numTrackerDets], [2, 3, 2]);
});

test('frames without boxes are kept as empty frames', () => {
  const d = sequence([[3, 1, ...BOX]], [[1, 1, ...BOX]], 4);
  assert.is(d.frames.length, 4);
  assert.equal(d.frames.map((f) => [f.gtIds.length, f.trackerIds.length]), [[0, 1], [0, 0], [1, 0], [0, 0]]);
});

test('throws on a frame beyond seqLength, naming file and line', () => {
  throwsWith(
    () => sequence([[1, 1, ...BOX]], [[1, 1, ...BOX], [3, 1, ...BOX]], 2),
    InputError,
    'res:2: preprocessSequence: result frame must be an integer in 1..2 (seqLength), got 3',
  );
  throwsWith(() => sequence([[0, 1, ...BOX]], [], 2), InputError, 'gt:1:', 'got 0');
});

test('throws on an id given twice in one frame, naming the second line', () => {
  throwsWith(
    () => sequence([[1, 1, ...BOX]], [[1, 4, ...BOX], [2, 4, ...BOX], [1, 4, 20, 0, 10, 10]], 2),
    InputError,
    'res:3: preprocessSequence: result id must appear at most once per frame, got id 4 twice in frame 1',
  );
  throwsWith(() => sequence([[1, 1, ...BOX], [1, 1, ...BOX]], [], 1), InputError, 'gt:2:', 'gt id');
});

test('throws on a non-integer id', () => {
  const rows: MotRowsLike = { ...motRowsFromArrays([[1, 1, ...BOX]], 'mem'), id: [1.5] };
  throwsWith(() => preprocessSequence(rows, rows, { numFrames: 1, benchmark: 'none' }), InputError, 'mem:1:', 'gt id must be an integer, got 1.5');
});

test('MOT17 refuses gt without pedestrian classes and non-pedestrian results', () => {
  throwsWith(() => sequence([[1, 1, ...BOX, 1, -1]], [], 1, 'MOT17'), InputError, 'gt:1:', 'gt class must be in 1..13 for MOT17', 'MOT15', 'got -1');
  throwsWith(() => sequence([[1, 1, ...BOX, 1, 1]], [[1, 1, ...BOX, 1, 2]], 1, 'MOT17'), InputError, 'res:1:', 'result class must be -1 or 1', 'got 2');
});

test('throws on bad options', () => {
  const rows = motRowsFromArrays([[1, 1, ...BOX]]);
  throwsWith(() => preprocessSequence(rows, rows, { numFrames: 1.5 }), ConfigError, 'numFrames must be a non-negative integer, got 1.5');
  throwsWith(() => preprocessSequence(rows, rows, { numFrames: 1, benchmark: 'MOT99' as never }), ConfigError, 'benchmark must be one of MOT15', 'got MOT99');
});

test.run();
