// `mot eval` end to end: spawns the real CLI, checks exit codes, stdout,
// stderr and the JSON file.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const fixture = (rel: string) => join(root, 'fixtures', rel);
const tmp = mkdtempSync(join(tmpdir(), 'mot-eval-cli-'));

function mot(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'examples/cli/bin/mot.js'), 'eval', ...args], { encoding: 'utf8', cwd: root });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A one-sequence results file for TUD-Campus (seqLength 71) with the given text. */
function results(name: string, text: string): string {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
}

const TUD_GT = fixture('mot15/TUD-Campus/gt.txt');
const SEQS = ['ADL-Rundle-6', 'ETH-Bahnhof', 'KITTI-13', 'PETS09-S2L1', 'TUD-Campus'];
const KEYS = ['HOTA', 'DetA', 'AssA', 'LocA', 'MOTA', 'MOTP', 'IDF1', 'IDP', 'IDR', 'Recall', 'Precision', 'IDSW', 'FP', 'FN', 'Frag', 'MT', 'PT', 'ML', 'GT'];

const test = suite('mot eval');

test('five MOT15 sequences: table on stdout, TrackEval figures in the JSON', () => {
  const dir = join(tmp, 'sort');
  mkdirSync(dir);
  for (const s of SEQS) copyFileSync(fixture(`mot15/${s}/sort_reference.txt`), join(dir, `${s}.txt`));
  const json = join(tmp, 'sort.json');
  const r = mot('--gt', fixture('mot15'), '--results', dir, '--json', json);
  assert.is(r.code, 0, r.stderr);
  // A progress line per sequence scored on stderr; none with --no-progress.
  assert.equal(
    r.stderr.trimEnd().split('\n').map((l) => l.replace(/, [\d.]+ s$/, '')),
    SEQS.map((s, k) => `mot eval: ${k + 1}/5 sequences scored (${s})`),
  );
  const quiet = mot('--gt', fixture('mot15'), '--results', dir, '--no-progress');
  assert.is(quiet.stderr, '');
  assert.is(quiet.stdout, r.stdout);
  const lines = r.stdout.trimEnd().split('\n');
  assert.is(lines[0], 'MOT15 protocol, IoU 0.5, 5 sequences; ratios in %');
  assert.equal(lines.slice(2).map((l) => l.split(/\s+/)[0]), [...SEQS, 'COMBINED']);
  // fixtures README: SORT combined HOTA 0.3786, MOTA 0.4660, IDF1 0.4744, IDSW 271, FP 2553, FN 5731.
  const combined = lines[lines.length - 1].split(/\s+/);
  assert.equal([combined[1], combined[5], combined[7], combined[12], combined[13], combined[14]].map((v, i) => (i < 3 ? v.slice(0, 5) : v)), ['37.86', '46.60', '47.43', '271', '2553', '5731']);

  const out = JSON.parse(readFileSync(json, 'utf8'));
  assert.equal(Object.keys(out), ['sequences', 'combined']);
  assert.equal(Object.keys(out.sequences), SEQS);
  assert.equal(Object.keys(out.combined), KEYS);
  assert.equal([out.combined.IDSW, out.combined.FP, out.combined.FN], [271, 2553, 5731]);
  assert.ok(Math.abs(out.combined.HOTA - 0.3786) <= 5e-5, `HOTA ${out.combined.HOTA}`);
  assert.ok(Math.abs(out.sequences['TUD-Campus'].IDF1 - 0.6065) <= 5e-5);
  for (const k of ['IDSW', 'FP', 'FN', 'Frag', 'MT', 'PT', 'ML', 'GT']) assert.ok(Number.isInteger(out.combined[k]), k);
});

test('a non-integer result id: one line naming file:line, exit 1, no JSON written', () => {
  const res = results('float-id.txt', '1,1,10,10,20,40,1,-1,-1,-1\n2,1.5,10,10,20,40,1,-1,-1,-1\n');
  const json = join(tmp, 'never.json');
  const r = mot('--gt', TUD_GT, '--results', res, '--json', json);
  assert.is(r.code, 1);
  assert.is(r.stdout, '');
  assert.is(r.stderr.trimEnd().split('\n').length, 1);
  assert.ok(r.stderr.startsWith(`mot eval: ${res}:2: `), r.stderr);
  assert.ok(r.stderr.includes('id') && r.stderr.includes('must be an integer, got 1.5'), r.stderr);
  assert.not.ok(existsSync(json));
});

test('the same id twice in one frame is an error (as in TrackEval)', () => {
  const res = results('dup.txt', '1,3,10,10,20,40,1,-1,-1,-1\n1,3,100,10,20,40,1,-1,-1,-1\n');
  const r = mot('--gt', TUD_GT, '--results', res);
  assert.is(r.code, 1);
  assert.is(r.stderr, `mot eval: ${res}:2: preprocessSequence: result id must appear at most once per frame, got id 3 twice in frame 1\n`);
});

test('a frame beyond seqLength is an error (as in TrackEval)', () => {
  const res = results('late.txt', '71,3,10,10,20,40,1,-1,-1,-1\n72,3,10,10,20,40,1,-1,-1,-1\n');
  const r = mot('--gt', TUD_GT, '--results', res);
  assert.is(r.code, 1);
  assert.is(r.stderr, `mot eval: ${res}:2: preprocessSequence: result frame must be an integer in 1..71 (seqLength), got 72\n`);
});

test('an empty results file: warning on stderr, every gt box missed (TrackEval behaviour), exit 0', () => {
  const res = results('empty.txt', '');
  const json = join(tmp, 'empty.json');
  const r = mot('--gt', TUD_GT, '--results', res, '--json', json);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stderr, `mot eval: warning: ${res}: no rows; scored as a tracker that output nothing\n`);
  const m = JSON.parse(readFileSync(json, 'utf8')).combined;
  // TUD-Campus gt: 359 boxes of 8 people.
  assert.equal([m.FN, m.FP, m.ML, m.GT, m.MOTA, m.HOTA], [359, 0, 8, 8, 0, 0]);
});

test('bad options and paths: one clear line, exit 1', () => {
  const bench = mot('--gt', TUD_GT, '--results', TUD_GT, '--benchmark', 'MOT99');
  assert.is(bench.code, 1);
  assert.is(bench.stderr, 'mot eval: --benchmark must be auto or one of MOT15, MOT16, MOT17, MOT20, none, got MOT99\n');
  const thr = mot('--gt', TUD_GT, '--results', TUD_GT, '--threshold', 'abc');
  assert.is(thr.stderr, 'mot eval: --threshold must be an IoU in (0, 1], got abc\n');
  const missing = mot('--gt', join(tmp, 'nope.txt'), '--results', TUD_GT);
  assert.is(missing.code, 1);
  assert.ok(missing.stderr.startsWith('mot eval: findSequences: gt must be a gt.txt file'), missing.stderr);
  const noGt = mot('--results', TUD_GT);
  assert.is(noGt.code, 1);
  assert.ok(noGt.stderr.includes("required option '--gt <path>' not specified"), noGt.stderr);
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));
test.run();
