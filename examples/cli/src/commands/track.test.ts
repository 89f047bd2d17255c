/**
 * `mot track` end to end: the command a user runs, spawned as a process.
 * Parity with the references through the CLI (boxes as written, 2 decimals:
 * within 0.01 px), and bad input: one clear line, exit 1, no output file.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readMotFile } from '@mot/motchallenge';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compareResults } from '../parity.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const MOT = join(ROOT, 'examples/cli/bin/mot.js');
const MOT15 = join(ROOT, 'fixtures/mot15');

function mot(...args: string[]) {
  const r = spawnSync(process.execPath, [MOT, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const work = mkdtempSync(join(tmpdir(), 'mot-track-test-'));
const cli = suite('mot track');

cli.after(() => rmSync(work, { recursive: true, force: true }));

for (const [tracker, reference, count] of [
  ['sort', 'sort_reference.txt', 11],
  ['deepsort', 'deepsort_reference.txt', 5],
] as const) {
  cli(`--mot-dir --tracker ${tracker}: every sequence equals ${reference} (0.01 px, ids one-to-one)`, () => {
    const out = join(work, tracker);
    const r = mot('track', '--mot-dir', MOT15, '--tracker', tracker, '-o', out);
    assert.is(r.status, 0, r.stderr);
    const files = readdirSync(out).sort();
    assert.is(files.length, count);
    // one progress line per sequence on stderr (not a TTY here)
    assert.is(r.stderr.trim().split('\n').length, count);
    for (const f of files) {
      const seq = f.replace(/\.txt$/, '');
      const report = compareResults(readMotFile(join(out, f), 'result'), readMotFile(join(MOT15, seq, reference), 'result'), 0.01);
      assert.equal(report.problems, [], `${tracker} ${seq}`);
    }
  });
}

cli('--detections with --seqinfo writes one results file', () => {
  const out = join(work, 'tud.txt');
  const r = mot('track', '-d', join(MOT15, 'TUD-Campus/det.txt'), '--seqinfo', join(MOT15, 'TUD-Campus/seqinfo.ini'), '-o', out, '--no-progress');
  assert.is(r.status, 0, r.stderr);
  assert.is(r.stderr, '');
  assert.is(readMotFile(out, 'result').length, 261); // = rows of sort_reference.txt
});

const BAD: Array<[string, string, RegExp]> = [
  ['too few columns', '1,-1,10,20,30,40,0.9,-1,-1,-1\n2,-1,10,20,30\n', /few\.txt:2: .*must have 7, 9 or 10 columns, got 5/],
  ['a non-number', '1,-1,10,20,30,40,0.9,-1,-1,-1\n2,-1,10,abc,30,40,0.9,-1,-1,-1\n', /nonnumber\.txt:2: .*column 4 \(y\) must be a finite decimal number, got "abc"/],
  ['NaN', '1,-1,10,20,NaN,40,0.9,-1,-1,-1\n', /nan\.txt:1: .*column 5 \(w\) must be a finite decimal number, got "NaN"/],
  ['a negative width', '1,-1,10,20,-30,40,0.9,-1,-1,-1\n', /negative\.txt:1: .*column 5 \(w\) must be > 0, got -30/],
  ['an empty file', '', /empty\.txt: .*no rows/],
];
const names = ['few', 'nonnumber', 'nan', 'negative', 'empty'];

BAD.forEach(([what, content, message], i) => {
  cli(`bad det file, ${what}: one line naming file and line, exit 1, no output`, () => {
    const input = join(work, `${names[i]}.txt`);
    writeFileSync(input, content);
    const out = join(work, `out-${names[i]}.txt`);
    const r = mot('track', '-d', input, '-o', out);
    assert.is(r.status, 1);
    assert.match(r.stderr, message);
    assert.is(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.not.ok(existsSync(out));
  });
});

cli('a missing file: clear error, exit 1, no output', () => {
  const out = join(work, 'out-missing.txt');
  const r = mot('track', '-d', join(work, 'nope.txt'), '-o', out);
  assert.is(r.status, 1);
  assert.match(r.stderr, /nope\.txt: .*file not found/);
  assert.not.ok(existsSync(out));
});

cli('--mot-dir with one malformed sequence writes nothing at all', () => {
  const dir = join(work, 'mixed');
  const out = join(work, 'mixed-out');
  for (const [seq, body] of [
    ['A', '1,-1,10,20,30,40,0.9,-1,-1,-1\n'],
    ['B', '1,-1,10,20,30,x,0.9,-1,-1,-1\n'],
  ]) {
    const d = join(dir, seq, 'det');
    spawnSync('mkdir', ['-p', d]);
    writeFileSync(join(d, 'det.txt'), body);
  }
  const r = mot('track', '--mot-dir', dir, '-o', out);
  assert.is(r.status, 1);
  assert.match(r.stderr, /B\/det\/det\.txt:1: /);
  assert.not.ok(existsSync(join(out, 'A.txt')));
});

cli('usage errors: tracker needs features, option of another tracker, not a number', () => {
  const det = join(MOT15, 'TUD-Campus/det.txt');
  const out = join(work, 'usage.txt');
  let r = mot('track', '-d', det, '-t', 'deepsort', '-o', out);
  assert.is(r.status, 1);
  assert.match(r.stderr, /tracker 'deepsort' needs appearance features/);
  r = mot('track', '-d', det, '--tracker.nInit', '2', '-o', out);
  assert.is(r.status, 1);
  assert.match(r.stderr, /--tracker.nInit does not apply to tracker 'sort'/);
  r = mot('track', '-d', det, '--tracker.maxAge', 'x', '-o', out);
  assert.is(r.status, 1);
  assert.match(r.stderr, /--tracker.maxAge must be a number, got 'x'/);
  r = mot('track', '-o', out);
  assert.is(r.status, 1);
  assert.match(r.stderr, /exactly one of --detections <file> or --mot-dir <dir>/);
  assert.not.ok(existsSync(out));
});

cli('a frame beyond seqinfo.ini seqLength is an error naming the line', () => {
  const input = join(work, 'late.txt');
  writeFileSync(input, '1,-1,10,20,30,40,0.9,-1,-1,-1\n72,-1,10,20,30,40,0.9,-1,-1,-1\n');
  const out = join(work, 'late-out.txt');
  const r = mot('track', '-d', input, '--seqinfo', join(MOT15, 'TUD-Campus/seqinfo.ini'), '-o', out);
  assert.is(r.status, 1);
  assert.match(r.stderr, /late\.txt:2: .*column 1 \(frame\) must be at most 71 \(the sequence length.*got 72/);
  assert.not.ok(existsSync(out));
});

cli.run();
