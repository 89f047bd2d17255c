// Runs the benchmarks in bench/*.bench.ts, one process each so that one
// benchmark's heap and JIT state do not colour the next one's figures.
//
//   pnpm bench               every benchmark
//   pnpm bench hungarian     those whose file name contains "hungarian"
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((p) => f.includes(p)))
  .sort();
if (files.length === 0) {
  console.error(`bench: no benchmark matches ${filters.join(' ')}`);
  process.exit(1);
}
let failed = 0;
for (const f of files) {
  console.log(`\n=== ${f} ===`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', `${dir}${f}`], { stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(`bench: ${f} exited with ${run.status ?? run.signal}`);
    failed++;
  }
}
process.exit(failed === 0 ? 0 : 1);
