import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError } from '@mot/core';
import { formatFixed, formatResultRows, parseMotText, readMotFile, writeMotResults, type ResultRow } from './index.js';
import { fixture, throwsWith } from './test-helpers.js';

const fixed = suite('formatFixed');

fixed("matches Python '%.Nf' on exact ties and -0 (python3 outputs)", () => {
  // python3: '%.2f' % (0.125, 0.375, -0.125, 2.675, 1.005, -0.001) -> 0.12 0.38 -0.12 2.67 1.00 -0.00
  assert.equal([0.125, 0.375, -0.125, 2.675, 1.005, -0.001].map((x) => formatFixed(x, 2)), ['0.12', '0.38', '-0.12', '2.67', '1.00', '-0.00']);
  // python3: '%.2f' % -0.0 -> -0.00; '%.0f' % 0.5 -> 0; '%.0f' % 1.5 -> 2; '%.3f' % 0.0625 -> 0.062; '%.0f' % -0.5 -> -0
  assert.equal([formatFixed(-0, 2), formatFixed(0.5, 0), formatFixed(1.5, 0), formatFixed(0.0625, 3), formatFixed(-0.5, 0)], ['-0.00', '0', '2', '0.062', '-0']);
  // a tie with more digits: 123456.78125 -> python3 '%.4f' -> 123456.7812
  assert.is(formatFixed(123456.78125, 4), '123456.7812');
});

const fmt = suite('formatResultRows');

fmt('reproduces the deep_sort and SORT reference files byte for byte', () => {
  // The reference files were written by the Python trackers with '%.2f' boxes and a literal 1 score.
  for (const name of ['deepsort_reference.txt', 'sort_reference.txt']) {
    const path = fixture(`mot15/TUD-Campus/${name}`);
    const rows = readMotFile(path, 'result');
    const out: ResultRow[] = [];
    for (let i = 0; i < rows.length; i++) {
      out.push({ frame: rows.frame[i], id: rows.id[i], box: [rows.x[i], rows.y[i], rows.w[i], rows.h[i]] });
    }
    assert.is(formatResultRows(out), readFileSync(path, 'utf8'), name);
  }
});

fmt('reference line, scores, decimals option', () => {
  assert.is(formatResultRows([{ frame: 3, id: 1, box: [267.851, 187.04, 76.49, 200.13] }]), '3,1,267.85,187.04,76.49,200.13,1,-1,-1,-1\n');
  assert.is(formatResultRows([{ frame: 1, id: 2, box: [-1.005, 0, 2, 3], score: 0.5 }]), '1,2,-1.00,0.00,2.00,3.00,0.50,-1,-1,-1\n');
  assert.is(formatResultRows([{ frame: 1, id: 2, box: [1, 2, 3, 4], score: 0 }], { decimals: 3 }), '1,2,1.000,2.000,3.000,4.000,0,-1,-1,-1\n');
  assert.is(formatResultRows([]), '');
});

fmt('round trip through parseMotText keeps values to 2 decimals', () => {
  const rows: ResultRow[] = [
    { frame: 1, id: 7, box: [-12.344, 5.5, 40.126, 80], score: 0.73 },
    { frame: 2, id: 7, box: [0.004, 1e-9, 0, 10.999] },
  ];
  const back = parseMotText(formatResultRows(rows), 'result', 'round-trip');
  assert.equal(Array.from(back.frame), [1, 2]);
  assert.equal(Array.from(back.id), [7, 7]);
  assert.equal(Array.from(back.x), [-12.34, 0]);
  assert.equal(Array.from(back.y), [5.5, 0]);
  assert.equal(Array.from(back.w), [40.13, 0]);
  assert.equal(Array.from(back.h), [80, 11]);
  assert.equal(Array.from(back.score), [0.73, 1]);
});

fmt('invalid options and rows are ConfigErrors naming the row', () => {
  const ok: ResultRow = { frame: 1, id: 1, box: [0, 0, 1, 1] };
  for (const d of [-1, 21, 1.5]) throwsWith(() => formatResultRows([ok], { decimals: d }), ConfigError, [`decimals must be an integer in 0..20, got ${d}`]);
  throwsWith(() => formatResultRows([ok, { ...ok, frame: 0 }]), ConfigError, ['rows[1].frame must be a positive integer, got 0']);
  throwsWith(() => formatResultRows([{ ...ok, id: 1.5 }]), ConfigError, ['rows[0].id must be an integer, got 1.5']);
  throwsWith(() => formatResultRows([{ ...ok, box: [0, NaN, 1, 1] }]), ConfigError, ['rows[0].box must be tlwh of 4 finite numbers', '"NaN"', 'frame 1, id 1']);
  throwsWith(() => formatResultRows([{ ...ok, box: [0, 0, -1, 1] }]), ConfigError, ['w, h >= 0', '"-1"']);
  throwsWith(() => formatResultRows([{ ...ok, box: [0, 0, 1] as never }]), ConfigError, ['rows[0].box must be tlwh']);
  throwsWith(() => formatResultRows([{ ...ok, score: NaN }]), ConfigError, ['rows[0].score must be a finite number, got NaN']);
});

const write = suite('writeMotResults');

write('writes the formatted file atomically; invalid rows write nothing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'motchallenge-'));
  try {
    const path = join(dir, 'TUD-Campus.txt');
    writeMotResults(path, [{ frame: 3, id: 1, box: [267.85, 187.04, 76.49, 200.13] }]);
    assert.is(readFileSync(path, 'utf8'), '3,1,267.85,187.04,76.49,200.13,1,-1,-1,-1\n');
    throwsWith(() => writeMotResults(join(dir, 'bad.txt'), [{ frame: 0, id: 1, box: [0, 0, 1, 1] }]), ConfigError, ['frame']);
    assert.equal(readdirSync(dir), ['TUD-Campus.txt']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

fixed.run();
fmt.run();
write.run();
