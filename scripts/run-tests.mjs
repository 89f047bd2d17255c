#!/usr/bin/env node
// Runs every `*.test.ts` beside the sources (packages/*/src, examples/*/src,
// and the repository-wide ones in scripts/)
// with uvu, TypeScript compiled on load by tsx, and closes with the plain
// line "N passed, N failed" that CI reads.
//
//   node scripts/run-tests.mjs            all tests
//   node scripts/run-tests.mjs hungarian  only files whose path contains "hungarian"
import { spawnSync } from 'node:child_process';
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
const run = spawnSync(process.execPath, ['--import', 'tsx', uvu, '.', pattern, '--no-color'], {
  cwd: root,
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
  env: { ...process.env, FORCE_COLOR: '0' },
});
process.stdout.write(run.stdout ?? '');
process.stderr.write(run.stderr ?? '');

const total = Number(/Total:\s+(\d+)/.exec(run.stdout ?? '')?.[1] ?? NaN);
const passed = Number(/Passed:\s+(\d+)/.exec(run.stdout ?? '')?.[1] ?? NaN);
if (Number.isNaN(total) || Number.isNaN(passed)) {
  console.error(`run-tests: uvu did not finish (exit ${run.status}, signal ${run.signal})`);
  process.exit(run.status || 1);
}
console.log(`\n${selected.length} test files`);
console.log(`${passed} passed, ${total - passed} failed`);
process.exit(run.status === 0 && passed === total ? 0 : 1);
