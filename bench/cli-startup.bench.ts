/**
 * Whole-process time of the `mot` command, peers run interleaved in this one
 * run (median of N):
 *
 *   node -e 0        Node's own start, the floor
 *   before           the CLI as it was before packaging (commit 51947b6's
 *                    main.ts: tsx compiling the sources on load, every command
 *                    module imported up front), run from this checkout's sources
 *   repo             today's `pnpm mot` / bin/mot.js in the repository
 *                    (tsx on the sources, only the command run is imported)
 *   built            the installed `mot` from the tarballs (dist/, plain node,
 *                    lazy command import): what a user runs
 *
 * Commands: `mot --help`, and `mot eval` on the five MOT15 train sequences with
 * gt (SORT reference results). Target: built `mot --help` within 2x of
 * `node -e 0`.
 *
 * The built peer needs an install: set MOT_BENCH_PROJECT to a project made by
 * the tarball test (MOT_KEEP_TARBALL_PROJECT=1 node scripts/tarball-test.mjs),
 * or this bench packs and installs one itself (a few minutes).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median } from './bench-utils.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const BEFORE_COMMIT = '51947b6';
const SEQS = ['ADL-Rundle-6', 'ETH-Bahnhof', 'KITTI-13', 'PETS09-S2L1', 'TUD-Campus'];
const HELP_RUNS = 15;
const EVAL_RUNS = 5;

const tmp = mkdtempSync(join(tmpdir(), 'mot-cli-bench-'));
const results = join(tmp, 'results');
mkdirSync(results);
for (const s of SEQS) copyFileSync(join(root, 'fixtures/mot15', s, 'sort_reference.txt'), join(results, `${s}.txt`));

// "before": the old entry point, its imports pointed at this checkout's command modules.
const beforeMain = join(tmp, 'main-before.mts'); // .mts: ESM (top-level await) with no package.json around it
const oldMain = execFileSync('git', ['show', `${BEFORE_COMMIT}:examples/cli/src/main.ts`], { cwd: root, encoding: 'utf8' });
const commander = pathToFileURL(createRequire(join(root, 'examples/cli/package.json')).resolve('commander')).href;
writeFileSync(
  beforeMain,
  oldMain
    .replace(/'\.\/commands\/([\w-]+)\.js'/g, (_, name: string) => `'${pathToFileURL(join(root, 'examples/cli/src/commands', `${name}.ts`)).href}'`)
    .replace(/from 'commander'/, `from '${commander}'`),
);
const beforeBin = join(tmp, 'mot-before.mjs');
writeFileSync(beforeBin, `import { register } from ${JSON.stringify(pathToFileURL(join(root, 'node_modules/tsx/dist/esm/api/index.mjs')).href)};\nregister();\nawait import(${JSON.stringify(pathToFileURL(beforeMain).href)});\n`);

let project = process.env.MOT_BENCH_PROJECT;
if (project === undefined || !existsSync(join(project, 'node_modules/.bin/mot'))) {
  const { build, packAndInstall } = (await import(pathToFileURL(join(root, 'scripts/tarball-install.mjs')).href)) as {
    build(): void;
    packAndInstall(dir: string): unknown;
  };
  build();
  project = join(tmp, 'project');
  mkdirSync(project);
  packAndInstall(project);
}
const builtBin = join(project, 'node_modules/@mot/cli/bin/mot.js');

type Peer = { name: string; argv: (args: string[]) => string[] };
const node = process.execPath;
const peers: Peer[] = [
  { name: 'before (tsx, eager)', argv: (a) => [beforeBin, ...a] },
  { name: 'repo (tsx, lazy)', argv: (a) => [join(root, 'examples/cli/bin/mot.js'), ...a] },
  { name: 'built (dist, lazy)', argv: (a) => [builtBin, ...a] },
];

function timeOnce(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(node, args, { cwd: root, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

function measure(label: string, args: string[], runs: number, withFloor: boolean): void {
  const times = new Map<string, number[]>();
  const all: Peer[] = withFloor ? [{ name: 'node -e 0', argv: () => ['-e', '0'] }, ...peers] : peers;
  for (const p of all) timeOnce(p.argv(args)); // warm the file cache
  for (let r = 0; r < runs; r++) {
    for (const p of all) {
      const list = times.get(p.name) ?? [];
      list.push(timeOnce(p.argv(args)));
      times.set(p.name, list);
    }
  }
  const floor = withFloor ? median(times.get('node -e 0') ?? []) : undefined;
  const before = median(times.get(peers[0].name) ?? []);
  console.log(`\n${label} (median of ${runs}, whole process, interleaved)`);
  for (const p of all) {
    const ms = median(times.get(p.name) ?? []);
    const vsFloor = floor !== undefined ? `  ${(ms / floor).toFixed(2)}x node -e 0` : '';
    console.log(`  ${p.name.padEnd(22)} ${ms.toFixed(0).padStart(6)} ms${vsFloor}  ${(before / ms).toFixed(2)}x faster than before`);
  }
}

try {
  measure('mot --help', ['--help'], HELP_RUNS, true);
  measure(`mot eval, ${SEQS.length} MOT15 sequences with gt`, ['eval', '--gt', join(root, 'fixtures/mot15'), '--results', results, '--benchmark', 'MOT15'], EVAL_RUNS, false);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
