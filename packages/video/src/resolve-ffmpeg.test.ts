import { accessSync, chmodSync, constants, copyFileSync, mkdirSync, statSync, symlinkSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { VideoSourceError } from './errors.js';
import { resolveFfmpeg, resolveTool } from './resolve-ffmpeg.js';
import { TEXT_FILE, tempDir } from './test-support.js';

const isVideoError = (re: RegExp) => (e: unknown) => e instanceof VideoSourceError && re.test((e as Error).message);

/** Runs `fn` with environment variables set (undefined = unset), restoring them after. */
function withEnv<T>(vars: Record<string, string | undefined>, fn: () => T): T {
  const saved: Record<string, string | undefined> = {};
  for (const k of Object.keys(vars)) {
    saved[k] = process.env[k];
    if (vars[k] === undefined) delete process.env[k];
    else process.env[k] = vars[k];
  }
  try {
    return fn();
  } finally {
    for (const k of Object.keys(saved)) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  }
}

const resolve = suite('resolveFfmpeg');

resolve('finds the npm installer binaries when no env variable is set, both executable', () => {
  const tools = withEnv({ MOT_FFMPEG: undefined, MOT_FFPROBE: undefined }, () => resolveFfmpeg());
  assert.is(tools.source, 'installer');
  assert.is(tools.ffprobeSource, 'installer');
  assert.match(tools.ffmpeg, /@ffmpeg-installer[\\/][^\\/]+[\\/]ffmpeg(\.exe)?$/);
  assert.match(tools.ffprobe, /@ffprobe-installer[\\/][^\\/]+[\\/]ffprobe(\.exe)?$/);
  accessSync(tools.ffmpeg, constants.X_OK);
  accessSync(tools.ffprobe, constants.X_OK);
});

resolve('MOT_FFMPEG and MOT_FFPROBE win over the installer', () => {
  const base = withEnv({ MOT_FFMPEG: undefined, MOT_FFPROBE: undefined }, () => resolveFfmpeg());
  const dir = tempDir();
  symlinkSync(base.ffmpeg, join(dir, 'my-ffmpeg'));
  symlinkSync(base.ffprobe, join(dir, 'my-ffprobe'));
  const tools = withEnv({ MOT_FFMPEG: join(dir, 'my-ffmpeg'), MOT_FFPROBE: join(dir, 'my-ffprobe') }, () => resolveFfmpeg());
  assert.equal(tools, { ffmpeg: join(dir, 'my-ffmpeg'), ffprobe: join(dir, 'my-ffprobe'), source: 'env', ffprobeSource: 'env' });
});

resolve('throws when MOT_FFMPEG names a missing file, instead of falling back', () => {
  assert.throws(
    () => withEnv({ MOT_FFMPEG: '/nonexistent/ffmpeg' }, () => resolveFfmpeg()),
    isVideoError(/^ffmpeg: resolveFfmpeg: MOT_FFMPEG must name an executable file, got '\/nonexistent\/ffmpeg' \(ENOENT\)$/),
  );
});

resolve('throws when MOT_FFPROBE names a file without execute permission', () => {
  // fixtures/video/README.md is mode 644: access(X_OK) fails even for root.
  assert.throws(
    () => withEnv({ MOT_FFMPEG: undefined, MOT_FFPROBE: TEXT_FILE }, () => resolveFfmpeg()),
    isVideoError(/MOT_FFPROBE must name an executable file, got '.*README\.md' \(EACCES\)/),
  );
});

resolve('throws when MOT_FFMPEG names a directory', () => {
  assert.throws(
    () => withEnv({ MOT_FFMPEG: tempDir() }, () => resolveFfmpeg()),
    isVideoError(/MOT_FFMPEG must name an executable file, got '.*' \(not a file\)/),
  );
});

const tool = suite('resolveTool');

tool('falls back to the PATH when the installer package is absent', () => {
  const real = withEnv({ MOT_FFMPEG: undefined }, () => resolveFfmpeg().ffmpeg);
  const empty = tempDir();
  const bin = tempDir();
  symlinkSync(real, join(bin, 'ffmpeg'));
  const found = resolveTool('ffmpeg', 'MOT_FFMPEG', { PATH: [empty, bin].join(process.platform === 'win32' ? ';' : ':') }, () => undefined);
  assert.equal(found, { path: join(bin, 'ffmpeg'), source: 'path' });
});

tool('skips a non-executable installer binary and says so when nothing else is found', () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'bin'));
  assert.throws(
    () => resolveTool('ffprobe', 'MOT_FFPROBE', { PATH: join(dir, 'bin') }, () => TEXT_FILE),
    isVideoError(
      /^ffprobe: resolveFfmpeg: ffprobe must be installed, tried MOT_FFPROBE \(not set\), installer binary .*README\.md \(EACCES\), 'ffprobe' on PATH \(1 directories\)$/,
    ),
  );
});

tool('makes an installer binary executable when its postinstall chmod did not run', () => {
  const real = withEnv({ MOT_FFMPEG: undefined }, () => resolveFfmpeg().ffmpeg);
  const pkg = join(tempDir(), 'node_modules', '@ffmpeg-installer', 'linux-x64');
  mkdirSync(pkg, { recursive: true });
  const copy = join(pkg, 'ffmpeg');
  copyFileSync(real, copy);
  chmodSync(copy, 0o644); // what a tarball unpacked without its install script leaves
  const found = resolveTool('ffmpeg', 'MOT_FFMPEG', { PATH: '' }, () => copy);
  assert.equal(found, { path: copy, source: 'installer' });
  assert.is(statSync(copy).mode & 0o777, 0o755);
  const run = spawnSync(copy, ['-hide_banner', '-version'], { encoding: 'utf8' });
  assert.is(run.status, 0);
  assert.match(run.stdout, /^ffmpeg version /);
});

tool('lists every tier tried when none has the tool', () => {
  assert.throws(
    () => resolveTool('ffmpeg', 'MOT_FFMPEG', { MOT_FFMPEG: '', PATH: '' }, () => undefined),
    isVideoError(/tried MOT_FFMPEG \(not set\), the npm installer package \(not installed for .*\), 'ffmpeg' on PATH \(0 directories\)$/),
  );
});

resolve.run();
tool.run();
