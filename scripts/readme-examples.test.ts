/**
 * Every README's TypeScript examples run. Each ```ts block of every README.md
 * in the repository (packages, examples, the root; not node_modules, dist or
 * generated docs) is written beside its README, so its imports resolve as the
 * package's own would, and run with tsx from the repository root, where the
 * examples' relative paths (fixtures/...) point. A block must exit 0 with
 * nothing on stderr.
 *
 * A block that cannot run here says so with a comment right before it,
 * giving the reason:
 *
 *   <!-- not runnable: needs a GPU -->
 *
 * Also checked: no README links to or names a path outside the repository.
 */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SKIP_DIRS = new Set(['node_modules', 'dist', '.git', 'api']);
const NOT_RUNNABLE = /<!--\s*not runnable:\s*(\S[^]*?)\s*-->\s*$/;

export interface ReadmeBlock {
  readme: string;
  /** 1-based line of the opening fence. */
  line: number;
  code: string;
  /** Why it is not run, when marked. */
  skip?: string;
}

function findReadmes(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP_DIRS.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) findReadmes(path, out);
    else if (name === 'README.md') out.push(path);
  }
  return out;
}

/** The ```ts blocks of a markdown text, with the not-runnable marker that precedes each, if any. */
export function extractTsBlocks(readme: string, text: string): ReadmeBlock[] {
  const lines = text.split('\n');
  const blocks: ReadmeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[i])) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i]);
    const before = lines.slice(Math.max(0, start - 3), start).join('\n');
    const skip = NOT_RUNNABLE.exec(before)?.[1];
    blocks.push({ readme, line: start + 1, code: body.join('\n') + '\n', ...(skip !== undefined ? { skip } : {}) });
  }
  return blocks;
}

function runBlock(block: ReadmeBlock, index: number): Promise<{ status: number | null; stderr: string; stdout: string }> {
  // A dot-file beside the README (gitignored), so '@mot/x' and the package's dependencies resolve from there.
  const file = join(dirname(block.readme), `.readme-example-${index}-${block.line}.ts`);
  writeFileSync(file, block.code);
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], { cwd: ROOT, env: { ...process.env, FORCE_COLOR: '0' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      rmSync(file, { force: true });
      done({ status, stdout, stderr });
    });
  });
}

const readmes = findReadmes(ROOT).sort();
const blocks = readmes.flatMap((r) => extractTsBlocks(r, readFileSync(r, 'utf8')));

const parse = suite('README blocks: extraction');
parse('finds fenced ts blocks and the not-runnable reason before one', () => {
  const md = ['# x', '```ts', 'a();', '```', '', '<!-- not runnable: needs a camera -->', '```ts', 'b();', '```', '```sh', 'c', '```'].join('\n');
  assert.equal(extractTsBlocks('R.md', md), [
    { readme: 'R.md', line: 2, code: 'a();\n' },
    { readme: 'R.md', line: 7, code: 'b();\n', skip: 'needs a camera' },
  ]);
});
parse('the repository has README examples to run', () => {
  assert.ok(blocks.filter((b) => b.skip === undefined).length >= 10, `${blocks.length} blocks`);
});
parse.run();

const paths = suite('READMEs: no path outside the repository');
paths('no README links to or names a path that leaves the repository', () => {
  const problems: string[] = [];
  for (const r of readmes) {
    const text = readFileSync(r, 'utf8');
    for (const m of text.matchAll(/(?:\]\(|`|\s)((?:\.\.\/)+[^\s)`'"]*)/g)) {
      const target = resolve(dirname(r), m[1]);
      if (relative(ROOT, target).startsWith('..')) problems.push(`${relative(ROOT, r)}: ${m[1]}`);
    }
    for (const m of text.matchAll(/\/work\/|shared\/DESIGN|\.\.\/shared/g)) problems.push(`${relative(ROOT, r)}: ${m[0]}`);
  }
  assert.equal(problems, []);
});
paths.run();

const run = suite('README examples run');
for (const [i, block] of blocks.entries()) {
  const where = `${relative(ROOT, block.readme)}:${block.line}`;
  if (block.skip !== undefined) {
    run(`${where} (not runnable: ${block.skip})`, () => {
      assert.ok(block.skip!.length >= 8, `${where}: give a reason why the block does not run`);
    });
    continue;
  }
  run(where, async () => {
    const r = await runBlock(block, i);
    assert.is(r.stderr, '', `${where} wrote to stderr:\n${r.stderr}`);
    assert.is(r.status, 0, `${where} exited ${r.status}`);
  });
}
run.run();
