import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { InputError } from '@mot/core';
import { parseSeqInfo, readSeqInfo } from './index.js';
import { fixture, throwsWith } from './test-helpers.js';

const read = suite('readSeqInfo');

read('TUD-Campus, ETH-Bahnhof and KITTI-13 values as in the files', () => {
  // `cat fixtures/mot15/TUD-Campus/seqinfo.ini`
  assert.equal(readSeqInfo(fixture('mot15/TUD-Campus/seqinfo.ini')), {
    name: 'TUD-Campus',
    frameRate: 25,
    seqLength: 71,
    imWidth: 640,
    imHeight: 480,
    imDir: 'img1',
    imExt: '.jpg',
  });
  const eth = readSeqInfo(fixture('mot15/ETH-Bahnhof/seqinfo.ini'));
  assert.equal([eth.frameRate, eth.seqLength, eth.imWidth, eth.imHeight], [14, 1000, 640, 480]);
  const kitti = readSeqInfo(fixture('mot15/KITTI-13/seqinfo.ini'));
  assert.equal([kitti.frameRate, kitti.seqLength, kitti.imWidth, kitti.imHeight], [10, 340, 1242, 375]);
});

read('missing file and directory name the path', () => {
  const path = fixture('mot15/TUD-Campus/nope.ini');
  throwsWith(() => readSeqInfo(path), InputError, ['readSeqInfo: file not found', path]);
  throwsWith(() => readSeqInfo(fixture('mot15')), InputError, ['got a directory']);
});

const parse = suite('parseSeqInfo');
const OK = '[Sequence]\nname=S\nframeRate=25\nseqLength=71\nimWidth=640\nimHeight=480\n';

parse('CRLF, comments, spaces around =, other sections ignored, fractional frame rate', () => {
  const text = '; comment\r\n[Other]\r\nframeRate=1\r\n[Sequence]\r\n# c\r\nname = S2 \r\nframeRate = 29.97\r\nseqLength=10\r\nimWidth=8\r\nimHeight=6\r\n';
  assert.equal(parseSeqInfo(text), { name: 'S2', frameRate: 29.97, seqLength: 10, imWidth: 8, imHeight: 6 });
});

parse('name falls back to the directory of a seqinfo.ini path', () => {
  const text = OK.replace('name=S\n', '');
  assert.is(parseSeqInfo(text, '/data/MOT17-02/seqinfo.ini').name, 'MOT17-02');
  throwsWith(() => parseSeqInfo(text, 'label'), InputError, ['label:', 'must set name']);
});

parse('missing required key names the key and the file', () => {
  for (const key of ['frameRate', 'seqLength', 'imWidth', 'imHeight']) {
    const text = OK.split('\n').filter((l) => !l.startsWith(key)).join('\n');
    throwsWith(() => parseSeqInfo(text, 'seq/seqinfo.ini'), InputError, ['seq/seqinfo.ini:', `must set ${key}`]);
  }
});

parse('values must be positive (integers); the message names file:line', () => {
  const e = throwsWith(() => parseSeqInfo(OK.replace('seqLength=71', 'seqLength=7.5'), 's.ini'), InputError, [
    's.ini:4:',
    'seqLength must be a positive integer up to 2147483647, got "7.5"',
  ]);
  assert.is(e.line, 4);
  throwsWith(() => parseSeqInfo(OK.replace('imWidth=640', 'imWidth=-640'), 's.ini'), InputError, ['imWidth must be a positive integer up to 2147483647, got "-640"']);
  throwsWith(() => parseSeqInfo(OK.replace('imHeight=480', 'imHeight='), 's.ini'), InputError, ['imHeight must be a positive integer up to 2147483647, got ""']);
  throwsWith(() => parseSeqInfo(OK.replace('frameRate=25', 'frameRate=0'), 's.ini'), InputError, ['frameRate must be a positive number, got "0"']);
});

parse('structural errors: no section, bad header, line without =, repeated key', () => {
  throwsWith(() => parseSeqInfo('name=S\n', 's.ini'), InputError, ['s.ini:', 'must have a [Sequence] section']);
  throwsWith(() => parseSeqInfo('[Sequence\n', 's.ini'), InputError, ['s.ini:1:', 'section header must be [name]']);
  throwsWith(() => parseSeqInfo('[Sequence]\nframeRate 25\n', 's.ini'), InputError, ['s.ini:2:', 'line must be key=value', '"frameRate 25"']);
  throwsWith(() => parseSeqInfo(OK + 'seqLength=72\n', 's.ini'), InputError, ['s.ini:7:', 'seqLength must appear once', 'first on line 4']);
});

read.run();
parse.run();
