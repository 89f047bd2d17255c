/**
 * `mot track` on the hostile inputs of issue 12, as a user runs it: each must
 * end in one line naming file and line, exit 1 and no output, quickly and in
 * bounded memory (before the fixes: a 95 s walk of a billion empty frames,
 * and 11 GB of memory in 60 s on /dev/zero).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const MOT = join(ROOT, 'examples/cli/bin/mot.js');

function mot(...args: string[]) {
  // The timeout turns a regression (an endless walk or read) into a failure, not a hung suite.
  const r = spawnSync(process.execPath, [MOT, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, signal: r.signal, stderr: r.stderr };
}

const work = mkdtempSync(join(tmpdir(), 'mot-track-hostile-'));
const cli = suite('mot track: hostile input');
cli.after(() => rmSync(work, { recursive: true, force: true }));

cli('the only row in frame 1000000000, no seqinfo.ini: one line naming the ceiling, exit 1, no output', () => {
  const input = join(work, 'far.txt');
  writeFileSync(input, '1000000000,-1,10,20,30,40,0.9,-1,-1,-1\n');
  const out = join(work, 'far-out.txt');
  const r = mot('track', '-d', input, '-o', out, '--no-progress');
  assert.is(r.signal, null, 'timed out');
  assert.is(r.status, 1, r.stderr);
  assert.match(r.stderr, /^mot track: .*far\.txt:1: readMotFile: column 1 \(frame\) must be at most 10000000 .*--seqinfo.*got 1000000000\n$/);
  assert.not.ok(existsSync(out));
});

cli('--detections /dev/zero: one line about the line length, exit 1, no output', () => {
  const out = join(work, 'zero-out.txt');
  const r = mot('track', '-d', '/dev/zero', '-o', out, '--no-progress');
  assert.is(r.signal, null, 'timed out');
  assert.is(r.status, 1, r.stderr);
  assert.match(r.stderr, /^mot track: \/dev\/zero:1: readMotFile: line must be at most 4096 characters/);
  assert.is(r.stderr.split('\n').length, 2);
  assert.not.ok(existsSync(out));
});

cli('a zero-size box: rejected at its line by the parser, not inside SortBoxModel', () => {
  const input = join(work, 'zero-box.txt');
  writeFileSync(input, '1,-1,10,20,30,40,0.9,-1,-1,-1\n2,-1,10,20,0,40,0.9,-1,-1,-1\n');
  const r = mot('track', '-d', input, '-o', join(work, 'zb-out.txt'), '--no-progress');
  assert.is(r.status, 1, r.stderr);
  assert.match(r.stderr, /zero-box\.txt:2: readMotFile: column 5 \(w\) must be > 0, got 0\n$/);
  assert.not.ok(r.stderr.includes('SortBoxModel'));
});

cli('0x10 in the frame column: an error, not frame 16', () => {
  const input = join(work, 'hex.txt');
  writeFileSync(input, '0x10,-1,10,20,30,40,0.9,-1,-1,-1\n');
  const r = mot('track', '-d', input, '-o', join(work, 'hex-out.txt'), '--no-progress');
  assert.is(r.status, 1, r.stderr);
  assert.match(r.stderr, /hex\.txt:1: readMotFile: column 1 \(frame\) must be a finite decimal number, got "0x10"/);
});

cli.run();
