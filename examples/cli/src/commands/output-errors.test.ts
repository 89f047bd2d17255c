/**
 * Outputs that cannot be written, through the real `mot track` process: a
 * parent that is a file (EEXIST/ENOTDIR), a directory under /proc, no
 * permission (EACCES), a full disk (ENOSPC, a 16 KiB tmpfs when we may mount
 * one) and a file size limit (`ulimit -f`: SIGXFSZ ignored, so EFBIG). Each is
 * one line naming the path and what to do, exit code 2, and nothing left at
 * the output path (no half-written file, no temporary file).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mountTinyDisk } from '@mot/video/testing';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const MOT = join(ROOT, 'examples/cli/bin/mot.js');
const DET = join(ROOT, 'fixtures/mot15/TUD-Campus/det.txt'); // SORT writes 261 rows, about 11 KB

const VIDEO = join(ROOT, 'fixtures/video/TUD-Campus.mp4'); // 71 frames, 640x480: an annotated copy is well over 200 KiB

// root ignores permission bits through CAP_DAC_OVERRIDE: setpriv drops it (and
// DAC_READ_SEARCH), so root obeys them like any user yet still reads its own
// checkout, wherever it was cloned (another uid could not read a 0700 temp dir).
const OBEY_PERMISSIONS = ['--inh-caps=-dac_override,-dac_read_search', '--bounding-set=-dac_override,-dac_read_search'];

function track(out: string, spawnOptions: { obeyPermissions?: boolean; shellPrefix?: string; extra?: string[] } = {}) {
  const args = [MOT, 'track', ...(spawnOptions.extra ?? ['-d', DET]), '-o', out, '--no-progress'];
  const r =
    spawnOptions.shellPrefix !== undefined
      ? spawnSync('bash', ['-c', `${spawnOptions.shellPrefix}; exec "$@"`, 'bash', process.execPath, ...args], { cwd: ROOT, encoding: 'utf8' })
      : spawnOptions.obeyPermissions
        ? spawnSync('setpriv', [...OBEY_PERMISSIONS, process.execPath, ...args], { cwd: ROOT, encoding: 'utf8' })
        : spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, signal: r.signal, stderr: r.stderr };
}

/** One line on stderr: `mot track: <path>: cannot ...`, no raw `EEXIST:`-style text, no stack. */
function oneLine(stderr: string, path: string, ...parts: string[]): void {
  oneLineAt(stderr, `${path}: cannot `, ...parts);
}

function oneLineAt(stderr: string, start: string, ...parts: string[]): void {
  const lines = stderr.trimEnd().split('\n');
  assert.is(lines.length, 1, stderr);
  assert.ok(lines[0].startsWith(`mot track: ${start}`), lines[0]);
  for (const p of parts) assert.ok(lines[0].includes(p), `${JSON.stringify(lines[0])} should contain ${JSON.stringify(p)}`);
  assert.not.match(lines[0], /E[A-Z]+: [a-z]/); // not `EEXIST: file already exists, mkdir ...`
}

const work = mkdtempSync(join(tmpdir(), 'mot-output-errors-'));
const out = suite('mot track: output errors');
out.after(() => rmSync(work, { recursive: true, force: true }));

/** A new folder of `work` with a tmpfs of `kib` KiB on it, or undefined where mounting is not allowed. */
function tinyDisk(name: string, kib: number): string | undefined {
  const mnt = join(work, name);
  mkdirSync(mnt);
  return mountTinyDisk(mnt, kib, name) ? mnt : undefined;
}

out('a parent of the output is a file: names that file, exit 2', () => {
  const blocker = join(work, 'blocker');
  writeFileSync(blocker, 'x');
  const target = join(blocker, 'sub', 'out.txt');
  const r = track(target);
  assert.is(r.status, 2, r.stderr);
  oneLine(r.stderr, join(blocker, 'sub'), 'cannot create the directory', `${blocker} is a file, not a directory`, 'choose another path');
});

out('an output under /proc: says the directory takes no new files, not that /proc does not exist', () => {
  const r = track('/proc/mot-out.txt');
  assert.is(r.status, 2, r.stderr);
  oneLine(r.stderr, '/proc/mot-out.txt', 'cannot write the file', '/proc does not accept new files', 'choose another location');
  assert.not.ok(r.stderr.includes('does not exist'));
});

out('no permission to write the directory (EACCES): exit 2, nothing created', () => {
  const locked = join(work, 'locked');
  mkdirSync(locked, { mode: 0o555 });
  chmodSync(locked, 0o555);
  const target = join(locked, 'out.txt');
  const r = track(target, { obeyPermissions: process.getuid?.() === 0 });
  assert.is(r.status, 2, r.stderr);
  oneLine(r.stderr, target, 'permission denied', 'choose a writable location');
  assert.equal(readdirSync(locked), []);
});

out('a file size limit (ulimit -f 4, 4 KiB): EFBIG reported, not killed by SIGXFSZ, no file left', () => {
  const dir = join(work, 'limited');
  mkdirSync(dir);
  const target = join(dir, 'out.txt');
  const r = track(target, { shellPrefix: 'ulimit -f 4' });
  assert.is(r.signal, null, 'killed by a signal');
  assert.is(r.status, 2, r.stderr);
  oneLine(r.stderr, target, 'file too large', 'ulimit -f');
  assert.equal(readdirSync(dir), []);
});

out('a full disk (ENOSPC, a 16 KiB tmpfs): exit 2, no file left', () => {
  const mnt = tinyDisk('tiny', 16);
  if (mnt === undefined) return;
  try {
    writeFileSync(join(mnt, 'filler'), new Uint8Array(8 * 1024)); // leaves less than the 11 KB result needs
    const target = join(mnt, 'out.txt');
    const r = track(target);
    assert.is(r.status, 2, r.stderr);
    oneLine(r.stderr, target, 'no space left on the device', 'free some space');
    assert.equal(readdirSync(mnt), ['filler']);
  } finally {
    spawnSync('umount', [mnt]);
  }
});

out('the annotated video on a full disk (a 200 KiB tmpfs): one line saying so, exit 2, neither the video nor the tracks written', () => {
  const mnt = tinyDisk('tiny-video', 200);
  if (mnt === undefined) return;
  try {
    const tracks = join(work, 'video-full.txt');
    const video = join(mnt, 'annotated.mp4');
    const r = track(tracks, { extra: [VIDEO, '-d', DET, '--annotated', video] });
    assert.is(r.status, 2, r.stderr);
    oneLineAt(r.stderr, `${video}: frame `, 'cannot write the video: no space left on the device (free some space or write elsewhere)', 'No space left on device');
    assert.equal(readdirSync(mnt), []);
    assert.not.ok(existsSync(tracks), 'the tracks file was written although the run failed');
  } finally {
    spawnSync('umount', ['-l', mnt]);
  }
});

out('mot track <video>: the tracks file filling the disk mid-run (a 16 KiB tmpfs): one line, exit 2, no file left', () => {
  const mnt = tinyDisk('tiny-rows', 16);
  if (mnt === undefined) return;
  try {
    writeFileSync(join(mnt, 'filler'), new Uint8Array(8 * 1024)); // the 11 KB of rows cannot fit
    const target = join(mnt, 'out.txt');
    const r = track(target, { extra: [VIDEO, '-d', DET] });
    assert.is(r.status, 2, r.stderr);
    oneLine(r.stderr, target, 'cannot write the file: no space left on the device', 'free some space');
    assert.equal(readdirSync(mnt), ['filler']);
  } finally {
    spawnSync('umount', ['-l', mnt]);
  }
});

out('the annotated video past a file size limit (ulimit -f 64): one line naming the limit, exit 2, no file left', () => {
  const dir = join(work, 'video-limited');
  mkdirSync(dir);
  const video = join(dir, 'annotated.mp4');
  const r = track(join(dir, 'tracks.txt'), { shellPrefix: 'ulimit -f 64', extra: [VIDEO, '-d', DET, '--annotated', video] });
  assert.is(r.signal, null, 'mot itself was killed by a signal');
  assert.is(r.status, 2, r.stderr);
  oneLineAt(r.stderr, `${video}: frame `, 'cannot write the video: file too large', 'ulimit -f');
  assert.equal(readdirSync(dir), []);
});

out.run();
