// The workspace's packages, found the way pnpm finds them (the globs of
// pnpm-workspace.yaml are `packages/*` and `examples/*`): every folder there
// with a package.json. Shared by the build, the tarball test and the docs, so
// a package added later is built, packed and documented with no list to edit.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const GLOBS = ['packages', 'examples'];

/**
 * @returns {{ name: string, dir: string, rel: string, manifest: any, workspaceDeps: string[] }[]}
 *   sorted so that every package comes after the workspace packages it depends on
 */
export function workspacePackages() {
  const found = [];
  for (const top of GLOBS) {
    for (const entry of readdirSync(join(ROOT, top)).sort()) {
      const manifestPath = join(ROOT, top, entry, 'package.json');
      if (!existsSync(manifestPath)) continue;
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
      found.push({ name: manifest.name, dir: join(ROOT, top, entry), rel: `${top}/${entry}`, manifest });
    }
  }
  const names = new Set(found.map((p) => p.name));
  for (const p of found) {
    const m = p.manifest;
    const deps = { ...m.dependencies, ...m.optionalDependencies, ...m.peerDependencies };
    p.workspaceDeps = Object.keys(deps).filter((d) => names.has(d)).sort();
  }
  // Topological order (dependencies first); a cycle is a packaging error.
  const byName = new Map(found.map((p) => [p.name, p]));
  const ordered = [];
  const state = new Map();
  const visit = (p, path) => {
    if (state.get(p.name) === 'done') return;
    if (state.get(p.name) === 'visiting') throw new Error(`workspace dependency cycle: ${[...path, p.name].join(' -> ')}`);
    state.set(p.name, 'visiting');
    for (const d of p.workspaceDeps) visit(byName.get(d), [...path, p.name]);
    state.set(p.name, 'done');
    ordered.push(p);
  };
  for (const p of found) visit(p, []);
  return ordered;
}
