/**
 * The hostile inputs of issue 12, each written before its fix and seen to
 * fail: endless input, binary input, huge frame numbers, zero-size boxes,
 * zero-length features, hexadecimal numbers and huge coordinates.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { InputError } from '@mot/core';
import { formatResultRows, parseMotText, parseSeqInfo, readDeepSortDetections, readMotFile, readSeqInfo } from './index.js';
import { throwsWith } from './test-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'mot-hostile-'));
const file = (name: string, content: string | Uint8Array): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

/** A deep_sort .npy (v1.0, '<f4', C order) with the given rows. */
function npy(rows: number[][]): Uint8Array {
  const cols = rows[0].length;
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${rows.length}, ${cols}), }`;
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const out = new Uint8Array(10 + header.length + rows.length * cols * 4);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8]);
  out.set(new TextEncoder().encode(header), 10);
  new Float32Array(out.buffer, 10 + header.length).set(rows.flat());
  return out;
}

const endless = suite('readMotFile: endless and huge input');

endless('/dev/zero: an InputError about the line length, after reading one line cap, not all memory', () => {
  const before = process.memoryUsage().rss;
  const err = throwsWith(() => readMotFile('/dev/zero', 'det'), InputError, ['/dev/zero:1:', 'line must be at most 4096 characters']);
  assert.is(err.line, 1);
  // The cap bounds what is held: far below the 11 GB/min the unbounded read reached.
  assert.ok(process.memoryUsage().rss - before < 64 * 1024 * 1024);
});

endless('a 1 MB binary file without commas: the message quotes at most a few dozen characters', () => {
  const bytes = new Uint8Array(1 << 20);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 251; // no byte 10 ('\n') or 44 (',') survives below
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10 || bytes[i] === 44) bytes[i] = 65;
  const p = file('binary.txt', bytes);
  const err = throwsWith(() => readMotFile(p, 'det'), InputError, [`${p}:1:`]);
  assert.ok(err.message.length < p.length + 160, `message is ${err.message.length} characters: ${err.message.slice(0, 300)}`);
});

endless('a long value in a short-enough line is cut to a few dozen characters in the message', () => {
  const err = throwsWith(() => parseMotText(`${'9'.repeat(300)}x,-1,1,1,1,1,1\n`, 'det', 'det.txt'), InputError, ['det.txt:1:', 'column 1 (frame)', '…']);
  assert.ok(err.message.length < 150, err.message);
});

endless('endless valid rows stop at maxRows with an InputError, not at the end of memory', () => {
  const p = file('many.txt', '1,-1,1,1,5,5,1\n'.repeat(50));
  throwsWith(() => readMotFile(p, 'det', { maxRows: 20 }), InputError, [`${p}:21:`, 'at most 20 rows']);
});

const frames = suite('readMotFile: frame numbers');

frames('frame 1000000000 without seqinfo: a fast InputError naming the ceiling and the option', () => {
  const p = file('far.txt', '1000000000,-1,10,10,5,5,1\n');
  throwsWith(() => readMotFile(p, 'det'), InputError, [`${p}:1:`, 'column 1 (frame) must be at most 10000000', 'maxFrame']);
});

frames('maxFrame set from seqinfo.ini seqLength: a frame past it names the line', () => {
  throwsWith(() => parseMotText('1,-1,1,1,5,5,1\n72,-1,1,1,5,5,1\n', 'det', 'det.txt', { maxFrame: 71 }), InputError, [
    'det.txt:2:',
    'must be at most 71',
  ]);
});

frames('0x10 in the frame column is not frame 16: decimal numbers only', () => {
  throwsWith(() => parseMotText('0x10,-1,1,1,5,5,1\n', 'det', 'det.txt'), InputError, ['det.txt:1:', 'column 1 (frame)', '"0x10"']);
  throwsWith(() => parseMotText('1,-1,0b11,1,5,5,1\n', 'det', 'det.txt'), InputError, ['det.txt:1:', 'column 3 (x)', '"0b11"']);
  throwsWith(() => parseMotText('1,-1,1,1,5,5,0o7\n', 'det', 'det.txt'), InputError, ['column 7 (score)']);
});

frames('decimal forms that stay accepted: sign, leading/trailing dot, exponent, spaces', () => {
  const rows = parseMotText(' +3 , -1 ,.5,5.,1e1,2E-1,-0.25\n', 'det', 'det.txt');
  assert.equal([rows.frame[0], rows.x[0], rows.y[0], rows.w[0], rows.h[0], rows.score[0]], [3, 0.5, 5, 10, 0.2, -0.25]);
});

frames('seqinfo.ini: seqLength=0x10 is not 16', () => {
  const text = '[Sequence]\nname=S\nframeRate=25\nseqLength=0x10\nimWidth=640\nimHeight=480\n';
  throwsWith(() => parseSeqInfo(text, 'seqinfo.ini'), InputError, ['seqinfo.ini:4:', 'seqLength', '"0x10"']);
});

frames('seqinfo.ini from /dev/zero: an InputError about the line length', () => {
  throwsWith(() => readSeqInfo('/dev/zero'), InputError, ['/dev/zero:1:', 'line must be at most']);
});

const boxes = suite('zero-size boxes and zero-length features');

boxes('a det row with width 0 or height 0 is rejected by the parser with file:line', () => {
  throwsWith(() => parseMotText('1,-1,1,1,5,5,1\n2,-1,1,1,0,5,1\n', 'det', 'det.txt'), InputError, ['det.txt:2:', 'column 5 (w) must be > 0, got 0']);
  throwsWith(() => parseMotText('1,-1,1,1,5,0,1\n', 'det', 'det.txt'), InputError, ['det.txt:1:', 'column 6 (h) must be > 0, got 0']);
});

boxes('ground truth may still carry w = 0 (evaluators skip such boxes; MOT devkits keep them)', () => {
  assert.is(parseMotText('1,1,1,1,0,5,1\n', 'gt', 'gt.txt').length, 1);
});

boxes('a deep_sort .npy row with a zero box or a zero-length feature names the file and row', () => {
  const good = [1, -1, 10, 10, 5, 5, 0.9, -1, -1, -1, 0.6, 0.8];
  const zeroBox = file('zero-box.npy', npy([good, [2, -1, 10, 10, 0, 5, 0.9, -1, -1, -1, 0.6, 0.8]]));
  throwsWith(() => readDeepSortDetections(zeroBox), InputError, [`${zeroBox}:2:`, 'column 5 (w) must be > 0']);
  const zeroFeature = file('zero-feature.npy', npy([good, good, [3, -1, 10, 10, 5, 5, 0.9, -1, -1, -1, 0, 0]]));
  throwsWith(() => readDeepSortDetections(zeroFeature), InputError, [`${zeroFeature}:3:`, 'feature must have a non-zero length']);
});

const huge = suite('formatResultRows: huge coordinates');

huge("1e30 is written with two decimals, digit for digit as Python's '%.2f' % 1e30", () => {
  // python3 -c "print('%.2f' % 1e30)" -> 1000000000000000019884624838656.00
  assert.is(
    formatResultRows([{ frame: 1, id: 1, box: [1e30, -1e22, 1e21, 5] }]),
    '1,1,1000000000000000019884624838656.00,-10000000000000000000000.00,1000000000000000000000.00,5.00,1,-1,-1,-1\n',
  );
});

huge.after(() => rmSync(dir, { recursive: true, force: true }));

endless.run();
frames.run();
boxes.run();
huge.run();
