// Packs every workspace package with `pnpm pack` (workspace:* replaced by
// versions, publishConfig's dist/ exports applied) and installs the tarballs
// with npm into a new project outside the workspace, third-party
// dependencies from the registry. Used by scripts/tarball-test.mjs and by
// bench/cli-startup.bench.ts (which times the installed `mot`).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, workspacePackages } from './workspace-packages.mjs';

const PNPM = ['--yes', 'pnpm@10.34.9'];
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function step(label, fn) {
  const t0 = performance.now();
  const out = fn();
  console.log(`[tarballs] ${label}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return out;
}

/** Runs `node scripts/build.mjs` (tsc -b; quick when nothing changed). */
export function build() {
  step('build (tsc -b)', () => execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] }));
}

/**
 * @param {string} project an empty folder outside the workspace
 * @returns {{ tarballs: Record<string, string>, packages: ReturnType<typeof workspacePackages> }}
 */
export function packAndInstall(project) {
  const packages = workspacePackages();
  const tarDir = join(project, 'tarballs');
  mkdirSync(tarDir, { recursive: true });
  const tarballs = {};
  step(`pnpm -r pack of ${packages.length} packages`, () => {
    execFileSync(npx, [...PNPM, '-r', 'pack', '--pack-destination', tarDir], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  });
  const made = new Set(readdirSync(tarDir));
  for (const p of packages) {
    // pnpm names a tarball <scope>-<name>-<version>.tgz
    const file = `${p.name.replace(/^@/, '').replace('/', '-')}-${p.manifest.version}.tgz`;
    if (!made.has(file)) throw new Error(`pnpm -r pack made no ${file} for ${p.rel} (made: ${[...made].join(', ')})`);
    tarballs[p.name] = `file:tarballs/${file}`;
  }
  // Root TypeScript and Node types for the user's own tsc, at the versions the
  // workspace builds with.
  const rootManifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const manifest = {
    name: 'mot-tarball-user',
    private: true,
    version: '0.0.0',
    dependencies: tarballs,
    devDependencies: {
      typescript: rootManifest.devDependencies.typescript,
      '@types/node': rootManifest.devDependencies['@types/node'],
    },
    // The tarballs depend on each other by version (0.1.0); overrides make npm
    // take those from our tarballs, never from the registry.
    overrides: tarballs,
  };
  writeFileSync(join(project, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  step('npm install (tarballs + registry dependencies)', () => {
    const r = spawnSync(npm, ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: project, encoding: 'utf8' });
    process.stdout.write(r.stdout);
    process.stderr.write(r.stderr);
    if (r.status !== 0) throw new Error(`npm install failed in ${project} (exit ${r.status})`);
  });
  // onnxruntime-node is an optional dependency of @mot/detector: its postinstall
  // downloads CUDA binaries from nuget.org, and where that fails npm leaves it
  // out and the install still succeeds (backend 'ort' then reports it missing).
  const ort = existsSync(join(project, 'node_modules', 'onnxruntime-node'));
  console.log(`[tarballs] optional onnxruntime-node: ${ort ? 'installed' : 'not installed (its postinstall failed or was skipped; npm went on without it)'}`);
  return { tarballs, packages };
}
