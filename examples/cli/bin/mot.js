#!/usr/bin/env node
// The `mot` command. Which code it runs:
//   - in this repository (src/main.ts is beside bin/): the TypeScript sources,
//     compiled on load by tsx, so `pnpm mot` / `node examples/cli/bin/mot.js`
//     always run what is checked out, with no build step and no stale dist/
//     (in the workspace the @mot/* packages resolve to their src/ too);
//   - in an installed package (the tarball ships bin/ and dist/, no src/):
//     the built dist/main.js on plain Node, no tsx.
import { existsSync } from 'node:fs';

const source = new URL('../src/main.ts', import.meta.url);
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else {
  await import('../dist/main.js');
}
