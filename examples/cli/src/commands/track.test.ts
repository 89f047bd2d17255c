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
const MOT17 = join(ROOT, 'fixtures/mot17');

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

// ByteTrack and OC-SORT through the CLI on MOT17 (both sequences, frame rate
// 14 and 30 from seqinfo.ini) and on one MOT15 sequence each by --detections;
// the other MOT15 sequences are checked in process (track-mot-sequence.test.ts).
for (const tracker of ['bytetrack', 'ocsort'] as const) {
  cli(`--mot-dir fixtures/mot17 --tracker ${tracker}: both sequences equal ${tracker}_reference.txt`, () => {
    const out = join(work, `${tracker}-mot17`);
    const r = mot('track', '--mot-dir', MOT17, '--tracker', tracker, '-o', out, '--no-progress');
    assert.is(r.status, 0, r.stderr);
    assert.equal(readdirSync(out).sort(), ['MOT17-05.txt', 'MOT17-09.txt']);
    for (const seq of ['MOT17-05', 'MOT17-09']) {
      const ours = readMotFile(join(out, `${seq}.txt`), 'result');
      const ref = readMotFile(join(MOT17, seq, `${tracker}_reference.txt`), 'result');
      assert.equal(compareResults(ours, ref, 0.01).problems, [], `${tracker} ${seq}`);
      assert.is(ours.length, ref.length);
    }
  });
}

for (const [tracker, seq] of [
  ['bytetrack', 'PETS09-S2L1'], // 7 frames/s: the lost-track buffer is 7 frames
  ['ocsort', 'KITTI-13'], // first detections in frame 4: frames are walked from 1
] as const) {
  cli(`--detections --seqinfo --tracker ${tracker} on ${seq} equals the reference`, () => {
    const out = join(work, `${tracker}-${seq}.txt`);
    const r = mot('track', '-d', join(MOT15, seq, 'det.txt'), '--seqinfo', join(MOT15, seq, 'seqinfo.ini'), '-t', tracker, '-o', out, '--no-progress');
    assert.is(r.status, 0, r.stderr);
    const ref = readMotFile(join(MOT15, seq, `${tracker}_reference.txt`), 'result');
    assert.equal(compareResults(readMotFile(out, 'result'), ref, 0.01).problems, []);
  });
}

cli('--help lists every tracker and each option with its default', () => {
  const r = mot('track', '--help');
  assert.is(r.status, 0);
  assert.match(r.stdout, /tracker: sort, deepsort, bytetrack, ocsort/);
  assert.match(r.stdout, /--tracker\.fuseScore <true\|false>\s+weight IoU by detection score.*\(default: bytetrack true\)/);
  assert.match(r.stdout, /--tracker\.inertia <value>\s+weight of direction consistency.*\(default: ocsort 0\.2\)/);
  assert.match(r.stdout, /--tracker\.maxAge <value>.*\(default: sort 1, deepsort 30, ocsort 30\)/);
});

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

cli('usage errors: tracker needs features, option of another tracker, not a number, not a boolean, out of range', () => {
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
  r = mot('track', '-d', det, '-t', 'bytetrack', '--tracker.fuseScore', 'yes', '-o', out);
  assert.is(r.status, 1);
  assert.match(r.stderr, /--tracker.fuseScore must be true or false, got 'yes'/);
  r = mot('track', '-d', det, '-t', 'ocsort', '--tracker.deltaT', '0', '-o', out);
  assert.is(r.status, 1);
  assert.match(r.stderr, /OcSortTracker: deltaT must be >= 1, got 0/);
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
