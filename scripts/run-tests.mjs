#!/usr/bin/env node
// Runs every `*.test.ts` beside the sources (packages/*/src, examples/*/src,
// and the repository-wide ones in scripts/)
// with uvu, TypeScript compiled on load by tsx, and closes with the plain
// line "N passed, N failed" that CI reads.
//
//   node scripts/run-tests.mjs            all tests
//   node scripts/run-tests.mjs hungarian  only files whose path contains "hungarian"
//
// Environment: MOT_TEST_TIMEOUT_S (default 3000) ends a hung run: the test
// processes are killed and the run fails with a line saying so.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const filters = process.argv.slice(2);

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const files = [];
walk(join(root, 'scripts'), files); // repository-wide tests (README examples)
for (const top of ['packages', 'examples']) {
  for (const pkg of readdirSync(join(root, top))) {
    const src = join(root, top, pkg, 'src');
    try {
      walk(src, files);
    } catch {
      /* a package without src/ has no tests */
    }
  }
}
const selected = files
  .map((f) => relative(root, f))
  .filter((f) => filters.length === 0 || filters.some((p) => f.includes(p)))
  .sort();
if (selected.length === 0) {
  console.error(`run-tests: no test file matches ${filters.join(' ') || '*.test.ts'}`);
  process.exit(1);
}

// One uvu process over all selected files: uvu's runner takes the file list
// from a directory and a pattern, so the pattern is the exact list.
const escaped = selected.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
const pattern = `^(${escaped.join('|')})$`;
const uvu = join(root, 'node_modules', 'uvu', 'bin.js');
// uvu runs in a process group of its own, so that whatever a test started and
// left behind (a worker, a redis-server, an ffmpeg) is killed with the group
// when the run ends: a leftover child would otherwise keep CI's output pipe
// open. A run that outlasts MOT_TEST_TIMEOUT_S (default 50 min, well inside
// CI's 90) is a hung test: the group is killed and the run fails saying so.
const timeoutS = Number(process.env.MOT_TEST_TIMEOUT_S ?? 3000);
const child = spawn(process.execPath, ['--import', 'tsx', uvu, '.', pattern, '--no-color'], {
  cwd: root,
  detached: true,
  stdio: ['ignore', 'pipe', 'pipe'],
  env: { ...process.env, FORCE_COLOR: '0' },
});
let stdout = '';
child.stdout.setEncoding('utf8');
child.stderr.setEncoding('utf8');
child.stdout.on('data', (s) => {
  stdout += s;
  process.stdout.write(s);
});
child.stderr.on('data', (s) => process.stderr.write(s));
const killGroup = () => {
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    /* the group is gone already */
  }
};
let timedOut = false;
const timer = setTimeout(() => {
  timedOut = true;
  console.error(`\nrun-tests: no result after ${timeoutS} s: a test hangs; killing the test processes`);
  killGroup();
}, timeoutS * 1000);
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    killGroup();
    process.exit(130);
  });
}
// 'exit' fires when uvu is gone, while its group may still hold children
// (and with them the pipes); 'close' once the pipes are drained.
const closed = new Promise((resolve) => child.once('close', resolve));
const run = await new Promise((resolve) => child.once('exit', (status, signal) => resolve({ status, signal })));
clearTimeout(timer);
killGroup();
await closed;

const total = Number(/Total:\s+(\d+)/.exec(stdout)?.[1] ?? NaN);
const passed = Number(/Passed:\s+(\d+)/.exec(stdout)?.[1] ?? NaN);
if (timedOut || Number.isNaN(total) || Number.isNaN(passed)) {
  console.error(`run-tests: uvu did not finish (exit ${run.status}, signal ${run.signal})`);
  process.exit(run.status || 1);
}
console.log(`\n${selected.length} test files`);
console.log(`${passed} passed, ${total - passed} failed`);
process.exit(run.status === 0 && passed === total ? 0 : 1);
