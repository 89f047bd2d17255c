/**
 * The `mot` program as a user meets it: --version, one-line usage errors,
 * the help table (whose summaries stand in for the lazily imported
 * commands), relative paths from where the user ran `pnpm mot`, and the
 * plain progress lines of a non-terminal stderr.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { useInvocationDirectory } from './invocation-directory.js';
import { COMMANDS, buildProgram, commandName } from './program.js';
import { PLAIN_INTERVAL_MS, Progress } from './progress.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MOT = join(ROOT, 'examples/cli/bin/mot.js');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'examples/cli/package.json'), 'utf8')) as { version: string }).version;

function mot(args: string[], cwd = ROOT, env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(process.execPath, [MOT, ...args], { cwd, encoding: 'utf8', env });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const work = mkdtempSync(join(tmpdir(), 'mot-program-test-'));
const program = suite('mot program');
program.after(() => rmSync(work, { recursive: true, force: true }));

program('each help-table entry equals what its command registers (description and usage)', async () => {
  for (const [id, entry] of Object.entries(COMMANDS)) {
    const p = new Command();
    (await entry.load()).register(p);
    const cmd = p.commands.find((c) => c.name() === id);
    assert.ok(cmd, `${id} registers a command named ${id}`);
    assert.is(cmd.description(), entry.summary, id);
    assert.is(cmd.usage(), entry.usage, id);
  }
});

program('only the command being run is registered in full', async () => {
  const p = await buildProgram('eval');
  const options = (name: string) => p.commands.find((c) => c.name() === name)?.options.length;
  assert.ok((options('eval') ?? 0) >= 5);
  assert.is(options('track'), 0);
  assert.is(commandName(['help', 'track']), 'track');
  assert.is(commandName(['--help']), undefined);
  assert.is(commandName(['trak']), undefined);
});

program('mot --version prints the package version', () => {
  for (const flag of ['--version', '-V']) {
    const r = mot([flag]);
    assert.is(r.status, 0);
    assert.is(r.stdout, `${VERSION}\n`);
  }
});

program('mot --help lists every command with its usage', () => {
  const r = mot(['--help']);
  assert.is(r.status, 0);
  for (const [id, entry] of Object.entries(COMMANDS)) assert.ok(r.stdout.includes(`${id} ${entry.usage}`), `${id} ${entry.usage}`);
});

program('a mistyped flag: one error line (with the suggestion) and where to look, exit 1', () => {
  const r = mot(['track', '--detection', 'det.txt']);
  assert.is(r.status, 1);
  assert.is(r.stdout, '');
  assert.is(r.stderr, "error: unknown option '--detection' (Did you mean --detections?)\nsee `mot track --help`\n");
});

program('an unknown command: one line with the suggestion, and `mot --help`', () => {
  const r = mot(['trak']);
  assert.is(r.status, 1);
  assert.is(r.stderr, "error: unknown command 'trak' (Did you mean track?)\nsee `mot --help`\n");
});

program('a missing option value: one line', () => {
  const r = mot(['eval', '--gt']);
  assert.is(r.status, 1);
  assert.is(r.stderr, "error: option '--gt <path>' argument missing\nsee `mot eval --help`\n");
});

program('useInvocationDirectory moves to INIT_CWD only for the `mot` script', () => {
  const before = process.cwd();
  try {
    assert.is(useInvocationDirectory({ INIT_CWD: work, npm_lifecycle_event: 'build' }), undefined);
    assert.is(process.cwd(), before);
    assert.is(useInvocationDirectory({ INIT_CWD: work }), undefined);
    assert.is(useInvocationDirectory({ INIT_CWD: work, npm_lifecycle_event: 'mot' }), work);
    assert.is(process.cwd(), work);
  } finally {
    process.chdir(before);
  }
});

program('`pnpm mot` run from fixtures/mot15 reads and writes relative to fixtures/mot15 (real pnpm)', () => {
  const out = join('..', '..', 'tmp-program-test-out.txt');
  const r = spawnSync('npx', ['--yes', 'pnpm@10.34.9', '--silent', 'mot', 'track', '--detections', 'TUD-Campus/det.txt', '--seqinfo', 'TUD-Campus/seqinfo.ini', '-o', out], {
    cwd: join(ROOT, 'fixtures/mot15'),
    encoding: 'utf8',
  });
  const written = join(ROOT, 'tmp-program-test-out.txt');
  try {
    assert.is(r.status, 0, r.stderr);
    // 261 rows: fixtures/mot15/TUD-Campus/sort_reference.txt (abewley/sort) has 261 lines.
    assert.is(readFileSync(written, 'utf8').trim().split('\n').length, 261);
  } finally {
    rmSync(written, { force: true });
  }
});

program('plain progress: a line every 5 s of one input and one per finished input, none per frame', () => {
  const lines: string[] = [];
  let t = 0;
  const p = new Progress(true, (l) => lines.push(l), () => t, false);
  for (let f = 1; f <= 100; f++) {
    t = (f - 1) * 120; // 120 ms a frame: 12 s in all
    p.frame('video.mp4', f, 100);
  }
  p.done('video.mp4', 42, 'det.txt');
  // First frame at t=0; lines at the first frames at or after 5 s and 10 s: f-1 >= 41.7 -> f=43 (t=5040), t>=10080 -> f=85.
  assert.equal(lines, ['video.mp4: frame 43/100 (43 %)\n', 'video.mp4: frame 85/100 (85 %)\n', 'video.mp4: 42 rows -> det.txt\n']);
  assert.is(PLAIN_INTERVAL_MS, 5000);
  const quiet: string[] = [];
  const off = new Progress(false, (l) => quiet.push(l), () => t, false);
  off.frame('x', 1, 2);
  off.done('x', 1, 'y');
  assert.equal(quiet, []);
});

program.run();
