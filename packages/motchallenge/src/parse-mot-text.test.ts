import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, InputError } from '@mot/core';
import { parseMotText, readMotFile } from './index.js';
import { fixture, throwsWith } from './test-helpers.js';

const real = suite('parseMotText: real MOT15 files');

real('TUD-Campus det.txt: first and last rows as written in the file', () => {
  const det = readMotFile(fixture('mot15/TUD-Campus/det.txt'), 'det');
  // `wc -l fixtures/mot15/TUD-Campus/det.txt` = 321 (the file ends with '\n')
  assert.is(det.length, 321);
  // head -1: 1,-1,281.931,187.466,79.93,209.537,0.997784,-1,-1,-1
  assert.equal(
    [det.frame[0], det.id[0], det.x[0], det.y[0], det.w[0], det.h[0], det.score[0], det.classId[0], det.visibility[0]],
    [1, -1, 281.931, 187.466, 79.93, 209.537, 0.997784, -1, -1],
  );
  assert.is(det.line[0], 1);
  // tail -1: 71,-1,164.16,214.71,36.95,26.306,0.724231,-1,-1,-1
  const k = det.length - 1;
  assert.equal([det.frame[k], det.x[k], det.y[k], det.w[k], det.h[k], det.score[k]], [71, 164.16, 214.71, 36.95, 26.306, 0.724231]);
  assert.is(det.line[k], 321);
  assert.is(det.source, fixture('mot15/TUD-Campus/det.txt'));
  // every column has exactly `length` entries
  for (const col of [det.frame, det.id, det.x, det.y, det.w, det.h, det.score, det.classId, det.visibility, det.line]) {
    assert.is(col.length, 321);
  }
});

real('TUD-Campus gt.txt: row count and line 100', () => {
  const gt = readMotFile(fixture('mot15/TUD-Campus/gt.txt'), 'gt');
  assert.is(gt.length, 359); // wc -l
  // sed -n 100p: 19,1,534,168,103,253,1,-1,-1,-1
  assert.equal([gt.frame[99], gt.id[99], gt.x[99], gt.y[99], gt.w[99], gt.h[99], gt.score[99]], [19, 1, 534, 168, 103, 253, 1]);
  assert.is(gt.line[99], 100);
});

real('py-motmetrics TUD-Campus test.txt as results: score -1 kept', () => {
  const res = readMotFile(fixture('motmetrics/TUD-Campus/test.txt'), 'result');
  assert.is(res.length, 222); // wc -l
  // head -1: 1,3,113.84,274.5,57.307,130.05,-1,-1,-1,-1
  assert.equal([res.frame[0], res.id[0], res.x[0], res.y[0], res.w[0], res.h[0], res.score[0]], [1, 3, 113.84, 274.5, 57.307, 130.05, -1]);
});

real('every fixture text file parses with the row count of `wc -l`', () => {
  // Counts from `wc -l fixtures/mot15/*/*.txt`; every file ends with '\n' and has no blank lines.
  const counts: Record<string, number> = {
    'ADL-Rundle-6': 4325, 'ADL-Rundle-8': 5203, 'ETH-Bahnhof': 6209, 'ETH-Pedcross2': 4600, 'ETH-Sunnyday': 2176,
    'KITTI-13': 945, 'KITTI-17': 592, 'PETS09-S2L1': 4359, 'TUD-Campus': 321, 'TUD-Stadtmitte': 951, 'Venice-2': 5466,
  };
  const sortRef: Record<string, number> = {
    'ADL-Rundle-6': 3779, 'ADL-Rundle-8': 3961, 'ETH-Bahnhof': 4536, 'ETH-Pedcross2': 3579, 'ETH-Sunnyday': 1759,
    'KITTI-13': 425, 'KITTI-17': 496, 'PETS09-S2L1': 3842, 'TUD-Campus': 261, 'TUD-Stadtmitte': 883, 'Venice-2': 4682,
  };
  for (const [seq, n] of Object.entries(counts)) {
    assert.is(readMotFile(fixture(`mot15/${seq}/det.txt`), 'det').length, n, seq);
    assert.is(readMotFile(fixture(`mot15/${seq}/sort_reference.txt`), 'result').length, sortRef[seq], seq);
  }
  const gt: Record<string, number> = { 'ADL-Rundle-6': 5009, 'ETH-Bahnhof': 7670, 'KITTI-13': 929, 'PETS09-S2L1': 4650 };
  for (const [seq, n] of Object.entries(gt)) assert.is(readMotFile(fixture(`mot15/${seq}/gt.txt`), 'gt').length, n, seq);
});

real('MOT15 gt with world coordinates in columns 8-10 (ETH-Bahnhof, PETS09-S2L1)', () => {
  const eth = readMotFile(fixture('mot15/ETH-Bahnhof/gt.txt'), 'gt');
  // head -1: 1,1,212,204,20,57,0,-3.1784,16.34,0.45739 -> column 8 is world x, not a class
  assert.equal([eth.frame[0], eth.id[0], eth.x[0], eth.y[0], eth.w[0], eth.h[0], eth.score[0]], [1, 1, 212, 204, 20, 57, 0]);
  assert.is(eth.worldCoordinates, true);
  assert.ok(eth.classId.every((c) => c === -1));
  assert.ok(eth.visibility.every((v) => v === -1));
  // `cut -d, -f7 ETH-Bahnhof/gt.txt | sort | uniq -c`: 2255 zeros, 5415 ones
  assert.is(eth.score.filter((s) => s === 0).length, 2255);
  assert.is(readMotFile(fixture('mot15/PETS09-S2L1/gt.txt'), 'gt').worldCoordinates, true);
  assert.is(readMotFile(fixture('mot15/TUD-Campus/gt.txt'), 'gt').worldCoordinates, false);
});

const fmt = suite('parseMotText: format rules');

fmt('absent columns take their defaults: score 1, class -1, visibility 1', () => {
  const gt = parseMotText('1,5,10,20,30,40\n', 'gt');
  assert.equal([gt.score[0], gt.classId[0], gt.visibility[0]], [1, -1, 1]);
  const det = parseMotText('1,-1,10,20,30,40,0.5\n', 'det');
  assert.equal([det.score[0], det.classId[0], det.visibility[0]], [0.5, -1, 1]);
});

fmt('MOT17 gt columns: consider flag, class, visibility', () => {
  // MOT17 gt layout: frame,id,x,y,w,h,consider,class,visibility
  const gt = parseMotText('1,1,912,484,97,109,0,7,0.25\n', 'gt');
  assert.equal([gt.score[0], gt.classId[0], gt.visibility[0]], [0, 7, 0.25]);
});

fmt('one non-integer column 8 marks the whole file as world coordinates', () => {
  const rows = parseMotText('1,1,1,2,3,4,1,2,0.5\n2,1,1,2,3,4,1,2.5,0.5\n', 'gt', 'g.txt');
  assert.is(rows.worldCoordinates, true);
  assert.equal([...rows.classId, ...rows.visibility], [-1, -1, -1, -1]);
});

fmt('spaces around fields, CRLF, blank lines, BOM and no trailing newline', () => {
  const rows = parseMotText('\uFEFF1, -1 ,1,2,3,4,0.9\r\n\r\n  \n2,-1,-5.5,-6,3,4,0.8', 'det', 'x.txt');
  assert.is(rows.length, 2);
  assert.equal(Array.from(rows.line), [1, 4]); // blank lines still count for line numbers
  assert.equal([rows.x[1], rows.y[1]], [-5.5, -6]); // negative x, y are legal (box starts off-image)
});

fmt('allowEmpty returns zero rows for a blank file', () => {
  const rows = parseMotText('\n\n', 'result', 'empty.txt', { allowEmpty: true });
  assert.is(rows.length, 0);
  assert.is(rows.frame.length, 0);
});

const bad = suite('parseMotText: malformed input');

bad('det row with too few columns names line and counts', () => {
  const e = throwsWith(() => parseMotText('1,-1,1,2,3,4,1\n\n1,-1,1,2,3,4\n', 'det', 'det.txt'), InputError, [
    'det.txt:3:',
    'det row must have 7, 9 or 10 columns, got 6',
  ]);
  assert.is(e.source, 'det.txt');
  assert.is(e.line, 3);
});

bad('det row with 8 columns is rejected', () => {
  throwsWith(() => parseMotText('1,-1,1,2,3,4,1,1\n', 'det', 'det.txt'), InputError, ['det.txt:1:', '7, 9 or 10 columns, got 8']);
});

bad('gt row with 5 columns and a row with 11 columns', () => {
  throwsWith(() => parseMotText('1,1,1,2,3\n', 'gt', 'gt.txt'), InputError, ['gt.txt:1:', 'gt row must have 6 to 10 columns, got 5']);
  throwsWith(() => parseMotText('1,1,1,2,3,4,1,1,1,1,1\n', 'result', 'r.txt'), InputError, ['r.txt:1:', '6 to 10 columns, got 11']);
});

bad('non-number, NaN, Infinity and empty fields name the column and value', () => {
  throwsWith(() => parseMotText('1,-1,abc,2,3,4,1\n', 'det', 'd.txt'), InputError, ['d.txt:1:', 'column 3 (x) must be a finite decimal number, got "abc"']);
  throwsWith(() => parseMotText('1,-1,1,2,3,4,1\n1,-1,1,NaN,3,4,1\n', 'det', 'd.txt'), InputError, ['d.txt:2:', 'column 4 (y)', '"NaN"']);
  throwsWith(() => parseMotText('1,-1,1,2,Infinity,4,1\n', 'det', 'd.txt'), InputError, ['d.txt:1:', 'column 5 (w)', '"Infinity"']);
  throwsWith(() => parseMotText('1,-1,1,2,3,4,\n', 'det', 'd.txt'), InputError, ['d.txt:1:', 'column 7 (score) must be a finite decimal number, got ""']);
  throwsWith(() => parseMotText('1,-1,1,2,3,4, \n', 'det', 'd.txt'), InputError, ['column 7 (score)', 'got ""']);
});

bad('negative width or height', () => {
  throwsWith(() => parseMotText('1,-1,1,2,-3,4,1\n', 'det', 'd.txt'), InputError, ['d.txt:1:', 'column 5 (w) must be > 0, got -3']);
  throwsWith(() => parseMotText('1,1,1,2,3,-0.5\n', 'gt', 'g.txt'), InputError, ['g.txt:1:', 'column 6 (h) must be >= 0, got -0.5']);
});

bad('frame must be a positive integer', () => {
  throwsWith(() => parseMotText('0,1,1,2,3,4\n', 'result', 'r.txt'), InputError, ['r.txt:1:', 'column 1 (frame) must be a positive integer, got 0']);
  throwsWith(() => parseMotText('2.5,1,1,2,3,4\n', 'result', 'r.txt'), InputError, ['got 2.5']);
  throwsWith(() => parseMotText('3000000000,1,1,2,3,4\n', 'result', 'r.txt'), InputError, ['got 3000000000']);
});

bad('non-integer result id', () => {
  throwsWith(() => parseMotText('1,1,1,2,3,4\n2,1.5,1,2,3,4\n', 'result', 'r.txt'), InputError, [
    'r.txt:2:',
    'column 2 (id) must be an integer, got 1.5',
  ]);
});

bad('empty file: no rows unless allowEmpty', () => {
  const e = throwsWith(() => parseMotText('', 'det', 'empty.txt'), InputError, ['empty.txt:', 'no rows']);
  assert.is(e.line, undefined);
  throwsWith(() => parseMotText(' \r\n\n', 'gt', 'blank.txt'), InputError, ['blank.txt', 'no rows']);
});

bad('unknown kind is a ConfigError', () => {
  throwsWith(() => parseMotText('1,1,1,2,3,4\n', 'tracks' as never), ConfigError, ["kind must be 'det', 'gt' or 'result'", '"tracks"']);
});

const files = suite('readMotFile');

files('missing file: InputError "file not found" naming the path', () => {
  const path = fixture('mot15/TUD-Campus/no-such-file.txt');
  const e = throwsWith(() => readMotFile(path, 'det'), InputError, ['readMotFile: file not found', path]);
  assert.is(e.source, path);
});

files('a directory instead of a file', () => {
  const dir = fixture('mot15/TUD-Campus');
  throwsWith(() => readMotFile(dir, 'det'), InputError, [dir, 'must be a file, got a directory']);
});

files('errors from file content carry path:line and the readMotFile prefix', () => {
  const dir = mkdtempSync(join(tmpdir(), 'motchallenge-'));
  try {
    const path = join(dir, 'det.txt');
    writeFileSync(path, '1,-1,1,2,3,4,1,-1,-1,-1\n1,-1,1,2,3\n');
    throwsWith(() => readMotFile(path, 'det'), InputError, [`${path}:2: readMotFile:`, 'got 5']);
    writeFileSync(path, '');
    throwsWith(() => readMotFile(path, 'det'), InputError, [path, 'no rows']);
    assert.is(readMotFile(path, 'det', { allowEmpty: true }).length, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

real.run();
fmt.run();
bad.run();
files.run();
